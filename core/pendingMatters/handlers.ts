import type { Db } from '../../db/open';
import { AppError, notFound } from '../errors';
import type { HandlerMap } from '../host/handler';
import { getPerson } from '../people/handlers';
import type { Writer } from '../host/writer';
import { localIsoDate } from '../shared/dates';
import type { PendingMatter } from './contract';
import { getPending, listPendingOf } from './queries';

type Values = {
  personId: string;
  kind: string;
  source: string | null;
  receivedDate: string;
  summary: string | null;
  status: string;
  closedDate: string | null;
  closingResult: string | null;
};

function toColumns(db: Db, v: Values) {
  if (!getPerson(db, v.personId)) throw new AppError('VALIDATION', '所选人员不存在或已删除。', { personId: '人员不存在' });
  return {
    person_id: v.personId,
    kind: v.kind,
    source: v.source,
    received_date: v.receivedDate,
    summary: v.summary,
    status: v.status,
    closed_date: v.closedDate,
    closing_result: v.closingResult,
  };
}

/**
 * Keeps a matter's history in step with an edit: a status change adds an event (closed on
 * its 办结日期; reopened today, the day the clerk reopens it); a corrected 受理日期 or
 * 办结日期 corrects the event it dates. Events go through the Writer, so they are audited.
 */
function recordHistory(db: Db, writer: Writer, id: string, before: PendingMatter | null, after: Values, today: string): void {
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

export const pendingMattersHandlers: HandlerMap<
  'pendingMatters.list' | 'pendingMatters.create' | 'pendingMatters.update' | 'pendingMatters.delete'
> = {
  'pendingMatters.list': (input, { db }) => listPendingOf(db, input.personId),
  'pendingMatters.create': (input, { db, writer, now }) => {
    const id = writer.insert('pending_matters', toColumns(db, input));
    recordHistory(db, writer, id, null, input, localIsoDate(now()));
    return getPending(db, id)!;
  },
  'pendingMatters.update': (input, { db, writer, now }) => {
    const before = getPending(db, input.id);
    if (!before) throw notFound('在查事项');
    writer.update('pending_matters', input.id, input.rev, toColumns(db, input));
    recordHistory(db, writer, input.id, before, input, localIsoDate(now()));
    return getPending(db, input.id)!;
  },
  'pendingMatters.delete': (input, { db, writer }) => {
    if (!getPending(db, input.id)) throw notFound('在查事项');
    writer.softDelete('pending_matters', input.id);
  },
};
