/** Tags and words shared by the opinion screens and the person's page. */
import { Tag } from 'antd';
import { CONCLUSION_LABELS, REPLY_STATUS_LABELS, type Conclusion, type ReplyStatus } from '../../../core/opinions/contract';
import { barsOn, describeEnd, type ImpactEnd } from '../../../core/sanctions/impactPeriod';
import { localIsoDate } from '../../../core/shared/dates';

export const CONCLUSION_COLORS: Record<Conclusion, string> = { clear: 'green', pending: 'orange', barred: 'red', other: 'blue' };

export function ConclusionTag({ category }: { category: Conclusion }) {
  return (
    <Tag color={CONCLUSION_COLORS[category]} style={{ marginInlineEnd: 0 }} data-category={category}>
      {CONCLUSION_LABELS[category]}
    </Tag>
  );
}

const STATUS_COLORS: Record<ReplyStatus, string> = { draft: 'processing', reviewed: 'blue', issued: 'green', voided: 'default' };

export function ReplyStatusTag({ status }: { status: ReplyStatus | null }) {
  if (!status) return <Tag style={{ marginInlineEnd: 0 }}>未拟办</Tag>;
  return (
    <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }}>
      {REPLY_STATUS_LABELS[status]}
    </Tag>
  );
}

/** Today on this machine, as 'YYYY-MM-DD'. */
export const today = () => localIsoDate(new Date());

/** 2026年3月14日 / 长期 / 无 */
export const endText = (end: ImpactEnd) => describeEnd(end);

/** Is the person still barred by this end today? */
export const barredToday = (end: ImpactEnd) => barsOn(end, today());
