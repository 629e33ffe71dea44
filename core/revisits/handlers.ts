import type { HandlerMap } from '../host/handler';
import { personRecordHandlers } from '../shared/personRecords';
import { getRevisit, listRevisitsOf, revisitColumns, revisitsDue } from './records';

const handlers = personRecordHandlers({
  table: 'revisits',
  label: '回访记录',
  listOf: listRevisitsOf,
  get: getRevisit,
  columns: revisitColumns,
});

export const revisitsHandlers: HandlerMap<'revisits.list' | 'revisits.create' | 'revisits.update' | 'revisits.delete' | 'revisits.due'> = {
  'revisits.list': handlers.list,
  'revisits.create': handlers.create,
  'revisits.update': handlers.update,
  'revisits.delete': handlers.delete,
  'revisits.due': (input, { db }) => revisitsDue(db, input.asOf),
};
