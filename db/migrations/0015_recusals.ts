import type { Migration } from './types';

/**
 * Issue 13 §3: recusal (回避). A person record names the accounts that must not see it
 * (a clerk's relatives, or the clerk themself). The core hides the person and every
 * record about them from those accounts (core/recusal). One row per person and account.
 */
export const migration0015: Migration = {
  version: 15,
  name: 'recusals',
  up(db) {
    db.exec(`
      CREATE TABLE person_recusals (
        id         TEXT PRIMARY KEY,
        person_id  TEXT NOT NULL REFERENCES people(id),
        user_id    TEXT NOT NULL REFERENCES users(id),
        reason     TEXT,                                  -- e.g. 近亲属, 本人
        rev        INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL, created_by TEXT, updated_at TEXT NOT NULL, updated_by TEXT,
        UNIQUE (person_id, user_id)
      );
      -- Looked up on every call of an account: "whom must this account not see?"
      CREATE INDEX person_recusals_user ON person_recusals(user_id);
    `);
  },
};
