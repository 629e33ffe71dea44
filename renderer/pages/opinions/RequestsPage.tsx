/**
 * 征求意见: incoming letters, server-paged (opinionRequests.list). Open letters come first,
 * nearest due date first; overdue ones are red. Search is IME-safe.
 */
import { Input, Segmented, Tag } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { RequestSummary } from '../../../core/opinions/contract';
import { ListPage } from '../../components/ListPage';
import { usePagedList } from '../../lib/usePagedList';
import { formatDate } from '../../lib/format';
import { useImeSafeSearch } from '../../lib/ime';
import { OPINION_PATHS, requestPath } from '../../lib/links';
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
  const search = useImeSafeSearch();
  const [state, setState] = useState<State>('all');
  // 全部 is the server's default: sent as no filter, so the list and 导出 agree.
  const requests = usePagedList(
    'opinionRequests.list',
    { query: search.searched, state: state === 'all' ? undefined : state },
    { total: (total) => `共 ${total} 件` },
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
    <ListPage<RequestSummary>
      title="征求意见"
      exportRequest={{ list: 'opinionRequests', filter: requests.filter }}
      create={{ label: '登记来函', channel: 'opinionRequests.create', onClick: () => navigate(OPINION_PATHS.newRequest) }}
      filtersLabel="筛选来函"
      filters={
        <>
          <Segmented<State> options={STATES} value={state} onChange={setState} aria-label="按办理状态筛选" />
          <Input
            {...search.inputProps}
            allowClear
            aria-label="搜索来函"
            placeholder="来函单位、标题、来函文号或人员姓名"
            style={{ width: 340 }}
          />
        </>
      }
      paged={requests}
      columns={columns}
      rowKey="id"
      onOpen={(r) => navigate(requestPath(r.id))}
      tableProps={{ rowClassName: (r) => (r.overdue ? 'qinglian-row-overdue' : '') }}
      emptyText={requests.filtered ? '没有符合条件的来函' : '还没有登记征求意见函，点击“登记来函”添加'}
    />
  );
}
