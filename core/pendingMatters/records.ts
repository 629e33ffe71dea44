/**
 * Writing a 在查事项, for this area's channels and for other areas (the Excel import),
 * which never call this area's handlers.
 */
import type { Db } from '../../db/open';
import type { ValidInput } from '../api';
import { AppError, notFound } from '../errors';
import type { HandlerContext } from '../host/context';
import type { Writer } from '../host/writer';
import { getPerson } from '../people/records';
import { localIsoDate } from '../shared/dates';
import { toColumnValues } from '../shared/rows';
import { PENDING_FIELDS, type PendingMatter, type PendingValues } from './contract';
import { getPending } from './queries';

function toColumns(db: Db, v: PendingValues) {
  if (!getPerson(db, v.personId)) throw new AppError('VALIDATION', '所选人员不存在或已删除。', { personId: '人员不存在' });
  return toColumnValues(PENDING_FIELDS, v);
}

/**
 * Keeps a matter's history in step with an edit: a status change adds an event (closed on
 * its 办结日期; reopened today, the day the clerk reopens it); a corrected 受理日期 or
 * 办结日期 corrects the event it dates. Events go through the Writer, so they are audited.
 */
function recordHistory(db: Db, writer: Writer, id: string, before: PendingMatter | null, after: PendingValues, today: string): void {
  const event = (kind: 'received' | 'closed' | 'reopened', date: string, note: string | null) =>
    writer.insert('pending_matter_events', { matter_id: id, event_date: date, kind, status: kind === 'closed' ? '已办结' : '在办', note });
  const eventId = (kind: string) =>
    db
      .prepare('SELECT id FROM pending_matter_events WHERE matter_id = ? AND kind = ? ORDER BY event_date DESC, rowid DESC LIMIT 1')
      .pluck()
      .get(id, kind) as string | undefined;
  if (!before) {
    event('received', after.receivedDate, null);
    if (after.status === '已办结') event('closed', after.closedDate!, after.closingResult);
    return;
  }
  if (before.receivedDate !== after.receivedDate) {
    const received = eventId('received');
    if (received) writer.update('pending_matter_events', received, null, { event_date: after.receivedDate }, 'correct');
    else event('received', after.receivedDate, null);
  }
  if (before.status === '在办' && after.status === '已办结') event('closed', after.closedDate!, after.closingResult);
  else if (before.status === '已办结' && after.status === '在办')
    event('reopened', today < after.receivedDate ? after.receivedDate : today, null);
  else if (after.status === '已办结' && (before.closedDate !== after.closedDate || before.closingResult !== after.closingResult)) {
    const closed = eventId('closed');
    if (closed)
      writer.update('pending_matter_events', closed, null, { event_date: after.closedDate, note: after.closingResult }, 'correct');
    else event('closed', after.closedDate!, after.closingResult);
  }
}

export function createPending(input: ValidInput<'pendingMatters.create'>, { db, writer, now }: HandlerContext): PendingMatter {
  const id = writer.insert('pending_matters', toColumns(db, input));
  recordHistory(db, writer, id, null, input, localIsoDate(now()));
  return getPending(db, id)!;
}

export function updatePending(input: ValidInput<'pendingMatters.update'>, { db, writer, now }: HandlerContext): PendingMatter {
  const before = getPending(db, input.id);
  if (!before) throw notFound('在查事项');
  writer.update('pending_matters', input.id, input.rev, toColumns(db, input));
  recordHistory(db, writer, input.id, before, input, localIsoDate(now()));
  return getPending(db, input.id)!;
}
