import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { LATEST_SCHEMA_VERSION, migrations } from './migrations';
import type { Migration } from './migrations/types';
import { APPLICATION_ID, DbOpenError, openDatabase } from './open';
import { tempDir } from './testing';

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

test('a new file gets the latest schema, our application id and the required pragmas', (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const { db, previousVersion } = openDatabase(path.join(dir, 'a.sqlite'));
  assert.equal(previousVersion, 0);
  assert.equal(db.pragma('user_version', { simple: true }), LATEST_SCHEMA_VERSION);
  assert.equal(db.pragma('application_id', { simple: true }), APPLICATION_ID);
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
  assert.equal(db.pragma('synchronous', { simple: true }), 2); // FULL
  assert.equal(db.pragma('busy_timeout', { simple: true }), 5000);
  db.close();
});

test('reopening an up-to-date file changes nothing and takes no backup', (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const file = path.join(dir, 'a.sqlite');
  openDatabase(file).db.close();
  const again = openDatabase(file);
  assert.equal(again.previousVersion, LATEST_SCHEMA_VERSION);
  assert.equal(again.preMigrationBackup, undefined);
  again.db.close();
  assert.equal(fs.existsSync(path.join(dir, 'backups')), false);
});

test('opening a file with records gathers the query planner statistics, so a lookup reads the covering index', (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const file = path.join(dir, 'a.sqlite');
  const first = openDatabase(file).db;
  const at = '2026-01-01T00:00:00.000Z';
  const add = first.prepare('INSERT INTO people (id, name, name_pinyin, name_initials, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
  first.transaction(() => {
    for (let i = 0; i < 2000; i++) add.run(`p${i}`, `张${i}`, `zhang${i}`, 'z', at, at);
  })();
  first.close();
  const { db } = openDatabase(file);
  t.after(() => db.close());
  const stat = db.prepare("SELECT stat FROM sqlite_stat1 WHERE tbl = 'people' AND idx = 'sqlite_autoindex_people_1'").pluck().get();
  assert.match(String(stat), /^2000 /);
});

test('a file from a newer app version is refused with a Chinese message and left byte-for-byte unchanged', (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const file = path.join(dir, 'future.sqlite');
  const { db } = openDatabase(file);
  db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
  db.pragma('journal_mode = DELETE');
  db.close();
  const before = sha(file);
  assert.throws(
    () => openDatabase(file),
    (e: unknown) =>
      e instanceof DbOpenError &&
      e.code === 'DB_FROM_FUTURE' &&
      e.message.includes('更新版本') &&
      e.message.includes(String(LATEST_SCHEMA_VERSION + 1)),
  );
  assert.equal(sha(file), before);
  assert.equal(fs.existsSync(file + '-wal'), false);
});

test("another program's SQLite file is refused, not migrated", (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const file = path.join(dir, 'other.sqlite');
  const other = new Database(file);
  other.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY)');
  other.close();
  assert.throws(
    () => openDatabase(file),
    (e: unknown) => e instanceof DbOpenError && e.code === 'DB_NOT_OURS',
  );
  const check = new Database(file);
  assert.deepEqual(check.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all(), [{ name: 'invoices' }]);
  check.close();
});

test('a file that is not a database is reported as unreadable', (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const file = path.join(dir, 'junk.sqlite');
  fs.writeFileSync(file, 'this is a Word document, not a database'.repeat(200));
  assert.throws(
    () => openDatabase(file),
    (e: unknown) => e instanceof DbOpenError && e.code === 'DB_UNREADABLE' && /损坏|无法打开/.test(e.message),
  );
});

const addNotes: Migration = {
  version: LATEST_SCHEMA_VERSION + 1,
  name: 'test_add_notes',
  up: (db) => db.exec('CREATE TABLE test_notes (id TEXT PRIMARY KEY, body TEXT NOT NULL)'),
};

test('an older file is copied aside before migrating, and the copy still opens at its old version', (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const file = path.join(dir, 'qinglian.sqlite');
  const first = openDatabase(file).db;
  first.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('marker', '\"kept\"', 'x')").run();
  first.close();

  const upgraded = openDatabase(file, { migrations: [...migrations, addNotes], now: () => new Date('2026-03-04T05:06:07Z') });
  assert.equal(upgraded.previousVersion, LATEST_SCHEMA_VERSION);
  assert.equal(upgraded.db.pragma('user_version', { simple: true }), LATEST_SCHEMA_VERSION + 1);
  assert.ok(upgraded.preMigrationBackup);
  assert.match(path.basename(upgraded.preMigrationBackup), new RegExp(`-v${LATEST_SCHEMA_VERSION}-20260304T050607\\.sqlite$`));
  upgraded.db.close();

  const copy = new Database(upgraded.preMigrationBackup, { readonly: true });
  assert.equal(copy.pragma('user_version', { simple: true }), LATEST_SCHEMA_VERSION);
  assert.deepEqual(copy.prepare("SELECT value FROM settings WHERE key = 'marker'").get(), { value: '"kept"' });
  assert.equal((copy.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'test_notes'").get() as { n: number }).n, 0);
  copy.close();
});

test('a migration that fails half-way leaves the file at its old version with nothing of the migration in it', (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const file = path.join(dir, 'qinglian.sqlite');
  openDatabase(file).db.close();
  const broken: Migration = {
    version: LATEST_SCHEMA_VERSION + 1,
    name: 'test_broken',
    up: (db) => {
      db.exec('CREATE TABLE half_done (id INTEGER)');
      db.exec('INSERT INTO no_such_table VALUES (1)');
    },
  };
  assert.throws(() => openDatabase(file, { migrations: [...migrations, broken] }));
  const { db } = openDatabase(file);
  assert.equal(db.pragma('user_version', { simple: true }), LATEST_SCHEMA_VERSION);
  assert.equal((db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'half_done'").get() as { n: number }).n, 0);
  db.close();
});

test('migrations are numbered from 1 upwards, each version once, in order', () => {
  // Versions are handed out to parallel work in advance, so one may land before a lower one
  // (a gap until that merges); the runner applies every version above user_version, in order.
  assert.equal(migrations[0]!.version, 1);
  migrations.forEach((m, i) => i > 0 && assert.ok(m.version > migrations[i - 1]!.version, `migration ${m.name}`));
});
