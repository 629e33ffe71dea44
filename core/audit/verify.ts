import { auditEntryHash, GENESIS_HASH, type ChainedFields } from '../../db/auditChain';
import type { Db } from '../../db/open';
import type { AuditVerifyResult } from './contract';

type StoredEntry = ChainedFields & { hash: string | null; prev_hash: string | null };

/**
 * Walks the chain in seq order and reports the first broken link:
 * - an entry whose stored hash is not the hash of its fields was edited;
 * - an entry whose prev_hash is not the hash of the entry before it follows a deleted
 *   or inserted entry (or an edit that also rewrote the edited entry's hash).
 * Deleting the last entries cannot be seen from the chain alone; the head (seq, hash)
 * is reported so the administrator can compare it with one noted earlier.
 */
export function verifyAuditChain(db: Db): AuditVerifyResult {
  const rows = db
    .prepare('SELECT seq, at, user_id, action, entity, entity_id, before, after, prev_hash, hash FROM audit_log ORDER BY seq')
    .iterate() as IterableIterator<StoredEntry>;
  let expectedPrev = GENESIS_HASH;
  let checked = 0;
  let head: AuditVerifyResult['head'] = null;
  for (const row of rows) {
    if (row.prev_hash !== expectedPrev) {
      return broken(checked, head, row.seq, 'missing-or-inserted', `第${row.seq}条记录与前一条接不上：其前面的记录被删除、插入或改动过。`);
    }
    if (row.hash !== auditEntryHash({ ...row, prev_hash: expectedPrev })) {
      return broken(checked, head, row.seq, 'edited', `第${row.seq}条记录的内容与其校验值不符：这条记录被改动过。`);
    }
    expectedPrev = row.hash;
    head = { seq: row.seq, hash: row.hash };
    checked++;
  }
  return { ok: true, checked, firstBroken: null, head };
}

function broken(
  checked: number,
  head: AuditVerifyResult['head'],
  seq: number,
  kind: 'edited' | 'missing-or-inserted',
  message: string,
): AuditVerifyResult {
  // An iterate() left open would keep the statement busy; returning from for..of closes it.
  return { ok: false, checked, firstBroken: { seq, kind, message }, head };
}
