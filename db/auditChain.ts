import { createHash } from 'node:crypto';

/**
 * The audit log's hash chain (issue 13, item 8). Each entry's hash covers its own
 * fields and the hash of the entry before it, so editing, deleting or inserting a row
 * with the sqlite3 tool breaks the chain at that row. It lives in db/ because the
 * migration that adds the columns chains the rows already there.
 */

/** prev_hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  seq: number;
  at: string;
  user_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: string | null;
  after: string | null;
  prev_hash: string;
}

/** SHA-256 (hex) of the entry's fields in a fixed order; JSON keeps NULL apart from "null". */
export function auditEntryHash(e: ChainedFields): string {
  const canonical = JSON.stringify([e.seq, e.at, e.user_id, e.action, e.entity, e.entity_id, e.before, e.after, e.prev_hash]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
