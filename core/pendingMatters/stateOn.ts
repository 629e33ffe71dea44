/**
 * The state of a pending matter on a given date, read from its history (received,
 * closed, reopened), not from today's status: a reply dated 2025-06-01 sees a 问题线索
 * received 2025-01-01 and closed 2025-09-01 as open.
 */
import type { PendingMatter } from './contract';

export function openOn(matter: Pick<PendingMatter, 'receivedDate' | 'closedDate' | 'history'>, date: string): boolean {
  if (matter.receivedDate > date) return false;
  const events = matter.history.filter((e) => e.date <= date);
  if (!events.length) {
    // No history recorded (should not happen after migration 0005): the dates on the row.
    return matter.closedDate === null || matter.closedDate > date;
  }
  // Same-day events: the later-recorded one wins (history is kept in recorded order).
  return events[events.length - 1]!.status === '在办';
}
