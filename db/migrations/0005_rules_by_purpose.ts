import { newId } from '../ids';
import { recomputeAllWith2026Rules } from './0005_frozen/recompute';
import type { Migration } from './types';

/**
 * Issue 11: bars per purpose, the state of pending matters on a date, rule versions.
 *
 * - sanctions.bars (JSON: every bar the record sets, with its own last day and source) and
 *   sanctions.commendation_reading (the 评先评优 setting the commendation end used);
 * - sanction_impact_history: old computed ends with the rule version that computed them,
 *   kept whenever a recompute changes them;
 * - pending_matter_events: the history of a pending matter (received, closed, reopened,
 *   with dates), backfilled from each row's 受理日期 and 办结日期, so a reply dated inside
 *   the time a matter was open sees it open;
 * - every record is recomputed with rule set 2026.1 (named, not "current": a later rule
 *   set comes with its own migration), the 2024.1 ends kept in history.
 *   The logic is a frozen copy in ./0005_frozen/.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'rules_by_purpose',
  up(db) {
    db.exec(`
      ALTER TABLE sanctions ADD COLUMN bars TEXT;                 -- JSON {bars, measure}
      ALTER TABLE sanctions ADD COLUMN commendation_reading TEXT; -- wholeImpactPeriod / annualGrading

      CREATE TABLE sanction_impact_history (
        seq                  INTEGER PRIMARY KEY,
        sanction_id          TEXT NOT NULL REFERENCES sanctions(id),
        changed_at           TEXT NOT NULL,
        cause                TEXT NOT NULL CHECK (cause IN ('edit', 'ruleSet', 'setting')),
        old_promotion_end    TEXT,
        old_commendation_end TEXT,
        old_rule_version     TEXT,
        new_promotion_end    TEXT,
        new_commendation_end TEXT,
        new_rule_version     TEXT NOT NULL
      );
      CREATE INDEX sanction_impact_history_sanction ON sanction_impact_history(sanction_id, seq);

      -- 在查事项的办理经过: received (在办), closed (已办结), reopened (在办)
      CREATE TABLE pending_matter_events (
        id         TEXT PRIMARY KEY,
        matter_id  TEXT NOT NULL REFERENCES pending_matters(id),
        event_date TEXT NOT NULL,
        kind       TEXT NOT NULL CHECK (kind IN ('received', 'closed', 'reopened')),
        status     TEXT NOT NULL CHECK (status IN ('在办', '已办结')),
        note       TEXT,
        rev        INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL, created_by TEXT, updated_at TEXT NOT NULL, updated_by TEXT,
        CHECK ((kind = 'closed') = (status = '已办结'))
      );
      CREATE INDEX pending_matter_events_matter ON pending_matter_events(matter_id, event_date);
    `);

    const at = new Date().toISOString();
    const matters = db
      .prepare('SELECT id, received_date, closed_date, closing_result, created_at, created_by FROM pending_matters')
      .all() as {
      id: string;
      received_date: string;
      closed_date: string | null;
      closing_result: string | null;
      created_at: string;
      created_by: string | null;
    }[];
    const event = db.prepare(
      `INSERT INTO pending_matter_events (id, matter_id, event_date, kind, status, note, created_at, created_by, updated_at, updated_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const m of matters) {
      event.run(newId(), m.id, m.received_date, 'received', '在办', null, m.created_at, m.created_by, at, null);
      if (m.closed_date)
        event.run(newId(), m.id, m.closed_date, 'closed', '已办结', m.closing_result, m.created_at, m.created_by, at, null);
    }

    // A frozen copy of the 2026.1 logic, not live core code: what this migration does must
    // not change when core/sanctions changes later.
    recomputeAllWith2026Rules(db, at);
  },
};
