import { auditEntryHash, GENESIS_HASH, type ChainedFields } from '../auditChain';
import type { Migration } from './types';

/**
 * Issue 13: the audit log becomes tamper-evident. Every entry carries the hash of the
 * entry before it and its own hash (db/auditChain.ts); the entries already in the file
 * are chained here, in seq order, so verify covers the whole history.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'audit_chain',
  up(db) {
    db.exec(`
      ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
      ALTER TABLE audit_log ADD COLUMN hash TEXT;
      CREATE INDEX audit_log_at ON audit_log(at);
      CREATE INDEX audit_log_user ON audit_log(user_id, seq);
    `);
    const rows = db.prepare('SELECT seq, at, user_id, action, entity, entity_id, before, after FROM audit_log ORDER BY seq').all() as Omit<
      ChainedFields,
      'prev_hash'
    >[];
    const set = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?');
    let prev = GENESIS_HASH;
    for (const row of rows) {
      const hash = auditEntryHash({ ...row, prev_hash: prev });
      set.run(prev, hash, row.seq);
      prev = hash;
    }
  },
};
