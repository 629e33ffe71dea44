import type { HandlerMap } from '../host/handler';
import { statisticsRecords, statisticsReport } from './queries';

export const statisticsHandlers: HandlerMap<'statistics.report' | 'statistics.records'> = {
  'statistics.report': (input, { db }) => statisticsReport(db, input),
  'statistics.records': (input, { db }) => statisticsRecords(db, input),
};
