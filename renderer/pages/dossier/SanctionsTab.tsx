/**
 * 处分/处理台账 of one person: every record with its two impact ends (提拔/进一步使用 and
 * 评先评优), how each was computed, and any adjustment beside the computed end.
 */
import { App, Button, Popover, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import type { ImpactHistoryEntry, Sanction } from '../../../core/sanctions/contract';
import type { ImpactEnd } from '../../../core/sanctions/impactPeriod';
import { CATEGORY_LABELS } from '../../../core/sanctions/kinds';
import { errorMessage } from '../../api/errors';
import { useApiMutation } from '../../api/hooks';
import { formatDate } from '../../lib/format';
import { useCan } from '../../lib/permissions';
import { barredToday, endText } from '../opinions/labels';
import { OverrideModal } from './OverrideModal';
import { SanctionFormDrawer } from './SanctionFormDrawer';

function EndCell({
  end,
  computed,
  overridden,
  reason,
  version,
  testId,
}: {
  end: ImpactEnd;
  computed: ImpactEnd;
  overridden: boolean;
  reason: string | null;
  version: string | null;
  testId: string;
}) {
  const barred = barredToday(end);
  return (
    <div data-testid={testId}>
      <Space size={4} wrap>
        <span>{endText(end)}</span>
        {end === null ? null : barred ? <Tag color="red">影响期内</Tag> : <Tag>已期满</Tag>}
      </Space>
      {version ? (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} data-testid="rule-version">
          按规则{version}计算
        </Typography.Text>
      ) : null}
      {overridden ? (
        <div>
          <Tooltip title={`调整理由：${reason ?? ''}`}>
            <Tag color="orange">已调整</Tag>
          </Tooltip>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            计算结果：{endText(computed)}
          </Typography.Text>
        </div>
      ) : null}
    </div>
  );
}

const CAUSE_LABELS: Record<ImpactHistoryEntry['cause'], string> = {
  edit: '记录变更后重算',
  ruleSet: '启用新版规则后重算',
  setting: '评先评优口径变更后重算',
};

