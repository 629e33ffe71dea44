/** Dates on screen: 2025年7月1日 (core/shared/dates.ts chineseDate), blank for none. */
import { chineseDate, isValidDate, localIsoDate } from '../../core/shared/dates';

export function cnDate(iso: string | null | undefined): string {
  return iso && isValidDate(iso) ? chineseDate(iso) : '';
}

/** "2025年10月1日至2025年10月8日" */
export function cnPeriod(from: string | null | undefined, to: string | null | undefined): string {
  if (from && to) return `${cnDate(from)}至${cnDate(to)}`;
  if (from) return `${cnDate(from)}起`;
  if (to) return `至${cnDate(to)}`;
  return '';
}

export const todayIso = (): string => localIsoDate(new Date());
