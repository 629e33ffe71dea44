/** 意见回复: every reply, server-paged (opinionReplies.list); search by 文号, 来函单位 or a person's name; status and date filters. */
import { ExportButton } from '../../components/ExportButton';
import { Alert, Card, DatePicker, Flex, Input, Select, Table } from 'antd';
import type { TableProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { REPLY_STATUSES, REPLY_STATUS_LABELS, type ReplyStatus, type ReplySummary } from '../../../core/opinions/contract';
import { useApiQuery } from '../../api/hooks';
import { DATE_INPUT_FORMATS } from '../../components/DateInput';
import { formatDate } from '../../lib/format';
import { useImeSafeSearch } from '../../lib/ime';
import { requestPath } from '../../lib/links';
import { PageHeader } from '../PageHeader';
import { ReplyStatusTag } from './labels';

export function RepliesPage() {
  const navigate = useNavigate();
  const search = useImeSafeSearch();
  const [status, setStatus] = useState<ReplyStatus | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [pageSize, setPageSize] = useState(20);
  const dateFrom = range?.[0]?.format('YYYY-MM-DD');
  const dateTo = range?.[1]?.format('YYYY-MM-DD');
  const filterKey = JSON.stringify([search.searched, status, dateFrom, dateTo]);
  // A new search or filter starts again at page 1.
  const [paging, setPaging] = useState({ filterKey, page: 1 });
  const page = paging.filterKey === filterKey ? paging.page : 1;
  const setPage = (p: number) => setPaging({ filterKey, page: p });

  const list = useApiQuery(
    'opinionReplies.list',
    {
      ...(search.searched ? { query: search.searched } : {}),
      ...(status ? { status } : {}),
      ...(dateFrom ? { dateFrom } : {}),
      ...(dateTo ? { dateTo } : {}),
      page,
      pageSize,
    },
    { keepPrevious: true },
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
    <div>
      <PageHeader
        title="意见回复"
        extra={
          <ExportButton
            request={{
              list: 'opinionReplies',
              filter: {
                ...(search.searched ? { query: search.searched } : {}),
                ...(status ? { status } : {}),
                ...(dateFrom ? { dateFrom } : {}),
                ...(dateTo ? { dateTo } : {}),
              },
            }}
          />
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={12} wrap align="center">
          <Input
            {...search.inputProps}
            allowClear
            aria-label="搜索回复"
            placeholder="文号、来函单位、标题或人员姓名"
            style={{ width: 320 }}
          />
          <Select<ReplyStatus>
            aria-label="按状态筛选"
            placeholder="全部状态"
            allowClear
            style={{ width: 130 }}
            value={status}
            onChange={(v) => setStatus(v ?? undefined)}
            options={REPLY_STATUSES.map((s) => ({ value: s, label: REPLY_STATUS_LABELS[s] }))}
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
        </Flex>
      </Card>
      {list.error ? <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} /> : null}
      <Table<ReplySummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        onRow={(r) => ({ onDoubleClick: () => open(r) })}
        locale={{ emptyText: search.searched || status || range ? '没有符合条件的回复' : '还没有意见回复' }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => `共 ${total} 份`,
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
