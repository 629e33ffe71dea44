import type { HandlerMap } from '../host/handler';
import { personRecordHandlers } from '../shared/personRecords';
import { clearanceColumns, getClearance, listClearancesOf } from './records';

const handlers = personRecordHandlers({
  table: 'clearances',
  label: '澄清正名记录',
  listOf: listClearancesOf,
  get: getClearance,
  columns: clearanceColumns,
});

export const clearancesHandlers: HandlerMap<'clearances.list' | 'clearances.create' | 'clearances.update' | 'clearances.delete'> = {
  'clearances.list': handlers.list,
  'clearances.create': handlers.create,
  'clearances.update': handlers.update,
  'clearances.delete': handlers.delete,
};
