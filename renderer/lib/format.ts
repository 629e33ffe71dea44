/** How dates look everywhere: 2025年7月1日; birth months 1980年5月. */
import dayjs from 'dayjs';

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = dayjs(iso);
  return d.isValid() ? `${d.year()}年${d.month() + 1}月${d.date()}日` : '';
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = dayjs(iso);
  return d.isValid() ? `${formatDate(iso)} ${d.format('HH:mm')}` : '';
}

/** '1980-05' → '1980年5月'. */
export function formatBirthMonth(value: string | null | undefined): string {
  if (!value) return '';
  const m = /^(\d{4})-(\d{2})$/.exec(value);
  return m ? `${m[1]}年${Number(m[2])}月` : value;
}

/**
 * What a clerk types for 出生年月, made into the contract's 'YYYY-MM':
 * 1980-5, 1980.05, 1980/5, 198005, 1980年5月 → 1980-05. Anything else is returned as
 * typed (trimmed), so the schema's message explains what is wrong.
 */
export function normalizeMonthInput(value: unknown): string {
  if (typeof value !== 'string') return '';
  const v = value.trim();
  const m = /^(\d{4})\s*(?:[-./年]\s*(\d{1,2})\s*月?|(\d{2}))$/.exec(v);
  if (!m) return v;
  const month = m[2] ?? m[3]!;
  return `${m[1]}-${month.padStart(2, '0')}`;
}

/** The current year, for document-number examples. */
export const currentYear = (): number => dayjs().year();

/** "×纪廉复〔2026〕1号" — what a 机关代字 gives as a document number (六角括号, no padding). */
export function exampleDocNumber(prefix: string | undefined | null, fallback: string): string {
  return `${prefix?.trim() || fallback}〔${currentYear()}〕1号`;
}
