/** 待回访: sanctioned people not yet visited, with the day a visit was due (office setting). */
import { Card, Table, Tag } from 'antd';
import { Link } from 'react-router';
import type { RevisitDue } from '../../../core/revisits/contract';
import { useApiQuery } from '../../api/hooks';
import { ExportButton } from '../../components/ExportButton';
import { formatDate } from '../../lib/format';
import { personDossierPath } from '../../lib/links';

export function RevisitsDueCard({ asOf }: { asOf: string }) {
  const due = useApiQuery('revisits.due', { asOf });
  const overdue = (due.data ?? []).filter((d) => d.dueBy < asOf).length;
  return (
    <Card
      size="small"
      style={{ marginTop: 12 }}
      title={`尚未暖心回访的受处分人员（截至${formatDate(asOf)}，${due.data?.length ?? '…'}人次，已过回访期限${overdue}人次）`}
      extra={<ExportButton request={{ list: 'revisitsDue', filter: { asOf } }} />}
    >
      <Table<RevisitDue>
        rowKey="sanctionId"
        size="small"
        loading={due.isFetching}
        dataSource={due.data ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: '没有待回访的人员' }}
        columns={[
          {
            title: '姓名',
            dataIndex: 'personName',
            key: 'name',
            width: 100,
            render: (v: string, d) => <Link to={personDossierPath(d.personId)}>{v}</Link>,
          },
          { title: '单位', dataIndex: 'unitName', key: 'unit' },
          { title: '处分', key: 'sanction', render: (_v, d) => `${d.category}·${d.type}` },
          { title: '决定日期', dataIndex: 'decisionDate', key: 'decisionDate', width: 140, render: (v: string) => formatDate(v) },
          {
            title: '应回访日期',
            dataIndex: 'dueBy',
            key: 'dueBy',
            width: 170,
            render: (v: string) => (
              <>
                {formatDate(v)} {v < asOf ? <Tag color="red">已过期限</Tag> : null}
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}
