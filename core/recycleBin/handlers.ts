import { AppError } from '../errors';
import type { HandlerMap } from '../host/handler';
import { listRecycled, RECYCLABLE } from './records';

export const recycleBinHandlers: HandlerMap<'recycleBin.list' | 'recycleBin.restore'> = {
  'recycleBin.list': (input, { db }) => listRecycled(db, input),

  'recycleBin.restore': (input, { db, writer }) => {
    const kind = RECYCLABLE[input.entity];
    const deleted = db.prepare(`SELECT deleted_at FROM ${kind.table} WHERE id = ?`).pluck().get(input.id) as string | null | undefined;
    if (!deleted) throw new AppError('NOT_FOUND', '回收站中没有这条记录，可能已被恢复。');
    kind.checkRestore(db, input.id);
    writer.restore(kind.table, input.id);
    kind.afterRestore?.(db, input.id, writer);
  },
};
