/** 意见回复: every reply, server-paged (opinionReplies.list); search by 文号, 来函单位 or a person's name; status and date filters. */
import { DatePicker, Input } from 'antd';
import type { TableProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { REPLY_STATUSES, REPLY_STATUS_LABELS, type ReplyStatus, type ReplySummary } from '../../../core/opinions/contract';
import { FilterSelect } from '../../components/FilterSelect';
import { ListPage } from '../../components/ListPage';
import { usePagedList } from '../../lib/usePagedList';
import { DATE_INPUT_FORMATS } from '../../components/DateInput';
import { formatDate } from '../../lib/format';
import { useImeSafeSearch } from '../../lib/ime';
import { requestPath } from '../../lib/links';
import { ReplyStatusTag } from './labels';

export function RepliesPage() {
  const navigate = useNavigate();
  const search = useImeSafeSearch();
  const [status, setStatus] = useState<ReplyStatus | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const replies = usePagedList(
    'opinionReplies.list',
    { query: search.searched, status, dateFrom: range?.[0]?.format('YYYY-MM-DD'), dateTo: range?.[1]?.format('YYYY-MM-DD') },
    { total: (total) => `共 ${total} 份` },
  );

  const open = (r: ReplySummary) => navigate(requestPath(r.requestId, r.id));
  const columns: TableProps<ReplySummary>['columns'] = [
    {
      title: '文号',
      dataIndex: 'docNumber',
      key: 'docNumber',
      width: 200,
      // A real link (reachable with Tab), not a text that only looks like one.
      render: (v: string | null, r) => <Link to={requestPath(r.requestId, r.id)}>{v ?? '（未签发）'}</Link>,
    },
    { title: '回复日期', dataIndex: 'replyDate', key: 'replyDate', width: 130, render: (v: string) => formatDate(v) },
    { title: '来函单位', dataIndex: 'requester', key: 'requester', width: 140 },
    { title: '来函标题', dataIndex: 'requestTitle', key: 'requestTitle' },
    { title: '用途', dataIndex: 'purpose', key: 'purpose', width: 100 },
    { title: '人数', dataIndex: 'personCount', key: 'personCount', width: 70, align: 'right' },
    { title: '人员', dataIndex: 'names', key: 'names', ellipsis: true },
    { title: '状态', dataIndex: 'status', key: 'status', width: 90, render: (s: ReplyStatus) => <ReplyStatusTag status={s} /> },
  ];

  return (
    <ListPage<ReplySummary>
      title="意见回复"
      exportRequest={{ list: 'opinionReplies', filter: replies.filter }}
      filtersLabel="筛选回复"
      filters={
        <>
          <Input
            {...search.inputProps}
            allowClear
            aria-label="搜索回复"
            placeholder="文号、来函单位、标题或人员姓名"
            style={{ width: 320 }}
          />
          <FilterSelect
            label="按状态筛选"
            placeholder="全部状态"
            width={130}
            value={status}
            onChange={setStatus}
            values={REPLY_STATUSES}
            labels={REPLY_STATUS_LABELS}
          />
          <span>回复日期</span>
          <DatePicker.RangePicker
            aria-label="回复日期范围"
            value={range}
            onChange={(v) => setRange(v as [Dayjs | null, Dayjs | null] | null)}
            format={DATE_INPUT_FORMATS}
            placeholder={['起始日期', '截止日期']}
            allowEmpty={[true, true]}
          />
        </>
      }
      paged={replies}
      columns={columns}
      rowKey="id"
      onOpen={open}
      emptyText={replies.filtered ? '没有符合条件的回复' : '还没有意见回复'}
    />
  );
}
