import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { migration0001 } from './0001_initial';
import { migration0002 } from './0002_opinions';
import { migration0003 } from './0003_reminders_pledges';
import { migration0009 } from './0009_pledge_target';

const at = '2026-01-01T00:00:00.000Z';
const insert = (db: Database.Database, id: string, rate?: number) =>
  db
    .prepare(
      `INSERT INTO pledge_campaigns (id, pledge_type, title, year, start_date, template_text, created_at, updated_at${rate === undefined ? '' : ', target_rate'})
       VALUES (?, '廉洁过节', '2026年廉洁过节承诺', 2026, '2026-01-10', '……', ?, ?${rate === undefined ? '' : ', ?'})`,
    )
    .run(id, at, at, ...(rate === undefined ? [] : [rate]));

test('0009: campaigns already in the file get a 100% target (everyone on the roster)', () => {
  const db = new Database(':memory:');
  for (const m of [migration0001, migration0002, migration0003]) m.up(db);
  insert(db, 'old');
  migration0009.up(db);
  assert.equal(db.prepare("SELECT target_rate FROM pledge_campaigns WHERE id = 'old'").pluck().get(), 100);
});

test('0009: a target is a whole percent from 1 to 100', () => {
  const db = new Database(':memory:');
  for (const m of [migration0001, migration0002, migration0003, migration0009]) m.up(db);
  insert(db, 'a', 95);
  insert(db, 'b', 1);
  assert.throws(() => insert(db, 'c', 0), /CHECK/);
  assert.throws(() => insert(db, 'd', 101), /CHECK/);
  assert.throws(() => insert(db, 'e', null as never), /NOT NULL/);
});
