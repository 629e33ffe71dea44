import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { migration0001 } from './0001_initial';
import { migration0002 } from './0002_opinions';
import { migration0003 } from './0003_reminders_pledges';
import { migration0006 } from './0006_clearances_revisits';

const at = '2026-01-01T00:00:00.000Z';

function freshDb() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  for (const m of [migration0001, migration0002, migration0003, migration0006]) m.up(db);
  db.prepare(
    "INSERT INTO people (id, name, name_pinyin, name_initials, created_at, updated_at) VALUES ('p', '张三', 'zhangsan', 'zs', ?, ?)",
  ).run(at, at);
  db.prepare(
    "INSERT INTO sanctions (id, person_id, category, type, decision_authority, decision_date, effective_date, created_at, updated_at) VALUES ('s', 'p', 'party', '警告', '市纪委', '2025-01-01', '2025-01-01', ?, ?)",
  ).run(at, at);
  return db;
}

test('0006: a clearance has one of the three forms and belongs to an existing person', () => {
  const db = freshDb();
  const insert = db.prepare('INSERT INTO clearances (id, person_id, clear_date, form, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
  insert.run('c1', 'p', '2025-03-01', '会议', at, at);
  assert.throws(() => insert.run('c2', 'p', '2025-03-01', '口头', at, at), /CHECK/);
  assert.throws(() => insert.run('c3', 'nobody', '2025-03-01', '书面', at, at), /FOREIGN KEY/);
});

test('0006: a revisit follows up an existing sanction and names who visited', () => {
  const db = freshDb();
  const insert = db.prepare(
    'INSERT INTO revisits (id, person_id, sanction_id, visit_date, visitors, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  insert.run('r1', 'p', 's', '2025-06-01', '李四', at, at);
  assert.throws(() => insert.run('r2', 'p', 'none', '2025-06-01', '李四', at, at), /FOREIGN KEY/);
  assert.throws(() => insert.run('r3', 'p', 's', '2025-06-01', null, at, at), /NOT NULL/);
});
