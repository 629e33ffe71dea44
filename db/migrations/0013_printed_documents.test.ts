import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { migrations } from './index';
import { migration0013 } from './0013_printed_documents';

function migrated() {
  const db = new Database(':memory:');
  for (const m of migrations.filter((m) => m.version < 13)) m.up(db);
  migration0013.up(db);
  return db;
}

const row = [
  'd1',
  'pledgeForms',
  'c1',
  '{"a":1}',
  'a'.repeat(64),
  'x.pdf',
  2,
  Buffer.from('%PDF-1.4'),
  'b'.repeat(64),
  '2026-01-01T00:00:00.000Z',
  null,
];
const insert = (db: Database.Database, values: unknown[]) =>
  db
    .prepare(
      `INSERT INTO printed_documents (id, kind, subject_id, content_json, content_sha256, file_name, page_count, pdf, pdf_sha256, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(...values);

test('0013: a printed document keeps its bytes: no update, no delete', () => {
  const db = migrated();
  insert(db, row);
  assert.throws(() => db.prepare("UPDATE printed_documents SET pdf = x'00' WHERE id = 'd1'").run(), /does not change/);
  assert.throws(() => db.prepare("UPDATE printed_documents SET file_name = 'y.pdf' WHERE id = 'd1'").run(), /does not change/);
  assert.throws(() => db.prepare("DELETE FROM printed_documents WHERE id = 'd1'").run(), /never deleted/);
  const kept = db.prepare('SELECT pdf FROM printed_documents WHERE id = ?').pluck().get('d1') as Buffer;
  assert.equal(kept.toString(), '%PDF-1.4');
});

test('0013: one row per kind and content; unknown kinds and short hashes are refused', () => {
  const db = migrated();
  insert(db, row);
  assert.throws(() => insert(db, ['d2', ...row.slice(1)]), /UNIQUE/);
  insert(db, ['d3', 'reminderReceipts', ...row.slice(2)]);
  assert.throws(() => insert(db, ['d4', 'letters', ...row.slice(2)]), /CHECK/);
  assert.throws(() => insert(db, ['d5', 'replyBatch', null, '{}', 'abc', ...row.slice(5)]), /CHECK/);
});
