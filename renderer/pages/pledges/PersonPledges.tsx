/**
 * The pledges on a person's page (people.dossier → pledges): every campaign the person is on,
 * signed or not, with a link to the campaign.
 */
import { Table, Tag } from 'antd';
import type { TableProps } from 'antd';
import { Link } from 'react-router';
import type { PledgeSigned } from '../../../core/pledges/contract';
import { cnDate } from '../../lib/dates';
import { campaignPath } from './paths';

export function PersonPledges({ pledges }: { pledges: PledgeSigned[] }) {
  const columns: TableProps<PledgeSigned>['columns'] = [
    { title: '年度', dataIndex: 'year', key: 'year', width: 70 },
    { title: '类型', dataIndex: 'pledgeType', key: 'pledgeType', width: 170 },
    {
      title: '批次',
      dataIndex: 'title',
      key: 'title',
      render: (v: string, p) => <Link to={campaignPath(p.campaignId)}>{v}</Link>,
    },
    {
      title: '签订',
      key: 'signed',
      width: 90,
      render: (_v, p) => (p.signed ? <Tag color="green">已签</Tag> : <Tag color="red">未签</Tag>),
    },
    { title: '签订日期', dataIndex: 'signedDate', key: 'signedDate', width: 140, render: (v: string | null) => cnDate(v) },
  ];
  return (
    <Table<PledgeSigned>
      rowKey="campaignId"
      size="small"
      columns={columns}
      dataSource={pledges}
      pagination={pledges.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      locale={{ emptyText: '没有承诺书记录' }}
      data-testid="person-pledges"
    />
  );
}
