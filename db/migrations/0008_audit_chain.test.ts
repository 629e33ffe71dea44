import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { auditEntryHash, GENESIS_HASH } from '../auditChain';
import { migration0001 } from './0001_initial';
import { migration0002 } from './0002_opinions';
import { migration0003 } from './0003_reminders_pledges';
import { migration0008 } from './0008_audit_chain';

test('0008 chains the audit entries already in the file, in seq order', () => {
  const db = new Database(':memory:');
  for (const m of [migration0001, migration0002, migration0003]) m.up(db);
  const insert = db.prepare(
    'INSERT INTO audit_log (seq, at, user_id, action, entity, entity_id, before, after) VALUES (?, ?, NULL, ?, ?, ?, NULL, ?)',
  );
  insert.run(1, '2026-01-01T00:00:00.000Z', 'create', 'people', 'p1', '{"name":"张三"}');
  insert.run(2, '2026-01-02T00:00:00.000Z', 'login', 'users', 'u1', null);
  insert.run(5, '2026-01-03T00:00:00.000Z', 'delete', 'people', 'p1', null);
  migration0008.up(db);
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as { seq: number; prev_hash: string; hash: string }[];
  assert.equal(rows[0]!.prev_hash, GENESIS_HASH);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    assert.equal(r.hash, auditEntryHash(r as never), `seq ${r.seq}`);
    if (i > 0) assert.equal(r.prev_hash, rows[i - 1]!.hash);
  }
  assert.notEqual(rows[0]!.hash, rows[1]!.hash);
});

test('0008 on an empty log adds the columns and nothing else', () => {
  const db = new Database(':memory:');
  for (const m of [migration0001, migration0002, migration0003, migration0008]) m.up(db);
  const cols = (db.prepare("SELECT name FROM pragma_table_info('audit_log')").all() as { name: string }[]).map((c) => c.name);
  assert.ok(cols.includes('prev_hash') && cols.includes('hash'));
  assert.equal((db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n, 0);
});
