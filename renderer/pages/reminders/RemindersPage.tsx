/**
 * 廉洁提醒函: the letters, paged by the server (reminderLetters.list), newest first, with
 * receipt rate and overdue feedback per letter. Filters 年度 and 节点; the search box
 * (文号 or 标题) is IME-safe (lib/ime.ts).
 */
import { Input, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { OCCASIONS, type Occasion, type ReminderSummary } from '../../../core/reminders/contract';
import { FilterSelect } from '../../components/FilterSelect';
import { ListPage } from '../../components/ListPage';
import { YearFilter } from '../../components/YearFilter';
import { usePagedList } from '../../lib/usePagedList';
import { RateProgress } from '../../components/RateProgress';
import { cnDate } from '../../lib/dates';
import { useImeSafeSearch } from '../../lib/ime';
import { ReminderStatusTag } from './labels';
import { REMINDER_PATHS, reminderPath } from './paths';

export function RemindersPage() {
  const navigate = useNavigate();
  const search = useImeSafeSearch();
  const [year, setYear] = useState<number | null>(null);
  const [occasion, setOccasion] = useState<Occasion | undefined>();
  const letters = usePagedList('reminderLetters.list', { query: search.searched, year, occasion }, { total: (total) => `共 ${total} 份` });

  const columns: TableProps<ReminderSummary>['columns'] = [
    {
      title: '文号',
      dataIndex: 'docNumber',
      key: 'docNumber',
      width: 170,
      render: (v: string | null, r) => <Link to={reminderPath(r.id)}>{v ?? '（印发时编号）'}</Link>,
    },
    {
      title: '标题',
      dataIndex: 'title',
      key: 'title',
      render: (v: string, r) => <Link to={reminderPath(r.id)}>{v}</Link>,
    },
    { title: '类型', dataIndex: 'kind', key: 'kind', width: 100 },
    { title: '节点', dataIndex: 'occasion', key: 'occasion', width: 90 },
    { title: '年度', dataIndex: 'year', key: 'year', width: 70 },
    { title: '成文日期', dataIndex: 'letterDate', key: 'letterDate', width: 130, render: (v: string) => cnDate(v) },
    { title: '主送数', dataIndex: 'addresseeCount', key: 'addresseeCount', width: 70, align: 'right' },
    {
      title: '签收率',
      key: 'receipt',
      width: 190,
      render: (_v, r) =>
        r.status === 'draft' ? (
          <Typography.Text type="secondary">未印发</Typography.Text>
        ) : (
          <RateProgress done={r.receivedCount} total={r.addresseeCount} testId="receipt-rate" />
        ),
    },
    {
      title: '反馈逾期',
      dataIndex: 'feedbackOverdueCount',
      key: 'feedbackOverdueCount',
      width: 86,
      align: 'right',
      render: (n: number) =>
        n > 0 ? (
          <Typography.Text type="danger" strong data-testid="overdue-count">
            {n}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">0</Typography.Text>
        ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      key: 'status',
      width: 80,
      render: (s: ReminderSummary['status']) => <ReminderStatusTag status={s} />,
    },
  ];

  return (
    <ListPage<ReminderSummary>
      title="廉洁提醒函"
      exportRequest={{ list: 'reminderLetters', filter: letters.filter }}
      create={{ label: '新建提醒函', channel: 'reminderLetters.create', onClick: () => navigate(REMINDER_PATHS.new) }}
      filtersLabel="筛选提醒函"
      filters={
        <>
          <Input {...search.inputProps} allowClear aria-label="搜索提醒函" placeholder="文号或标题" style={{ width: 280 }} />
          <YearFilter value={year} onChange={setYear} />
          <FilterSelect label="按节点筛选" placeholder="全部节点" width={140} value={occasion} onChange={setOccasion} values={OCCASIONS} />
        </>
      }
      paged={letters}
      columns={columns}
      rowKey="id"
      onOpen={(r) => navigate(reminderPath(r.id))}
      emptyText={letters.filtered ? '没有符合条件的提醒函' : '还没有提醒函，点击“新建提醒函”开始'}
    />
  );
}
