/** What the check found for one person: sanctions and their impact periods, measures, 在查事项, the reason for a changed conclusion. */
import { Tag, Typography } from 'antd';
import { CONCLUSION_LABELS, type ReplyItem } from '../../../core/opinions/contract';
import { PENDING_KIND_LABELS } from '../../../core/pendingMatters/contract';
import { COMMENDATION_READING_LABELS } from '../../../core/sanctions/commendationReadings';
import { formatDate } from '../../lib/format';
import { endText } from './labels';

export function Findings({ item }: { item: ReplyItem }) {
  const f = item.findings;
  return (
    <div data-testid="findings" style={{ paddingInlineStart: 8 }}>
      <Typography.Text type="secondary">
        核查截至{formatDate(f.asOf)}，用途“{f.purpose}”（按{f.purpose === '评先评优' ? '评先评优' : '提拔/进一步使用'}影响期判断
        {f.purpose === '评先评优' && f.commendationReading ? `；评先评优口径：${COMMENDATION_READING_LABELS[f.commendationReading]}` : ''}）
      </Typography.Text>
      <div style={{ marginTop: 6 }}>
        <Typography.Text strong>处分/处理：</Typography.Text>
        {f.sanctions.length ? (
          <ul style={{ margin: '4px 0', paddingInlineStart: 20 }}>
            {f.sanctions.map((s) => (
              <li key={s.sanctionId}>
                {s.label}，{formatDate(s.effectiveDate)}生效，影响期至{endText(s.end)}{' '}
                {s.barring ? <Tag color="red">影响期内</Tag> : <Tag>{s.end === null ? '无影响期' : '已期满'}</Tag>}
                {s.ruleVersion ? <Typography.Text type="secondary">（规则{s.ruleVersion}）</Typography.Text> : null}
                {s.otherBars?.length ? (
                  <div>
                    <Typography.Text type="secondary">
                      仍在影响期内的其他限制：{s.otherBars.map((b) => `${b.text}（至${endText(b.end)}）`).join('；')}
                    </Typography.Text>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <span>无</span>
        )}
      </div>
      {f.measures?.length ? (
        <div style={{ marginTop: 4 }}>
          <Typography.Text strong>停职检查：</Typography.Text>
          {f.measures.map((m) => `${formatDate(m.effectiveDate)}起停职检查`).join('；')} <Tag color="orange">检查中</Tag>
        </div>
      ) : null}
      <div style={{ marginTop: 4 }}>
        <Typography.Text strong>在查事项：</Typography.Text>
        {f.pending.length ? (
          <ul style={{ margin: '4px 0', paddingInlineStart: 20 }}>
            {f.pending.map((p) => (
              <li key={p.id}>
                {PENDING_KIND_LABELS[p.kind]}，{formatDate(p.receivedDate)}受理{p.source ? `（${p.source}）` : ''}
                {p.summary ? `：${p.summary}` : ''} <Tag color="orange">在办</Tag>
              </li>
            ))}
          </ul>
        ) : (
          <span>无</span>
        )}
      </div>
      {item.overrideReason ? (
        <div style={{ marginTop: 4 }}>
          <Typography.Text strong>改变结论的理由：</Typography.Text>
          {item.overrideReason}（系统建议：{CONCLUSION_LABELS[item.proposedCategory]}）
        </div>
      ) : null}
    </div>
  );
}
