/**
 * FROZEN for migration 0005 (rule set 2026.1): a copy of core/shared/dates.ts as it was when 0005 was
 * released. Never edited, never imported by live code: later changes to core must not change
 * what an old migration does. 0005_rules_by_purpose.test.ts proves it equals the live code on a fixture.
 */
/**
 * Calendar dates as 'YYYY-MM-DD' strings: no time zone, no clock. Pure functions,
 * shared by the renderer (for display) and core (for impact periods and due dates).
 */

export type IsoDate = string;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseDate(d: IsoDate): { y: number; m: number; d: number } {
  const m = DATE.exec(d);
  if (!m) throw new Error(`not a date: ${d}`);
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

export function isValidDate(d: string): boolean {
  const m = DATE.exec(d);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const day = Number(m[3]);
  return y >= 1900 && y <= 2200 && mo >= 1 && mo <= 12 && day >= 1 && day <= daysInMonth(y, mo);
}

export function formatDate(y: number, m: number, d: number): IsoDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

/** Days since 1970-01-01 (proleptic Gregorian), for day arithmetic without Date objects. */
export function toDayNumber(date: IsoDate): number {
  const { y, m, d } = parseDate(date);
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

export function fromDayNumber(n: number): IsoDate {
  const dt = new Date(n * 86_400_000);
  return formatDate(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** 2025年7月1日 — the form used on letters and screens (no zero padding). */
export function chineseDate(date: IsoDate): string {
  const { y, m, d } = parseDate(date);
  return `${y}年${m}月${d}日`;
}

/** Last day of the year of `date`. */
export function endOfYear(date: IsoDate): IsoDate {
  return `${parseDate(date).y}-12-31`;
}

/** The calendar date of an instant on this machine's clock and time zone (the office's). */
export function localIsoDate(instant: Date): IsoDate {
  return formatDate(instant.getFullYear(), instant.getMonth() + 1, instant.getDate());
}
