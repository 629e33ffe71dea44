import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { migration0001 } from './0001_initial';

function freshDb() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migration0001.up(db);
  return db;
}

const at = '2026-01-01T00:00:00.000Z';

test('0001 creates the registers, accounts, settings and audit log', () => {
  const db = freshDb();
  const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map(
    (r) => r.name,
  );
  for (const t of ['settings', 'users', 'user_roles', 'audit_log', 'units', 'people', 'people_fts', 'people_grams'])
    assert.ok(tables.includes(t), t);
});

test('0001: the trigram index follows inserts, renames and deletes of people', () => {
  const db = freshDb();
  const insert = db.prepare(
    'INSERT INTO people (id, name, name_pinyin, name_initials, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  insert.run('p1', '欧阳修文', 'ouyangxiuwen', 'oyxw', '办公室主任', at, at);
  const find = (q: string) => (db.prepare('SELECT rowid FROM people_fts WHERE people_fts MATCH ?').all(`"${q}"`) as unknown[]).length;
  assert.equal(find('欧阳修'), 1);
  assert.equal(find('yangxiu'), 1);
  assert.equal(find('公室主'), 1);
  db.prepare("UPDATE people SET name = '司马光', name_pinyin = 'simaguang', name_initials = 'smg' WHERE id = 'p1'").run();
  assert.equal(find('欧阳修'), 0);
  assert.equal(find('司马光'), 1);
  db.prepare("DELETE FROM people WHERE id = 'p1'").run();
  assert.equal(find('司马光'), 0);
});

test('0001: grams go with their person, birth months and roles are checked, sibling unit names are unique', () => {
  const db = freshDb();
  db.prepare(
    "INSERT INTO people (seq, id, name, name_pinyin, name_initials, created_at, updated_at) VALUES (7, 'p', '李四', 'lisi', 'ls', ?, ?)",
  ).run(at, at);
  db.prepare("INSERT INTO people_grams (gram, field, person_seq) VALUES ('李四', 'n', 7)").run();
  db.prepare('DELETE FROM people WHERE seq = 7').run();
  assert.equal((db.prepare('SELECT count(*) AS n FROM people_grams').get() as { n: number }).n, 0);

  assert.throws(() =>
    db
      .prepare(
        "INSERT INTO people (id, name, name_pinyin, name_initials, birth_month, created_at, updated_at) VALUES ('q', '王五', 'wangwu', 'ww', '1980-5', ?, ?)",
      )
      .run(at, at),
  );
  db.prepare("INSERT INTO users (id, username, display_name, password_hash, created_at, updated_at) VALUES ('u', 'a', 'A', 'x', ?, ?)").run(
    at,
    at,
  );
  assert.throws(() => db.prepare("INSERT INTO user_roles (user_id, role) VALUES ('u', 'superuser')").run());

  const unit = db.prepare('INSERT INTO units (id, parent_id, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
  unit.run('a', null, '财政局', at, at);
  assert.throws(() => unit.run('b', null, '财政局', at, at), /UNIQUE/);
  unit.run('c', 'a', '办公室', at, at);
  unit.run('d', null, '教育局', at, at);
  unit.run('e', 'd', '办公室', at, at); // same name under another parent is fine
  db.prepare("UPDATE units SET deleted_at = ? WHERE id = 'a'").run(at);
  unit.run('f', null, '财政局', at, at); // a deleted unit's name can be reused
});
