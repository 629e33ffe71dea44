import type { Db } from '../../db/open';
import { AppError, notFound } from '../errors';
import type { HandlerMap } from '../host/handler';
import { getPerson } from '../people/handlers';
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

export const pendingMattersHandlers: HandlerMap<'pendingMatters.list' | 'pendingMatters.create' | 'pendingMatters.update' | 'pendingMatters.delete'> = {
  'pendingMatters.list': (input, { db }) => listPendingOf(db, input.personId),
  'pendingMatters.create': (input, { db, writer }) => getPending(db, writer.insert('pending_matters', toColumns(db, input)))!,
  'pendingMatters.update': (input, { db, writer }) => {
    if (!getPending(db, input.id)) throw notFound('在查事项');
    writer.update('pending_matters', input.id, input.rev, toColumns(db, input));
    return getPending(db, input.id)!;
  },
  'pendingMatters.delete': (input, { db, writer }) => {
    if (!getPending(db, input.id)) throw notFound('在查事项');
    writer.softDelete('pending_matters', input.id);
  },
};
