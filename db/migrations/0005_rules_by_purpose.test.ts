import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { migration0001 } from './0001_initial';
import { migration0002 } from './0002_opinions';
import { migration0003 } from './0003_reminders_pledges';
import { migration0005 } from './0005_rules_by_purpose';

const at = '2026-01-01T00:00:00.000Z';

/** A database as 2024.1 left it: ends computed by the old flat rules. */
function oldDb() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migration0001.up(db);
  migration0002.up(db);
  migration0003.up(db);
  db.prepare(
    "INSERT INTO people (id, name, name_pinyin, name_initials, created_at, updated_at) VALUES ('p', '张三', 'zhangsan', 'zs', ?, ?)",
  ).run(at, at);
  const sanction = db.prepare(
    `INSERT INTO sanctions (id, person_id, category, type, decision_authority, decision_date, effective_date, status,
                            promotion_end, commendation_end, computation, rule_version, created_at, updated_at)
     VALUES (?, 'p', ?, ?, '市纪委', ?, ?, '有效', ?, ?, '[]', '2024.1', ?, ?)`,
  );
  // 2024.1: 免职 one flat 24-month bar, no commendation bar; 严重警告 commendation to year end.
  sanction.run('s1', 'organizational', '免职', '2025-01-01', '2025-01-01', '2026-12-31', null, at, at);
  sanction.run('s2', 'party', '严重警告', '2024-03-15', '2024-03-15', '2025-09-14', '2024-12-31', at, at);
  const matter = db.prepare(
    `INSERT INTO pending_matters (id, person_id, kind, received_date, status, closed_date, closing_result, created_at, updated_at)
     VALUES (?, 'p', 'lead', ?, ?, ?, ?, ?, ?)`,
  );
  matter.run('m1', '2025-01-01', '已办结', '2025-09-01', '予以了结', at, at);
  matter.run('m2', '2025-03-01', '在办', null, null, at, at);
  return db;
}

test('0005 recomputes every record with rule set 2026.1 and keeps the 2024.1 ends in history', () => {
  const db = oldDb();
  migration0005.up(db);
  const s2 = db
    .prepare("SELECT promotion_end, commendation_end, rule_version, commendation_reading, bars FROM sanctions WHERE id = 's2'")
    .get() as Record<string, string>;
  assert.equal(s2.rule_version, '2026.1');
  assert.equal(s2.promotion_end, '2025-09-14');
  assert.equal(s2.commendation_end, '2025-09-14'); // default reading: the whole impact period
  assert.equal(s2.commendation_reading, 'wholeImpactPeriod');
  const s1Bars = JSON.parse(db.prepare("SELECT bars FROM sanctions WHERE id = 's1'").pluck().get() as string) as {
    bars: { text: string; end: string }[];
  };
  assert.deepEqual(
    s1Bars.bars.filter((b) => b.text.includes('领导职务') || b.text.includes('原任职务层次')).map((b) => b.end),
    ['2025-12-31', '2026-12-31'],
  );
  const history = db
    .prepare(
      'SELECT sanction_id, cause, old_commendation_end, old_rule_version, new_commendation_end, new_rule_version FROM sanction_impact_history ORDER BY sanction_id',
    )
    .all();
  assert.deepEqual(history, [
    {
      sanction_id: 's1',
      cause: 'ruleSet',
      old_commendation_end: null,
      old_rule_version: '2024.1',
      new_commendation_end: '2026-12-31',
      new_rule_version: '2026.1',
    },
    {
      sanction_id: 's2',
      cause: 'ruleSet',
      old_commendation_end: '2024-12-31',
      old_rule_version: '2024.1',
      new_commendation_end: '2025-09-14',
      new_rule_version: '2026.1',
    },
  ]);
});

test('0005 backfills each pending matter’s history from its 受理日期 and 办结日期', () => {
  const db = oldDb();
  migration0005.up(db);
  const events = db
    .prepare('SELECT matter_id, event_date, kind, status, note FROM pending_matter_events ORDER BY matter_id, event_date')
    .all();
  assert.deepEqual(events, [
    { matter_id: 'm1', event_date: '2025-01-01', kind: 'received', status: '在办', note: null },
    { matter_id: 'm1', event_date: '2025-09-01', kind: 'closed', status: '已办结', note: '予以了结' },
    { matter_id: 'm2', event_date: '2025-03-01', kind: 'received', status: '在办', note: null },
  ]);
  // a closing event must say 已办结, and events belong to a matter
  assert.throws(
    () =>
      db
        .prepare(
          "INSERT INTO pending_matter_events (id, matter_id, event_date, kind, status, created_at, updated_at) VALUES ('e', 'm2', '2025-04-01', 'closed', '在办', ?, ?)",
        )
        .run(at, at),
    /CHECK/,
  );
  assert.throws(
    () =>
      db
        .prepare(
          "INSERT INTO pending_matter_events (id, matter_id, event_date, kind, status, created_at, updated_at) VALUES ('e', 'nope', '2025-04-01', 'received', '在办', ?, ?)",
        )
        .run(at, at),
    /FOREIGN KEY/,
  );
});
