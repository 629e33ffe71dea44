/**
 * Reads what a clerk typed into a date field: 2025-07-01, 2025-7-1, 20250701, 2025.7.1,
 * 2025/7/1, 2025年7月1日 (spaces allowed). Pure, so the rule is tested without a browser.
 */
import { formatDate, isValidDate } from './dates';

export type TypedDate = { kind: 'empty' } | { kind: 'date'; date: string } | { kind: 'unreadable'; text: string };

const SEPARATED = /^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

export function readTypedDate(raw: string): TypedDate {
  const text = raw.trim();
  if (!text) return { kind: 'empty' };
  const m = SEPARATED.exec(text) ?? COMPACT.exec(text);
  if (m) {
    const iso = formatDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (isValidDate(iso)) return { kind: 'date', date: iso };
  }
  return { kind: 'unreadable', text };
}
