/**
 * 统计: the year's (or any date range's) numbers for the annual report, each one with
 * the records behind it. Pure zod and types: the renderer imports this.
 */
import { z } from 'zod';
import { dateField } from '../shared/dateFields';
import { page, pageSize } from '../shared/fields';

/** Every number the page shows. Grouped numbers (by purpose, by occasion…) carry their groups. */
export const METRIC_KEYS = [
  'replies.batches',
  'replies.persons',
  'replies.byPurpose',
  'replies.byRequester',
  'replies.byConclusion',
  'replies.overdue',
  'reminders.letters',
  'reminders.addressees',
  'reminders.received',
  'reminders.twoLettersOneBook',
  'pledges.signed',
  'pledges.withCosigner',
  'pledges.rosterByCampaign',
  'pledges.signedByCampaign',
  'pledges.rosterByUnit',
  'pledges.signedByUnit',
  'matters.petitions',
  'matters.leads',
  'matters.cases',
  'sanctions.records',
  'sanctions.partyGovernmentPeople',
  'sanctions.firstFormPeople',
  'sanctions.inImpactAtEnd',
  'clearances.count',
  'revisits.count',
] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

const range = z
  .object({ from: dateField('起始日期'), to: dateField('截止日期') })
  .refine((v) => v.from <= v.to, { error: '起始日期不能晚于截止日期', path: ['to'] });

export const statisticsInput = range;
export const statisticsRecordsInput = z.intersection(
  range,
  z.object({
    metric: z.enum(METRIC_KEYS, { error: '统计项目不正确' }),
    /** One group of a grouped number (its key), or absent for the whole number. */
    group: z
      .string()
      .max(200)
      .nullish()
      .transform((v) => v ?? null),
    page,
    pageSize,
  }),
);

export interface MetricGroup {
  key: string;
  label: string;
  value: number;
}

export interface MetricValue {
  label: string;
  /** 人次, 人, 件, 份, 批 */
  unit: string;
  value: number;
  /** For grouped numbers: each group's value (they add up to `value` except where one person is in several groups). */
  groups: MetricGroup[];
}

export interface StatisticsReport {
  from: string;
  to: string;
  metrics: Record<MetricKey, MetricValue>;
  /** Calendar days from receiving the request to the reply date, averaged over the counted replies. */
  averageReplyDays: number | null;
}

/** Where a counted record opens. */
export type RecordTarget =
  | { kind: 'person'; id: string }
  | { kind: 'request'; id: string; replyId: string | null }
  | { kind: 'reminder'; id: string }
  | { kind: 'campaign'; id: string };

/** One record behind a number (for numbers counted in people: one row per person). */
export interface StatRecord {
  id: string;
  date: string | null;
  personName: string | null;
  title: string;
  detail: string | null;
  target: RecordTarget;
}
