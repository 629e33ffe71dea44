/**
 * Which automatic backups to keep: grandfather-father-son. The newest backup of each of
 * the last `daily` days that have one, of each of the last `weekly` ISO weeks, and of
 * each of the last `monthly` months (local time), plus always the newest of all.
 * Everything else in the automatic folder is deleted; manual backups are never touched.
 */
import type { z } from 'zod';
import type { keepPolicySchema } from './contract';

export type KeepPolicy = z.infer<typeof keepPolicySchema>;

export interface Dated {
  file: string;
  createdAt: Date;
}

const p2 = (n: number) => String(n).padStart(2, '0');
const dayKey = (d: Date) => `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())}`;
const monthKey = (d: Date) => `${d.getFullYear()}-${p2(d.getMonth() + 1)}`;
function weekKey(d: Date): string {
  // ISO week: the Thursday of this week decides the year.
  const t = new Date(d.getFullYear(), d.getMonth(), d.getDate());
  const day = (t.getDay() + 6) % 7; // Monday = 0
  t.setDate(t.getDate() - day + 3);
  const firstThursday = new Date(t.getFullYear(), 0, 4);
  const week = 1 + Math.round(((t.getTime() - firstThursday.getTime()) / 86_400_000 - 3 + ((firstThursday.getDay() + 6) % 7)) / 7);
  return `${t.getFullYear()}-W${p2(week)}`;
}

export function selectToKeep<T extends Dated>(backups: readonly T[], policy: KeepPolicy): { keep: T[]; remove: T[] } {
  const sorted = [...backups].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const keep = new Set<T>();
  if (sorted[0]) keep.add(sorted[0]);
  const bucket = (key: (d: Date) => string, count: number) => {
    const seen = new Set<string>();
    for (const b of sorted) {
      if (seen.size >= count) break;
      const k = key(b.createdAt);
      if (seen.has(k)) continue;
      seen.add(k);
      keep.add(b);
    }
  };
  bucket(dayKey, policy.daily);
  bucket(weekKey, policy.weekly);
  bucket(monthKey, policy.monthly);
  return { keep: sorted.filter((b) => keep.has(b)), remove: sorted.filter((b) => !keep.has(b)) };
}

export { weekKey as isoWeekKey };
