import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { migration0001 } from './0001_initial';
import { migration0002 } from './0002_opinions';
import { migration0003 } from './0003_reminders_pledges';
import { migration0005 } from './0005_rules_by_purpose';
import type { CommendationReading } from '../../core/sanctions/commendationReadings';
import { IMPACT_RULES_2026 } from '../../core/sanctions/impactRules';
import { SANCTION_TYPES } from '../../core/sanctions/kinds';
import { recomputeAllImpacts } from '../../core/sanctions/queries';

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

/**
 * The migration runs a frozen copy of the 2026.1 recompute (./0005_frozen), so later core
 * changes cannot change what it does. On the day it was frozen the copy must give exactly
 * what the live code gives: every category and type, combined party and 政务 records, a
 * 留党察看 with its probation, lifted and revoked records, a record never computed, under
 * both 评先评优 readings.
 */
function fixtureDb(reading: CommendationReading | null) {
  const db = oldDb();
  if (reading) {
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('impactRules', ?, ?)").run(
      JSON.stringify({ commendationReading: reading }),
      at,
    );
  }
  const person = db.prepare(
    "INSERT INTO people (id, name, name_pinyin, name_initials, created_at, updated_at) VALUES (?, '李四', 'lisi', 'ls', ?, ?)",
  );
  const sanction = db.prepare(
    `INSERT INTO sanctions (id, person_id, category, type, decision_authority, decision_date, effective_date, status, status_date,
                            probation_months, restoration_date, promotion_end, commendation_end, computation, rule_version, created_at, updated_at)
     VALUES (@id, @person, @category, @type, '市纪委', @date, @date, @status, @statusDate, @probation, @restoration,
             '2027-01-01', '2026-12-31', '[]', @version, ?, ?)`,
  );
  const add = (id: string, person: string, category: string, type: string, date: string, extra: Record<string, unknown> = {}) =>
    sanction.run(
      {
        id,
        person,
        category,
        type,
        date,
        status: '有效',
        statusDate: null,
        probation: null,
        restoration: null,
        version: '2024.1',
        ...extra,
      },
      at,
      at,
    );
  let n = 0;
  for (const [category, types] of Object.entries(SANCTION_TYPES)) {
    for (const type of types) {
      const p = `q${++n}`;
      person.run(p, at, at);
      add(`x${n}`, p, category, type, '2024-06-15', type === '留党察看' ? { probation: 24, restoration: '2026-06-20' } : {});
    }
  }
  person.run('c1', at, at); // two party records: the second falls inside the first's impact period
  add('c1a', 'c1', 'party', '严重警告', '2024-01-31');
  add('c1b', 'c1', 'party', '警告', '2024-08-31');
  person.run('c2', at, at); // two 政务 records inside one 处分期, and a party record beside them
  add('c2a', 'c2', 'government', '记大过', '2023-02-28');
  add('c2b', 'c2', 'government', '降级', '2024-02-29');
  add('c2c', 'c2', 'party', '警告', '2024-03-01');
  person.run('c3', at, at); // lifted, revoked, and never computed
  add('c3a', 'c3', 'government', '撤职', '2023-05-10', { status: '已解除', statusDate: '2024-05-10' });
  add('c3b', 'c3', 'party', '留党察看', '2023-05-10', { status: '已撤销', statusDate: '2023-09-01', probation: 12 });
  add('c3c', 'c3', 'admonition', '诫勉', '2025-12-31', { version: null });
  return db;
}

const dump = (db: Database.Database) => ({
  sanctions: db.prepare('SELECT * FROM sanctions ORDER BY id').all(),
  history: db.prepare('SELECT * FROM sanction_impact_history ORDER BY sanction_id, seq').all(),
});

for (const reading of [null, 'annualGrading'] as const) {
  test(`0005's frozen recompute equals the live code's (评先评优 reading: ${reading ?? 'default'})`, () => {
    const frozen = fixtureDb(reading);
    migration0005.up(frozen);

    // The same fixture through the live code: migrate, put the 2024.1 ends back, recompute live.
    const live = fixtureDb(reading);
    const before = live.prepare('SELECT id, promotion_end, commendation_end, computation, rule_version FROM sanctions').all();
    migration0005.up(live);
    live.prepare('DELETE FROM sanction_impact_history').run();
    const restore = live.prepare(
      `UPDATE sanctions SET promotion_end = @promotion_end, commendation_end = @commendation_end, computation = @computation,
                            rule_version = @rule_version, bars = NULL, commendation_reading = NULL WHERE id = @id`,
    );
    for (const row of before) restore.run(row);
    recomputeAllImpacts(live, 'ruleSet', { rules: IMPACT_RULES_2026, at: frozenAt(frozen) });

    const a = dump(frozen);
    assert.ok(a.sanctions.length > 25 && a.history.length > 10, 'the fixture exercises the rules');
    assert.deepEqual(dump(live), a);
  });
}

/** The instant the migration stamped its history with (it uses the clock). */
const frozenAt = (db: Database.Database) => db.prepare('SELECT changed_at FROM sanction_impact_history LIMIT 1').pluck().get() as string;
