/**
 * 承诺书: pledge campaigns (批次), paged by the server (pledgeCampaigns.list), with the roster
 * size, how many signed and the completion rate. Filter 年度; search 名称 or 类型 (IME-safe).
 */
import { Flex, Input, Tag } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { CampaignSummary } from '../../../core/pledges/contract';
import { ListPage } from '../../components/ListPage';
import { YearFilter } from '../../components/YearFilter';
import { usePagedList } from '../../lib/usePagedList';
import { RateProgress } from '../../components/RateProgress';
import { cnDate } from '../../lib/dates';
import { useImeSafeSearch } from '../../lib/ime';
import { useDialog } from '../../lib/useDialog';
import { CampaignFormModal } from './CampaignFormModal';
import { campaignPath } from './paths';

export function PledgesPage() {
  const navigate = useNavigate();
  const search = useImeSafeSearch();
  const creating = useDialog();
  const [year, setYear] = useState<number | null>(null);
  const campaigns = usePagedList('pledgeCampaigns.list', { query: search.searched, year }, { total: (total) => `共 ${total} 个批次` });

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
    <ListPage<CampaignSummary>
      title="承诺书"
      exportRequest={{ list: 'pledgeCampaigns', filter: campaigns.filter }}
      create={{ label: '新建承诺批次', channel: 'pledgeCampaigns.create', onClick: () => creating.open(true) }}
      filtersLabel="筛选承诺批次"
      filters={
        <>
          <Input {...search.inputProps} allowClear aria-label="搜索承诺批次" placeholder="批次名称或类型" style={{ width: 280 }} />
          <YearFilter value={year} onChange={setYear} />
        </>
      }
      paged={campaigns}
      columns={columns}
      rowKey="id"
      onOpen={(c) => navigate(campaignPath(c.id))}
      emptyText={campaigns.filtered ? '没有符合条件的承诺批次' : '还没有承诺批次，点击“新建承诺批次”开始'}
    >
      <CampaignFormModal
        key={creating.key}
        open={creating.isOpen}
        campaign={null}
        onClose={creating.close}
        onSaved={(c) => navigate(campaignPath(c.id))}
      />
    </ListPage>
  );
}
