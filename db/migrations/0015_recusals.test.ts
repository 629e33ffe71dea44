import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { migration0001 } from './0001_initial';
import { migration0015 } from './0015_recusals';

const at = '2026-01-01T00:00:00.000Z';

function freshDb() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  for (const m of [migration0001, migration0015]) m.up(db);
  db.prepare(
    "INSERT INTO people (id, name, name_pinyin, name_initials, created_at, updated_at) VALUES ('p', '张三', 'zhangsan', 'zs', ?, ?)",
  ).run(at, at);
  db.prepare(
    "INSERT INTO users (id, username, display_name, password_hash, created_at, updated_at) VALUES ('u', 'clerk', '李四', 'x', ?, ?)",
  ).run(at, at);
  return db;
}

test('0015: a recusal links an existing person to an existing account, once', () => {
  const db = freshDb();
  const insert = db.prepare(
    'INSERT INTO person_recusals (id, person_id, user_id, reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  insert.run('r1', 'p', 'u', '近亲属', at, at);
  assert.throws(() => insert.run('r2', 'p', 'u', null, at, at), /UNIQUE/);
  assert.throws(() => insert.run('r3', 'nobody', 'u', null, at, at), /FOREIGN KEY/);
  assert.throws(() => insert.run('r4', 'p', 'nobody', null, at, at), /FOREIGN KEY/);
  const byUser = db.prepare("SELECT person_id FROM person_recusals WHERE user_id = 'u'").pluck().all();
  assert.deepEqual(byUser, ['p']);
  const plan = db.prepare("EXPLAIN QUERY PLAN SELECT person_id FROM person_recusals WHERE user_id = 'u'").all() as { detail: string }[];
  assert.ok(
    plan.some((r) => /person_recusals_user/.test(r.detail)),
    JSON.stringify(plan),
  );
});
