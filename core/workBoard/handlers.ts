import type { HandlerMap } from '../host/handler';
import { requireUser } from '../host/context';
import { localIsoDate } from '../shared/dates';
import { readWorkBoard } from './board';

export const workBoardHandlers: HandlerMap<'workBoard.get'> = {
  'workBoard.get': (_input, ctx) => readWorkBoard(ctx.db, requireUser(ctx).roles, localIsoDate(ctx.now())),
};
