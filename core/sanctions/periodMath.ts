import { addDays, daysInMonth, formatDate, parseDate, type IsoDate } from '../shared/dates';

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