function Steps({ s }: { s: Sanction }) {
  const running = s.computed.bars.filter((b) => barredToday(b.end));
  return (
    <div style={{ maxWidth: 520 }} data-testid="impact-steps">
      {s.computed.bars.length ? (
        <div style={{ marginBottom: 8 }}>
          <Typography.Text strong>各项限制</Typography.Text>
          <ul style={{ paddingInlineStart: 20, margin: '4px 0' }}>
            {s.computed.bars.map((b) => (
              <li key={b.text}>
                {b.text}：至{endText(b.end)} {running.includes(b) ? <Tag color="red">未满</Tag> : <Tag>已满</Tag>}
                {b.practice ? <Tag color="gold">单位惯例</Tag> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <Typography.Text strong>计算过程</Typography.Text>
      <ol style={{ paddingInlineStart: 20, margin: 0 }}>
        {s.computed.steps.map((step, i) => (
          <li key={i} style={{ marginBottom: 4 }}>
            {step}
          </li>
        ))}
      </ol>
      {s.override.promotionEnd !== null ? (
        <div style={{ marginTop: 8 }}>
          提拔/进一步使用影响期已人工调整为{endText(s.override.promotionEnd)}，理由：{s.override.promotionReason}
        </div>
      ) : null}
      {s.override.commendationEnd !== null ? (
        <div style={{ marginTop: 8 }}>
          评先评优影响期已人工调整为{endText(s.override.commendationEnd)}，理由：{s.override.commendationReason}
        </div>
      ) : null}
      {s.computed.ruleVersion ? (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
          规则版本：{s.computed.ruleVersion}（设置 › 影响期规则）
        </Typography.Text>
      ) : null}
      {s.computed.history.length ? (
        <div style={{ marginTop: 8 }} data-testid="impact-history">
          <Typography.Text strong>变更历史</Typography.Text>
          <ul style={{ paddingInlineStart: 20, margin: '4px 0', fontSize: 12 }}>
            {s.computed.history.map((h, i) => (
              <li key={i}>
                {formatDate(h.changedAt.slice(0, 10))}
                {CAUSE_LABELS[h.cause]}：提拔影响期 {endText(h.old.promotionEnd)}→{endText(h.new.promotionEnd)}，评优影响期{' '}
                {endText(h.old.commendationEnd)}→{endText(h.new.commendationEnd)}（规则{h.old.ruleVersion ?? '未记录'}→{h.new.ruleVersion}）
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

export function SanctionsTab({ personId, personName, sanctions }: { personId: string; personName: string; sanctions: Sanction[] }) {
  const { modal, message } = App.useApp();
  const can = useCan();
  const [editing, setEditing] = useState<{ key: number; sanction: Sanction | null } | null>(null);
  const [overriding, setOverriding] = useState<{ sanction: Sanction; which: 'promotion' | 'commendation' } | null>(null);
  const remove = useApiMutation('sanctions.delete');
  const mayEdit = can('sanctions.update');
  const mayOverride = can('sanctions.override');

  const confirmDelete = (s: Sanction) =>
    modal.confirm({
      title: `删除“${CATEGORY_LABELS[s.category]}·${s.type}”记录？`,
      content: `${s.decisionAuthority}${s.decisionNumber ? `（${s.decisionNumber}）` : ''}，${formatDate(s.effectiveDate)}生效。删除后，这条记录不再参与廉政意见核查。`,
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await remove.mutateAsync({ id: s.id });
          message.success('处分记录已删除');
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });

  const columns: TableProps<Sanction>['columns'] = [
    {
      title: '处分/处理',
      key: 'kind',
      width: 170,
      render: (_v, s) => (
        <Space orientation="vertical" size={2}>
          <span>
            {CATEGORY_LABELS[s.category]}·{s.type}
            {s.probationMonths ? `（察看期${s.probationMonths}个月）` : ''}
          </span>
          {s.computed.measure ? (
            <Tag color="orange">
              措施，非影响期：{s.computed.measure.lastDay ? `至${formatDate(s.computed.measure.lastDay)}` : '检查期间建议暂缓'}
            </Tag>
          ) : null}
          {s.status !== '有效' ? (
            <Tag color={s.status === '已撤销' ? 'default' : 'blue'}>
              {s.status}
              {s.statusDate ? `（${formatDate(s.statusDate)}）` : ''}
            </Tag>
          ) : null}
        </Space>
      ),
    },
    {
      title: '决定机关及文号',
      key: 'authority',
      width: 170,
      render: (_v, s) => (
        <div>
          <div>{s.decisionAuthority}</div>
          {s.decisionNumber ? <Typography.Text type="secondary">{s.decisionNumber}</Typography.Text> : null}
        </div>
      ),
    },
    { title: '决定日期', dataIndex: 'decisionDate', key: 'decisionDate', width: 130, render: (v: string) => formatDate(v) },
    {
      title: '生效日期',
      dataIndex: 'effectiveDate',
      key: 'effectiveDate',
      width: 130,
      render: (v: string, s) => (
        <div>
          <div>{formatDate(v)}</div>
          {s.restorationDate ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDate(s.restorationDate)}恢复党员权利
            </Typography.Text>
          ) : null}
        </div>
      ),
    },
    {
      title: '提拔影响期至',
      key: 'promotionEnd',
      width: 190,
      render: (_v, s) => (
        <EndCell
          end={s.promotionEnd}
          computed={s.computed.promotionEnd}
          overridden={s.override.promotionEnd !== null}
          reason={s.override.promotionReason}
          version={s.override.promotionEnd !== null ? null : s.computed.ruleVersion}
          testId="promotion-end"
        />
      ),
    },
    {
      title: '评优影响期至',
      key: 'commendationEnd',
      width: 190,
      render: (_v, s) => (
        <EndCell
          end={s.commendationEnd}
          computed={s.computed.commendationEnd}
          overridden={s.override.commendationEnd !== null}
          reason={s.override.commendationReason}
          version={s.override.commendationEnd !== null ? null : s.computed.ruleVersion}
          testId="commendation-end"
        />
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 220,
      render: (_v, s) => (
        <Space size={0} wrap>
          <Popover title="影响期计算过程" trigger="click" content={<Steps s={s} />}>
            <Button type="link" size="small">
              计算过程
            </Button>
          </Popover>
          {mayOverride ? (
            <Button type="link" size="small" onClick={() => setOverriding({ sanction: s, which: 'promotion' })}>
              调整
            </Button>
          ) : null}
          {mayEdit ? (
            <Button type="link" size="small" onClick={() => setEditing({ key: Date.now(), sanction: s })}>
              修改
            </Button>
          ) : null}
          {mayEdit ? (
            <Button type="link" size="small" danger onClick={() => confirmDelete(s)}>
              删除
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <div>
      <Space style={{ marginBottom: 12 }}>
        {can('sanctions.create') ? (
          <Button type="primary" onClick={() => setEditing({ key: Date.now(), sanction: null })}>
            登记处分/处理
          </Button>
        ) : null}
        <Typography.Text type="secondary">影响期的最后一日仍在影响期内，次日起期满。</Typography.Text>
      </Space>
      <Table<Sanction>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={sanctions}
        pagination={false}
        locale={{ emptyText: '没有处分/处理记录' }}
        expandable={{
          rowExpandable: (s) => !!s.summary,
          expandedRowRender: (s) => <div style={{ whiteSpace: 'pre-wrap' }}>主要事实：{s.summary}</div>,
        }}
      />
      {editing ? (
        <SanctionFormDrawer
          key={editing.key}
          open
          personId={personId}
          personName={personName}
          sanction={editing.sanction}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {overriding ? (
        <OverrideModal sanction={overriding.sanction} initialWhich={overriding.which} onClose={() => setOverriding(null)} />
      ) : null}
    </div>
  );
}
