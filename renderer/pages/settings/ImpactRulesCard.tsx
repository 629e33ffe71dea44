/**
 * 设置 › 影响期规则: the 评先评优 reading this office applies (administrators change it; every
 * record is recomputed, old ends kept in history), and the rule table — each bar with
 * its length and the article it comes from, 单位惯例 marked — versioned data in core.
 */
import { Alert, App, Button, Card, Descriptions, Radio, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { COMMENDATION_READINGS, COMMENDATION_READING_LABELS, type CommendationReading } from '../../../core/sanctions/commendationReadings';
import { CURRENT_IMPACT_RULES, type BarPurpose, type ImpactRule } from '../../../core/sanctions/impactRules';
import { CATEGORY_LABELS } from '../../../core/sanctions/kinds';
import { errorMessage } from '../../api/errors';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { useCan } from '../../lib/permissions';

export const BAR_PURPOSE_LABELS: Record<BarPurpose, string> = {
  career: '提拔、进一步使用等',
  annualGrade: '年度考核等次',
  membership: '重新入党',
};

function BarsCell({ rule }: { rule: ImpactRule }) {
  if (rule.measure) {
    return (
      <div>
        <div>{rule.measure.text}</div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          依据：{rule.measure.source}
          {rule.measure.practice ? <Tag style={{ marginInlineStart: 6 }}>单位惯例</Tag> : null}
        </Typography.Text>
      </div>
    );
  }
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
      {rule.bars.map((b) => (
        <li key={b.text} style={{ marginBottom: 4 }}>
          <Tag>{BAR_PURPOSE_LABELS[b.purpose]}</Tag>
          {b.text}
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              依据：{b.source}
            </Typography.Text>
            {b.practice ? (
              <Typography.Text type="warning" style={{ fontSize: 12, display: 'block' }}>
                单位惯例：{b.practice}
              </Typography.Text>
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}

const columns: TableProps<ImpactRule>['columns'] = [
  { title: '类别', dataIndex: 'category', key: 'category', width: 100, render: (c: ImpactRule['category']) => CATEGORY_LABELS[c] },
  { title: '种类', dataIndex: 'type', key: 'type', width: 100 },
  { title: '各项限制、期限及依据', key: 'bars', render: (_v, r) => <BarsCell rule={r} /> },
];

function CommendationReadingForm() {
  const can = useCan();
  const editable = can('impactSettings.update');
  const { message, modal } = App.useApp();
  const settings = useApiQuery('impactSettings.get', {});
  const update = useApiMutation('impactSettings.update');
  // The clerk's pick until saved; otherwise what is stored.
  const [chosen, setValue] = useState<CommendationReading | null>(null);
  const value = chosen ?? settings.data?.commendationReading ?? null;

  const save = () => {
    if (!value) return;
    modal.confirm({
      title: '修改评先评优执行口径',
      content:
        '修改后，所有处分（处理）记录的评先评优影响期将按新口径重新计算，原计算结果保留在记录的变更历史中；已签发的回复不受影响。确定修改吗？',
      okText: '确定修改',
      cancelText: '取消',
      onOk: async () => {
        try {
          await update.mutateAsync({ commendationReading: value });
          setValue(null);
          message.success('评先评优执行口径已保存，影响期已重新计算');
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });
  };

  return (
    <div style={{ marginBottom: 16 }} data-testid="commendation-reading">
      <Typography.Text strong>评先评优执行口径</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        各地对受处分（处理）人员评先评优的限制规定不一，由本单位按当地规定选择；每条意见记录生成时所用的口径。
      </Typography.Paragraph>
      {settings.error ? <Alert type="error" showIcon title={settings.error.message} /> : null}
      <Space orientation="vertical">
        <Radio.Group value={value} onChange={(e) => setValue(e.target.value as CommendationReading)} disabled={!editable}>
          <Space orientation="vertical">
            {COMMENDATION_READINGS.map((r) => (
              <Radio key={r} value={r}>
                {COMMENDATION_READING_LABELS[r]}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
        {editable ? (
          <Button
            type="primary"
            onClick={save}
            loading={update.isPending}
            disabled={!value || value === settings.data?.commendationReading}
          >
            保存口径
          </Button>
        ) : (
          <Typography.Text type="secondary">只有管理员可以修改评先评优执行口径。</Typography.Text>
        )}
      </Space>
    </div>
  );
}

export function ImpactRulesCard() {
  const rules = useApiQuery('impactRules.list', {}, { staleTime: 60_000 });
  return (
    <Card size="small" title="影响期规则" data-testid="impact-rules">
      <CommendationReadingForm />
      {rules.error ? <Alert type="error" showIcon title={rules.error.message} /> : null}
      {(rules.data?.sets ?? []).map((set) => (
        <div key={set.version} style={{ marginBottom: 16 }}>
          <Descriptions size="small" column={3} style={{ marginBottom: 8 }}>
            <Descriptions.Item label="版本">
              {set.version} {set.version === CURRENT_IMPACT_RULES.version ? <Tag color="green">现行</Tag> : null}
            </Descriptions.Item>
            <Descriptions.Item label="名称" span={2}>
              {set.title}
            </Descriptions.Item>
            <Descriptions.Item label="党纪处分合并" span={3}>
              {set.party.text}（{set.party.source}）
            </Descriptions.Item>
            <Descriptions.Item label="政务处分合并" span={3}>
              {set.government.text}（{set.government.source}）
            </Descriptions.Item>
            <Descriptions.Item label="期限计算" span={3}>
              影响期自生效之日起计算，最后一日为N个月后对应日的前一日（无对应日的为该月末日）；尚未执行的期限先按对应日计整月，余下计天。党纪处分与政务处分分别计算，同时存在时按影响较重的执行。
            </Descriptions.Item>
          </Descriptions>
          <Table<ImpactRule>
            rowKey={(r) => `${r.category}:${r.type}`}
            size="small"
            columns={columns}
            dataSource={[...set.rules]}
            pagination={false}
          />
        </div>
      ))}
      {(rules.data?.retired ?? []).map((r) => (
        <Typography.Paragraph key={r.version} type="secondary" style={{ fontSize: 12 }}>
          已停用版本 {r.version}（{r.title}）：已由 {r.retiredBy} 取代，按旧版本计算的结果保留在各记录的变更历史中。
        </Typography.Paragraph>
      ))}
    </Card>
  );
}
