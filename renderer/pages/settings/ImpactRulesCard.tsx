/** 设置 › 影响期规则: the rule table the impact periods are computed from (read-only; versioned data in core). */
import { Alert, Card, Descriptions, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { CURRENT_IMPACT_RULES, type CommendationBar, type ImpactRule, type PromotionBar } from '../../../core/sanctions/impactRules';
import { CATEGORY_LABELS } from '../../../core/sanctions/kinds';
import { useApiQuery } from '../../api/hooks';

export function promotionText(bar: PromotionBar): string {
  switch (bar.kind) {
    case 'months':
      return `${bar.months}个月`;
    case 'afterRestoration':
      return `察看期＋恢复党员权利后${bar.months}个月`;
    case 'permanent':
      return '长期';
  }
}

export function commendationText(bar: CommendationBar): string {
  switch (bar.kind) {
    case 'samePeriod':
      return '同影响期';
    case 'yearOfEffect':
      return '生效当年';
    case 'none':
      return '不影响';
    case 'permanent':
      return '长期';
  }
}

const columns: TableProps<ImpactRule>['columns'] = [
  { title: '类别', dataIndex: 'category', key: 'category', width: 100, render: (c: ImpactRule['category']) => CATEGORY_LABELS[c] },
  { title: '种类', dataIndex: 'type', key: 'type', width: 110 },
  { title: '影响提拔/进一步使用', key: 'promotion', width: 190, render: (_v, r) => promotionText(r.promotion) },
  { title: '影响评先评优', key: 'commendation', width: 120, render: (_v, r) => commendationText(r.commendation) },
  { title: '说明', dataIndex: 'summary', key: 'summary' },
  {
    title: '依据',
    dataIndex: 'source',
    key: 'source',
    width: 260,
    render: (v: string) => <Typography.Text type="secondary">{v}</Typography.Text>,
  },
];

export function ImpactRulesCard() {
  const rules = useApiQuery('impactRules.list', {}, { staleTime: 60_000 });
  return (
    <Card size="small" title="影响期规则" data-testid="impact-rules">
      {rules.error ? <Alert type="error" showIcon title={rules.error.message} /> : null}
      {(rules.data ?? []).map((set) => (
        <div key={set.version} style={{ marginBottom: 16 }}>
          <Descriptions size="small" column={3} style={{ marginBottom: 8 }}>
            <Descriptions.Item label="版本">
              {set.version} {set.version === CURRENT_IMPACT_RULES.version ? <Tag color="green">现行</Tag> : null}
            </Descriptions.Item>
            <Descriptions.Item label="名称" span={2}>
              {set.title}
            </Descriptions.Item>
            <Descriptions.Item label="合并规则" span={3}>
              {set.partyRemainderAdds ? '党纪处分影响期内再受党纪处分的，影响期为原影响期剩余期限加新影响期；' : ''}
              政务处分影响期内再受政务处分的，合并执行，最长不超过{set.governmentCapMonths}
              个月。影响期自生效之日起计算，最后一日为N个月后对应日的前一日（无对应日的为该月末日）。
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
    </Card>
  );
}
