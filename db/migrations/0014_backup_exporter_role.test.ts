import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { migration0001 } from './0001_initial';
import { migration0014 } from './0014_backup_exporter_role';

const at = '2026-01-01T00:00:00.000Z';

function withUsers() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migration0001.up(db);
  const user = db.prepare(
    "INSERT INTO users (id, username, display_name, password_hash, active, created_at, updated_at) VALUES (?, ?, ?, 'x', 1, ?, ?)",
  );
  user.run('u1', 'admin', '管理员', at, at);
  user.run('u2', 'clerk', '王承办', at, at);
  const role = db.prepare('INSERT INTO user_roles (user_id, role) VALUES (?, ?)');
  role.run('u1', 'admin');
  role.run('u1', 'handler');
  role.run('u2', 'handler');
  return db;
}

test('0014: roles already held are kept; 导出备份 (exporter) can be granted; unknown roles are still refused', () => {
  const db = withUsers();
  assert.throws(() => db.prepare("INSERT INTO user_roles (user_id, role) VALUES ('u2', 'exporter')").run(), /CHECK/);
  migration0014.up(db);
  assert.deepEqual(db.prepare('SELECT user_id, role FROM user_roles ORDER BY user_id, role').all(), [
    { user_id: 'u1', role: 'admin' },
    { user_id: 'u1', role: 'handler' },
    { user_id: 'u2', role: 'handler' },
  ]);
  db.prepare("INSERT INTO user_roles (user_id, role) VALUES ('u2', 'exporter')").run();
  assert.throws(() => db.prepare("INSERT INTO user_roles (user_id, role) VALUES ('u2', 'root')").run(), /CHECK/);
  assert.throws(() => db.prepare("INSERT INTO user_roles (user_id, role) VALUES ('nobody', 'handler')").run(), /FOREIGN KEY/);
  db.prepare("DELETE FROM users WHERE id = 'u2'").run();
  assert.equal((db.prepare("SELECT count(*) AS n FROM user_roles WHERE user_id = 'u2'").get() as { n: number }).n, 0, 'cascade kept');
});
