/**
 * 承诺书: pledge campaigns (批次), paged by the server (pledgeCampaigns.list), with the roster
 * size, how many signed and the completion rate. Filter 年度; search 名称 or 类型 (IME-safe).
 */
import { ExportButton } from '../../components/ExportButton';
import { Alert, Button, Card, Flex, Input, InputNumber, Table, Tag } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { CampaignSummary } from '../../../core/pledges/contract';
import { useApiQuery } from '../../api/hooks';
import { RateProgress } from '../../components/RateProgress';
import { cnDate } from '../../lib/dates';
import { useImeSafeSearch } from '../../lib/ime';
import { useCan } from '../../lib/permissions';
import { useDialog } from '../../lib/useDialog';
import { PageHeader } from '../PageHeader';
import { CampaignFormModal } from './CampaignFormModal';
import { campaignPath } from './paths';

export function PledgesPage() {
  const navigate = useNavigate();
  const can = useCan();
  const search = useImeSafeSearch();
  const creating = useDialog();
  const [year, setYear] = useState<number | null>(null);
  const [paging, setPaging] = useState({ filterKey: '', page: 1 });
  const [pageSize, setPageSize] = useState(20);
  const filterKey = JSON.stringify([search.searched, year]);
  const page = paging.filterKey === filterKey ? paging.page : 1;

  const list = useApiQuery(
    'pledgeCampaigns.list',
    { ...(search.searched ? { query: search.searched } : {}), ...(year ? { year } : {}), page, pageSize },
    { keepPrevious: true },
  );

  const columns: TableProps<CampaignSummary>['columns'] = [
    {
      title: '类型',
      dataIndex: 'pledgeType',
      key: 'pledgeType',
      width: 170,
      render: (v: string, c) => (
        <Flex gap={4} wrap>
          <span>{v}</span>
          {c.needsCosigner ? <Tag color="purple">{c.cosignerLabel ?? '家属'}共签</Tag> : null}
        </Flex>
      ),
    },
    {
      title: '名称',
      dataIndex: 'title',
      key: 'title',
      render: (v: string, c) => <Link to={campaignPath(c.id)}>{v}</Link>,
    },
    { title: '年度', dataIndex: 'year', key: 'year', width: 70 },
    { title: '开始日期', dataIndex: 'startDate', key: 'startDate', width: 130, render: (v: string) => cnDate(v) },
    { title: '人数', dataIndex: 'rosterCount', key: 'rosterCount', width: 70, align: 'right' },
    { title: '已签', dataIndex: 'signedCount', key: 'signedCount', width: 70, align: 'right' },
    {
      title: '完成率',
      key: 'completion',
      width: 200,
      render: (_v, c) => <RateProgress done={c.signedCount} total={c.rosterCount} testId="completion" />,
    },
  ];

  return (
    <div>
      <PageHeader
        title="承诺书"
        extra={
          <>
            <ExportButton
              request={{
                list: 'pledgeCampaigns',
                filter: { ...(search.searched ? { query: search.searched } : {}), ...(year ? { year } : {}) },
              }}
            />
            {can('pledgeCampaigns.create') ? (
              <Button type="primary" onClick={() => creating.open(true)}>
                新建承诺批次
              </Button>
            ) : null}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={12} wrap align="center">
          <Input {...search.inputProps} allowClear aria-label="搜索承诺批次" placeholder="批次名称或类型" style={{ width: 280 }} />
          <InputNumber<number>
            aria-label="按年度筛选"
            placeholder="全部年度"
            min={2000}
            max={2100}
            value={year}
            onChange={(v) => setYear(typeof v === 'number' && v >= 2000 && v <= 2100 ? v : null)}
            style={{ width: 120 }}
            suffix="年"
          />
        </Flex>
      </Card>
      {list.error ? <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} /> : null}
      <Table<CampaignSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        onRow={(c) => ({ onDoubleClick: () => navigate(campaignPath(c.id)) })}
        locale={{ emptyText: search.searched || year ? '没有符合条件的承诺批次' : '还没有承诺批次，点击“新建承诺批次”开始' }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => `共 ${total} 个批次`,
        }}
        onChange={(pagination) => {
          if (pagination.pageSize && pagination.pageSize !== pageSize) {
            setPageSize(pagination.pageSize);
            setPaging({ filterKey, page: 1 });
          } else setPaging({ filterKey, page: pagination.current ?? 1 });
        }}
      />
      <CampaignFormModal
        key={creating.key}
        open={creating.isOpen}
        campaign={null}
        onClose={creating.close}
        onSaved={(c) => navigate(campaignPath(c.id))}
      />
    </div>
  );
}
