import { AppError, notFound } from '../errors';
import type { HandlerMap } from '../host/handler';
import type { Db } from '../../db/open';
import type { PersonRecusal } from './contract';

function personExists(db: Db, personId: string): boolean {
  return !!db.prepare('SELECT 1 FROM people WHERE id = ?').get(personId);
}

function listRecusals(db: Db, personId: string): PersonRecusal[] {
  return db
    .prepare(
      `SELECT r.user_id AS userId, u.username, u.display_name AS displayName, r.reason, r.created_at AS since
       FROM person_recusals r JOIN users u ON u.id = r.user_id WHERE r.person_id = ? ORDER BY u.username`,
    )
    .all(personId) as PersonRecusal[];
}

/**
 * Administrators name the accounts that must not see a person. An administrator who is
 * named cannot see the person either, so cannot lift their own recusal: the host refuses
 * any call naming the person for them (core/recusal/hidden.ts); another administrator must.
 */
export const recusalHandlers: HandlerMap<'recusals.get' | 'recusals.set'> = {
  'recusals.get': (input, { db }) => {
    if (!personExists(db, input.personId)) throw notFound('人员');
    return listRecusals(db, input.personId);
  },

  'recusals.set': (input, { db, writer }) => {
    if (!personExists(db, input.personId)) throw notFound('人员');
    const wanted = [...new Set(input.userIds)];
    for (const userId of wanted) {
      if (!db.prepare('SELECT 1 FROM users WHERE id = ?').get(userId))
        throw new AppError('VALIDATION', '回避账号中有不存在的账号，未保存。', { userIds: '账号不存在' });
    }
    const before = db.prepare('SELECT id, user_id AS userId FROM person_recusals WHERE person_id = ?').all(input.personId) as {
      id: string;
      userId: string;
    }[];
    for (const row of before) if (!wanted.includes(row.userId)) writer.remove('person_recusals', row.id);
    const had = new Set(before.map((r) => r.userId));
    for (const userId of wanted) {
      if (!had.has(userId)) writer.insert('person_recusals', { person_id: input.personId, user_id: userId, reason: input.reason });
    }
    return listRecusals(db, input.personId);
  },
};
