import { notFound } from '../errors';
import type { HandlerMap } from '../host/handler';
import { getPending, listPendingOf } from './queries';
import { createPending, updatePending } from './records';

export const pendingMattersHandlers: HandlerMap<
  'pendingMatters.list' | 'pendingMatters.create' | 'pendingMatters.update' | 'pendingMatters.delete'
> = {
  'pendingMatters.list': (input, { db }) => listPendingOf(db, input.personId),
  'pendingMatters.create': createPending,
  'pendingMatters.update': updatePending,
  'pendingMatters.delete': (input, { db, writer }) => {
    if (!getPending(db, input.id)) throw notFound('在查事项');
    writer.softDelete('pending_matters', input.id);
  },
};
