/** The records behind one number (statistics.records), each opening its own page; exportable. */
import { Modal, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { Link } from 'react-router';
import type { MetricKey, RecordTarget, StatRecord } from '../../../core/statistics/contract';
import { ExportButton } from '../../components/ExportButton';
import { formatDate } from '../../lib/format';
import { usePagedList } from '../../lib/usePagedList';
import { personDossierPath, requestPath } from '../../lib/links';
import { campaignPath } from '../pledges/paths';
import { reminderPath } from '../reminders/paths';

export interface Drill {
  metric: MetricKey;
  group: string | null;
  title: string;
}

const targetPath = (t: RecordTarget) =>
  t.kind === 'person'
    ? personDossierPath(t.id)
    : t.kind === 'request'
      ? requestPath(t.id, t.replyId)
      : t.kind === 'reminder'
        ? reminderPath(t.id)
        : campaignPath(t.id);

export function RecordsModal({ drill, from, to, onClose }: { drill: Drill; from: string; to: string; onClose: () => void }) {
  const records = usePagedList(
    'statistics.records',
    { from, to, metric: drill.metric, group: drill.group },
    { pageSizes: [20, 50, 100, 200], total: (t) => `共 ${t} 条` },
  );
  const columns: TableProps<StatRecord>['columns'] = [
    { title: '人员', dataIndex: 'personName', key: 'personName', width: 100 },
    { title: '日期', dataIndex: 'date', key: 'date', width: 130, render: (v: string | null) => formatDate(v) },
    { title: '记录', dataIndex: 'title', key: 'title', render: (v: string, r) => <Link to={targetPath(r.target)}>{v}</Link> },
    {
      title: '说明',
      dataIndex: 'detail',
      key: 'detail',
      render: (v: string | null) => <Typography.Text type="secondary">{v}</Typography.Text>,
    },
  ];
  return (
    <Modal
      open
      width={960}
      title={`${drill.title}（共${records.list.data?.total ?? '…'}条）`}
      onCancel={onClose}
      footer={[
        <ExportButton
          key="export"
          request={{ list: 'statisticsRecords', filter: { from, to, metric: drill.metric, group: drill.group } }}
        />,
      ]}
    >
      <Table<StatRecord>
        rowKey="id"
        size="small"
        data-testid="stat-records"
        columns={columns}
        locale={{ emptyText: '没有记录' }}
        {...records.table}
      />
    </Modal>
  );
}
