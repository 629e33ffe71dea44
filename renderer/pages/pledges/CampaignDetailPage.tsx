/**
 * One pledge campaign: progress (完成率, 已签/应签), progress per unit with the missing
 * count, the template text, and the roster with sign-offs, scans and breach checks.
 */
import { App, Button, Card, Col, Collapse, Flex, Progress, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { CampaignDetail } from '../../../core/pledges/contract';
import { errorMessage } from '../../api/errors';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { RateProgress, wholePercent } from '../../components/RateProgress';
import { cnDate } from '../../lib/dates';
import { formatDateTime } from '../../lib/format';
import { useCan } from '../../lib/permissions';
import { useDialog } from '../../lib/useDialog';
import { DetailPending } from '../../components/DetailPending';
import { PageHeader } from '../PageHeader';
import { AddToRosterModal } from './AddToRosterModal';
import { CampaignFormModal } from './CampaignFormModal';
import { PledgePrintButtons } from './PledgePrintButtons';
import { PLEDGE_PATHS } from './paths';
import { RosterCard, type RosterView } from './RosterCard';

type UnitRow = CampaignDetail['byUnit'][number];

export function CampaignDetailPage() {
  const { id = '' } = useParams<{ id: string }>();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const can = useCan();
  const query = useApiQuery('pledgeCampaigns.get', { id });
  const remove = useApiMutation('pledgeCampaigns.delete');
  const editing = useDialog();
  const adding = useDialog();
  const [view, setView] = useState<RosterView>({ filter: 'all', unitId: null });
  const c = query.data;

  if (query.error || !c) return <DetailPending title="承诺书" error={query.error} listPath={PLEDGE_PATHS.list} />;

  const confirmDelete = () =>
    modal.confirm({
      title: `删除承诺批次“${c.title}”？`,
      content: '删除后可在回收站恢复。已有人签订的批次不能删除。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await remove.mutateAsync({ id: c.id });
          message.success('已删除，可在回收站恢复。');
          navigate(PLEDGE_PATHS.list);
        } catch (e) {
          modal.error({ title: '不能删除', content: errorMessage(e), okText: '知道了' });
        }
      },
    });

  const percent = wholePercent(c.signedCount, c.rosterCount);
  const missing = c.rosterCount - c.signedCount;

  const unitColumns: TableProps<UnitRow>['columns'] = [
    { title: '单位', dataIndex: 'unitPath', key: 'unitPath' },
    { title: '应签', dataIndex: 'total', key: 'total', width: 70, align: 'right' },
    { title: '已签', dataIndex: 'signed', key: 'signed', width: 70, align: 'right' },
    {
      title: '未签',
      key: 'missing',
      width: 70,
      align: 'right',
      render: (_v, u) =>
        u.total - u.signed > 0 ? (
          <Typography.Text type="danger" strong>
            {u.total - u.signed}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">0</Typography.Text>
        ),
    },
    { title: '完成率', key: 'rate', width: 200, render: (_v, u) => <RateProgress done={u.signed} total={u.total} /> },
    {
      title: '',
      key: 'actions',
      width: 90,
      render: (_v, u) =>
        u.unitId && u.total > u.signed ? (
          <Button type="link" size="small" onClick={() => setView({ filter: 'unsigned', unitId: u.unitId })}>
            查看未签
          </Button>
        ) : null,
    },
  ];

  return (
    <div>
      <PageHeader
        title={
          <Space size={12} wrap>
            <span>{c.title}</span>
            <Tag color="red">{c.pledgeType}</Tag>
            {c.needsCosigner ? <Tag color="purple">{c.cosignerLabel ?? '家属'}共同签名</Tag> : null}
          </Space>
        }
        extra={
          <>
            <PledgePrintButtons campaign={c} />
            {can('pledgeCampaigns.update') ? <Button onClick={() => editing.open(true)}>修改</Button> : null}
            {can('pledgeCampaigns.delete') && c.signedCount === 0 ? (
              <Button danger onClick={confirmDelete}>
                删除
              </Button>
            ) : null}
            <Button onClick={() => navigate(PLEDGE_PATHS.list)}>返回列表</Button>
          </>
        }
      >
        <Typography.Text type="secondary">{`${c.year}年度\u3000开始日期：${cnDate(c.startDate)}`}</Typography.Text>
      </PageHeader>

      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={9}>
          <Card size="small" title="签订进度" style={{ height: '100%' }} data-testid="campaign-progress">
            <Flex gap={24} align="center" wrap>
              <Progress
                type="circle"
                percent={percent}
                size={110}
                format={(p) => `${p ?? 0}%`}
                strokeColor={percent === 100 ? '#389e0d' : undefined}
              />
              <Space orientation="vertical" size={4}>
                <Statistic title="完成率" value={percent} suffix="%" />
                <Typography.Text data-testid="signed-summary">
                  已签 {c.signedCount} / 应签 {c.rosterCount}
                </Typography.Text>
                <Typography.Text data-testid="target-summary" type={c.signedCount < c.targetCount ? 'warning' : 'success'}>
                  {`目标签订率${c.targetRate}%（${c.targetCount}人）`}
                  {c.signedCount < c.targetCount ? `，还差${c.targetCount - c.signedCount}人` : '，已达到'}
                </Typography.Text>
                {missing > 0 ? (
                  <Button type="link" danger style={{ padding: 0 }} onClick={() => setView({ filter: 'unsigned', unitId: null })}>
                    未签 {missing} 人，查看名单
                  </Button>
                ) : c.rosterCount ? (
                  <Typography.Text type="success">全部签订</Typography.Text>
                ) : null}
              </Space>
            </Flex>
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          <Card size="small" title="各单位进度" style={{ height: '100%' }}>
            <div data-testid="by-unit">
              <Table<UnitRow>
                rowKey={(u) => u.unitId ?? 'none'}
                size="small"
                columns={unitColumns}
                dataSource={c.byUnit}
                pagination={c.byUnit.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
                locale={{ emptyText: '名单为空' }}
              />
            </div>
          </Card>
        </Col>
      </Row>

      <Collapse
        size="small"
        style={{ marginBottom: 16 }}
        items={[
          {
            key: 'template',
            label: c.officialForm ? '承诺书正文（已固定）' : '承诺书正文',
            children: (
              <>
                {c.officialForm ? (
                  <Typography.Paragraph type="secondary" data-testid="official-form-note">
                    本批次承诺书已于{formatDateTime(c.officialForm.createdAt)}
                    首次正式打印或有人签订时固定正文，此后打印均用固定的正文，类型、正文和共同签名人不能再修改。
                  </Typography.Paragraph>
                ) : null}
                <p style={{ whiteSpace: 'pre-wrap', lineHeight: 1.9, margin: 0 }}>{c.templateText}</p>
              </>
            ),
          },
        ]}
      />

      <RosterCard campaign={c} view={view} onViewChange={setView} onAdd={() => adding.open(true)} />

      <CampaignFormModal
        key={editing.key}
        open={editing.isOpen}
        campaign={c}
        onClose={editing.close}
        onSaved={() => message.success('已保存修改')}
      />
      <AddToRosterModal key={adding.key} open={adding.isOpen} campaign={c} onClose={adding.close} />
    </div>
  );
}
