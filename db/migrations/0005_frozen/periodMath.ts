/**
 * FROZEN for migration 0005 (rule set 2026.1): a copy of core/sanctions/periodMath.ts as it was when 0005 was
 * released. Never edited, never imported by live code: later changes to core must not change
 * what an old migration does. 0005_rules_by_purpose.test.ts proves it equals the live code on a fixture.
 */
import { addDays, daysInMonth, formatDate, parseDate, type IsoDate } from './dates';

/**
 * The last day of a period of `months` months starting on `start` (the start day counts).
 *
 * Rule (domain brief, 影响期): the period ends on the day before the corresponding date
 * `months` later; where the end month has no corresponding date (29/30/31), it ends on
 * the last day of that month.
 *   2024-03-15 + 12 → 2025-03-14    2024-08-31 + 6 → 2025-02-28
 *   2024-02-29 + 12 → 2025-02-28    2024-01-31 + 1 → 2024-02-29
 */
export function periodLastDay(start: IsoDate, months: number): IsoDate {
  if (!Number.isInteger(months) || months < 0) throw new Error(`months must be a whole number ≥ 0: ${months}`);
  if (months === 0) return addDays(start, -1);
  const { y, m, d } = parseDate(start);
  const total = y * 12 + (m - 1) + months;
  const ey = Math.floor(total / 12);
  const em = (total % 12) + 1;
  if (d > daysInMonth(ey, em)) return formatDate(ey, em, daysInMonth(ey, em));
  return addDays(formatDate(ey, em, d), -1);
}

/** The corresponding date `months` later (month-end clamped): when something "after N months" happens. */
export function addMonths(start: IsoDate, months: number): IsoDate {
  const { y, m, d } = parseDate(start);
  const total = y * 12 + (m - 1) + months;
  const ey = Math.floor(total / 12);
  const em = (total % 12) + 1;
  return formatDate(ey, em, Math.min(d, daysInMonth(ey, em)));
}

/** A span counted the calendar way: whole months by corresponding date, then leftover days. */
export interface CalendarSpan {
  months: number;
  days: number;
}

/**
 * The unserved part of a period, from `from` (that day counts) to `lastDay` (inclusive),
 * counted the calendar way: the most whole months by corresponding date (month-end rule)
 * that fit, then the days left over. 2024-10-01 … 2024-12-31 → 3 months 0 days;
 * 2025-06-15 … 2025-12-31 → 6 months 17 days. Empty when `lastDay` is before `from`.
 */
export function remainderSpan(from: IsoDate, lastDay: IsoDate): CalendarSpan {
  if (lastDay < from) return { months: 0, days: 0 };
  let months = 0;
  while (periodLastDay(from, months + 1) <= lastDay) months += 1;
  const wholeMonthsEnd = periodLastDay(from, months);
  const days = Math.round((Date.parse(lastDay) - Date.parse(wholeMonthsEnd)) / 86_400_000);
  return { months, days };
}

/** The last day of `months` months from `start`, lengthened by `extra` (its months first, by corresponding date, then its days). */
export function extendedLastDay(start: IsoDate, months: number, extra: CalendarSpan): IsoDate {
  return addDays(periodLastDay(start, months + extra.months), extra.days);
}

/** "3个月" / "6个月17天" / "17天". */
export function spanWords(span: CalendarSpan): string {
  if (span.months && span.days) return `${span.months}个月${span.days}天`;
  if (span.months) return `${span.months}个月`;
  return `${span.days}天`;
}
