/**
 * 征求意见: incoming letters, server-paged (opinionRequests.list). Open letters come first,
 * nearest due date first; overdue ones are red. Search is IME-safe.
 */
import { ExportButton } from '../../components/ExportButton';
import { Alert, Button, Card, Flex, Input, Segmented, Table, Tag } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { RequestSummary } from '../../../core/opinions/contract';
import { useApiQuery } from '../../api/hooks';
import { formatDate } from '../../lib/format';
import { useImeSafeSearch } from '../../lib/ime';
import { OPINION_PATHS, requestPath } from '../../lib/links';
import { useCan } from '../../lib/permissions';
import { PageHeader } from '../PageHeader';
import { ReplyStatusTag } from './labels';
import './opinions.css';

type State = 'all' | 'open' | 'overdue' | 'replied';
const STATES: { value: State; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'open', label: '未办结' },
  { value: 'overdue', label: '已逾期' },
  { value: 'replied', label: '已回复' },
];

export function RequestsPage() {
  const navigate = useNavigate();
  const can = useCan();
  const search = useImeSafeSearch();
  const [state, setState] = useState<State>('all');
  const [pageSize, setPageSize] = useState(20);
  const filterKey = JSON.stringify([search.searched, state]);
  // A new search or filter starts again at page 1.
  const [paging, setPaging] = useState({ filterKey, page: 1 });
  const page = paging.filterKey === filterKey ? paging.page : 1;
  const setPage = (p: number) => setPaging({ filterKey, page: p });

  const list = useApiQuery(
    'opinionRequests.list',
    { ...(search.searched ? { query: search.searched } : {}), state, page, pageSize },
    { keepPrevious: true },
  );

  const columns: TableProps<RequestSummary>['columns'] = [
    { title: '来函单位', dataIndex: 'requester', key: 'requester', width: 120 },
    { title: '来函文号', dataIndex: 'requesterDocNumber', key: 'requesterDocNumber', width: 160 },
    {
      title: '标题',
      dataIndex: 'title',
      key: 'title',
      // A real link (reachable with Tab), not a text that only looks like one.
      render: (v: string, r) => <Link to={requestPath(r.id)}>{v}</Link>,
    },
    { title: '收文日期', dataIndex: 'receivedDate', key: 'receivedDate', width: 120, render: (v: string) => formatDate(v) },
    { title: '用途', dataIndex: 'purpose', key: 'purpose', width: 90 },
    { title: '人数', dataIndex: 'personCount', key: 'personCount', width: 60, align: 'right' },
    {
      title: '办理时限',
      dataIndex: 'dueDate',
      key: 'dueDate',
      width: 180,
      render: (v: string, r) =>
        r.overdue ? (
          <span className="qinglian-due-overdue">
            {formatDate(v)} <Tag color="red">已逾期</Tag>
          </span>
        ) : (
          formatDate(v)
        ),
    },
    {
      title: '回复状态',
      dataIndex: 'replyStatus',
      key: 'replyStatus',
      width: 90,
      render: (s: RequestSummary['replyStatus']) => <ReplyStatusTag status={s} />,
    },
    { title: '回复文号', dataIndex: 'replyDocNumber', key: 'replyDocNumber', width: 160 },
  ];

  return (
    <div>
      <PageHeader
        title="征求意见"
        extra={
          <>
            <ExportButton
              request={{ list: 'opinionRequests', filter: { ...(search.searched ? { query: search.searched } : {}), state } }}
            />
            {can('opinionRequests.create') ? (
              <Button type="primary" onClick={() => navigate(OPINION_PATHS.newRequest)}>
                登记来函
              </Button>
            ) : null}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={12} wrap align="center">
          <Segmented<State> options={STATES} value={state} onChange={setState} aria-label="按办理状态筛选" />
          <Input
            {...search.inputProps}
            allowClear
            aria-label="搜索来函"
            placeholder="来函单位、标题、来函文号或人员姓名"
            style={{ width: 340 }}
          />
        </Flex>
      </Card>
      {list.error ? <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} /> : null}
      <Table<RequestSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        rowClassName={(r) => (r.overdue ? 'qinglian-row-overdue' : '')}
        onRow={(r) => ({ onDoubleClick: () => navigate(requestPath(r.id)) })}
        locale={{ emptyText: search.searched || state !== 'all' ? '没有符合条件的来函' : '还没有登记征求意见函，点击“登记来函”添加' }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => `共 ${total} 件`,
        }}
        onChange={(p) => {
          if (p.pageSize && p.pageSize !== pageSize) {
            setPageSize(p.pageSize);
            setPage(1);
          } else setPage(p.current ?? 1);
        }}
      />
    </div>
  );
}
