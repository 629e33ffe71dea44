/**
 * Date lists typed as text (节假日, 调休工作日): one date or a range per line, as the
 * State Council's yearly notice gives them — "2026-10-01~2026-10-07", "2026年10月8日".
 */
import { addDays, compareDates, formatDate, isValidDate, toDayNumber } from '../../../core/shared/dates';

const ONE = /^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?$|^(\d{4})(\d{2})(\d{2})$/;

function parseOne(text: string): string | null {
  const m = ONE.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = m[1] ? [m[1], m[2], m[3]] : [m[4], m[5], m[6]];
  const iso = formatDate(Number(y), Number(mo), Number(d));
  return isValidDate(iso) ? iso : null;
}

export function parseDateList(text: string): { dates: string[]; errors: string[] } {
  const out = new Set<string>();
  const errors: string[] = [];
  for (const token of text
    .split(/[\n\r,，、;；]+|\s{2,}/)
    .map((t) => t.trim())
    .filter(Boolean)) {
    const range = token.split(/\s*(?:~|～|至|—|--)\s*/);
    if (range.length === 2) {
      const a = parseOne(range[0]!);
      const b = parseOne(range[1]!);
      if (!a || !b || compareDates(a, b) > 0 || toDayNumber(b) - toDayNumber(a) > 60) {
        errors.push(`“${token}”不是有效的日期范围`);
        continue;
      }
      for (let d = a; compareDates(d, b) <= 0; d = addDays(d, 1)) out.add(d);
    } else {
      const d = parseOne(token);
      if (d) out.add(d);
      else errors.push(`“${token}”不是有效日期`);
    }
  }
  return { dates: [...out].sort(), errors };
}

/** Sorted dates as text, consecutive runs written as ranges. */
export function formatDateList(dates: readonly string[]): string {
  const sorted = [...new Set(dates)].sort();
  const lines: string[] = [];
  let start: string | null = null;
  let prev: string | null = null;
  for (const d of [...sorted, null]) {
    if (d && prev && toDayNumber(d) === toDayNumber(prev) + 1) {
      prev = d;
      continue;
    }
    if (start && prev) lines.push(start === prev ? start : `${start}~${prev}`);
    start = d;
    prev = d;
  }
  return lines.join('\n');
}
