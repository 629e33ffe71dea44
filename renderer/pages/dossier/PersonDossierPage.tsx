/**
 * 人员档案: one person and everything the office holds on them — 处分/处理台账 with
 * impact periods, 在查事项, and every 廉政意见 given (people.dossier, one call).
 */
import { PATHS } from '../../app/paths';
import { Alert, Button, Card, Descriptions, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { OpinionGiven } from '../../../core/opinions/contract';
import { CATEGORY_LABELS } from '../../../core/sanctions/kinds';
import { useApiQuery } from '../../api/hooks';
import { formatBirthMonth, formatDate } from '../../lib/format';
import { requestPath } from '../../lib/links';
import { PersonFormModal } from '../people/PersonFormModal';
import { PageHeader } from '../PageHeader';
import { ConclusionTag, ReplyStatusTag, barredToday, endText } from '../opinions/labels';
import { PersonPledges } from '../pledges/PersonPledges';
import { SanctionsTab } from './SanctionsTab';
import { RecordTab } from './RecordTab';
import { CLEARANCE_KIND, PENDING_KIND, REVISIT_KIND, visitableSanctions } from './recordKinds';
import { RecusalTab } from './RecusalTab';
import { useIsAdmin } from '../../app/auth';

function OpinionsTab({ opinions }: { opinions: OpinionGiven[] }) {
  const columns: TableProps<OpinionGiven>['columns'] = [
    {
      title: '回复文号',
      key: 'docNumber',
      width: 200,
      render: (_v, o) => <Link to={requestPath(o.requestId, o.replyId)}>{o.docNumber ?? '（未签发）'}</Link>,
    },
    { title: '回复日期', dataIndex: 'replyDate', key: 'replyDate', width: 130, render: (v: string) => formatDate(v) },
    { title: '来函单位', dataIndex: 'requester', key: 'requester', width: 150 },
    { title: '用途', dataIndex: 'purpose', key: 'purpose', width: 100 },
    {
      title: '结论',
      dataIndex: 'category',
      key: 'category',
      width: 110,
      render: (c: OpinionGiven['category']) => <ConclusionTag category={c} />,
    },
    { title: '意见', dataIndex: 'wording', key: 'wording' },
    { title: '状态', dataIndex: 'status', key: 'status', width: 90, render: (s: OpinionGiven['status']) => <ReplyStatusTag status={s} /> },
  ];
  return (
    <Table<OpinionGiven>
      rowKey="replyId"
      size="middle"
      columns={columns}
      dataSource={opinions}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: '尚未出具过廉政意见' }}
    />
  );
}

export function PersonDossierPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const dossier = useApiQuery('people.dossier', { id });
  const [editingPerson, setEditingPerson] = useState(false);
  const [tab, setTab] = useState('sanctions');
  const isAdmin = useIsAdmin();

  if (dossier.error) {
    return (
      <div>
        <PageHeader title="人员档案" extra={<Button onClick={() => navigate(PATHS.people)}>返回人员库</Button>} />
        <Alert type="error" showIcon title={dossier.error.message} />
      </div>
    );
  }
  if (!dossier.data) {
    return (
      <Spin tip="正在读取…">
        <div style={{ height: 200 }} />
      </Spin>
    );
  }
  const { person, sanctions, pendingMatters, opinions, pledges, clearances, revisits } = dossier.data;
  const barring = sanctions.filter((s) => barredToday(s.promotionEnd));
  const open = pendingMatters.filter((m) => m.status === '在办');
  // 停职检查: a measure in force until lifted, not an impact period.
  const suspended = sanctions.filter(
    (s) => s.computed.measure && (s.computed.measure.lastDay === null || barredToday(s.computed.measure.lastDay)),
  );

  return (
    <div>
      <PageHeader
        title={`人员档案 · ${person.name}`}
        extra={
          <>
            <Button onClick={() => setEditingPerson(true)}>编辑人员信息</Button>
            <Button onClick={() => navigate(-1)}>返回</Button>
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={4} data-testid="person-header">
          <Descriptions.Item label="姓名">
            <Space size={4}>
              <Typography.Text strong>{person.name}</Typography.Text>
              {person.homonymCount > 0 ? <Tag color="orange">同名{person.homonymCount + 1}人</Tag> : null}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label="性别">{person.gender ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="出生年月">{formatBirthMonth(person.birthMonth) || '—'}</Descriptions.Item>
          <Descriptions.Item label="政治面貌">{person.politicalStatus ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="单位" span={2}>
            {person.unitPath ?? person.unitName ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label="职务">{person.position ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="职级/层次">{person.rank ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="人员类别">{person.category ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="身份证号">{person.idNumberMasked ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="当前情况" span={2}>
            <Space size={4} wrap data-testid="person-state">
              {suspended.map((s) => (
                <Tag color="orange" key={s.id}>
                  停职检查中（自{formatDate(s.effectiveDate)}起）
                </Tag>
              ))}
              {barring.length ? (
                barring.map((s) => (
                  <Tag color="red" key={s.id}>
                    {CATEGORY_LABELS[s.category]}·{s.type}影响期内（至{endText(s.promotionEnd)}）
                  </Tag>
                ))
              ) : suspended.length ? null : (
                <Tag color="green">不在影响期内</Tag>
              )}
              {open.length ? <Tag color="orange">在查事项{open.length}项</Tag> : null}
            </Space>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'sanctions',
              label: `处分/处理台账（${sanctions.length}）`,
              children: <SanctionsTab personId={person.id} personName={person.name} sanctions={sanctions} />,
            },
            {
              key: 'pending',
              label: `在查事项（${pendingMatters.length}）`,
              children: <RecordTab kind={PENDING_KIND} personId={person.id} personName={person.name} records={pendingMatters} ctx={null} />,
            },
            {
              key: 'clearances',
              label: `澄清正名（${clearances.length}）`,
              children: (
                <RecordTab kind={CLEARANCE_KIND} personId={person.id} personName={person.name} records={clearances} ctx={pendingMatters} />
              ),
            },
            {
              key: 'revisits',
              label: `暖心回访（${revisits.length}）`,
              children: (
                <RecordTab
                  kind={REVISIT_KIND}
                  personId={person.id}
                  personName={person.name}
                  records={revisits}
                  ctx={visitableSanctions(sanctions)}
                />
              ),
            },
            { key: 'opinions', label: `意见回复记录（${opinions.length}）`, children: <OpinionsTab opinions={opinions} /> },
            { key: 'pledges', label: `承诺书（${pledges.length}）`, children: <PersonPledges pledges={pledges} /> },
            ...(isAdmin ? [{ key: 'recusal', label: '回避', children: <RecusalTab personId={person.id} personName={person.name} /> }] : []),
          ]}
        />
      </Card>
      <PersonFormModal
        open={editingPerson}
        personId={person.id}
        onClose={() => setEditingPerson(false)}
        onSaved={() => void dossier.refetch()}
      />
    </div>
  );
}
