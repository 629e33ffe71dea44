import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { migration0001 } from './0001_initial';
import { migration0002 } from './0002_opinions';

const at = '2026-01-01T00:00:00.000Z';

function freshDb() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migration0001.up(db);
  migration0002.up(db);
  db.prepare(
    "INSERT INTO people (id, name, name_pinyin, name_initials, created_at, updated_at) VALUES ('p', '张三', 'zhangsan', 'zs', ?, ?)",
  ).run(at, at);
  return db;
}

const sanction = (db: Database.Database, values: Record<string, unknown>) =>
  db
    .prepare(
      `INSERT INTO sanctions (id, person_id, category, type, decision_authority, decision_number, decision_date, effective_date, probation_months, restoration_date, status, created_at, updated_at)
       VALUES (@id, 'p', @category, @type, '市纪委', @decision_number, @decision_date, @effective_date, @probation_months, @restoration_date, '有效', '${at}', '${at}')`,
    )
    .run({
      id: 's',
      category: 'party',
      type: '警告',
      decision_number: null,
      decision_date: '2025-01-01',
      effective_date: '2025-01-02',
      probation_months: null,
      restoration_date: null,
      ...values,
    });

test('0002: sanctions refuse impossible dates, unknown categories and repeated decision numbers', () => {
  const db = freshDb();
  assert.throws(() => sanction(db, { effective_date: '2024-12-31' }), /CHECK/);
  assert.throws(() => sanction(db, { category: 'criminal' }), /CHECK/);
  assert.throws(() => sanction(db, { type: '留党察看', probation_months: 18 }), /CHECK/);
  assert.throws(() => sanction(db, { type: '留党察看', probation_months: 12, restoration_date: '2025-01-01' }), /CHECK/);
  sanction(db, { id: 'a', decision_number: '市纪发〔2025〕1号' });
  assert.throws(() => sanction(db, { id: 'b', decision_number: '市纪发〔2025〕1号' }), /UNIQUE/);
  db.prepare("UPDATE sanctions SET deleted_at = ? WHERE id = 'a'").run(at);
  sanction(db, { id: 'c', decision_number: '市纪发〔2025〕1号' }); // the deleted record no longer holds the number
});

test('0002: a reply item whose category differs from the proposal must carry a reason; numbers are unique per kind and year', () => {
  const db = freshDb();
  db.prepare(
    "INSERT INTO opinion_requests (id, requester, title, received_date, purpose, due_date, created_at, updated_at) VALUES ('q', '市委组织部', 't', '2025-01-01', '提拔', '2025-01-06', ?, ?)",
  ).run(at, at);
  assert.throws(
    () =>
      db
        .prepare(
          "INSERT INTO opinion_requests (id, requester, title, received_date, purpose, due_date, created_at, updated_at) VALUES ('q2', 'x', 't', '2025-01-01', '升职', '2025-01-06', ?, ?)",
        )
        .run(at, at),
    /CHECK/,
  );
  db.prepare("INSERT INTO opinion_replies (id, request_id, reply_date, created_at, updated_at) VALUES ('r', 'q', '2025-01-02', ?, ?)").run(
    at,
    at,
  );
  const item = db.prepare(
    "INSERT INTO opinion_reply_items (id, reply_id, person_id, line_no, proposed_category, category, wording, override_reason, findings, created_at, updated_at) VALUES (?, 'r', 'p', 1, 'clear', ?, 'w', ?, '{}', ?, ?)",
  );
  assert.throws(() => item.run('i1', 'barred', null, at, at), /CHECK/);
  item.run('i2', 'barred', '信访室告知', at, at);
  const number = db.prepare(
    "INSERT INTO doc_numbers (kind, year, serial, doc_number, entity_id, allocated_at) VALUES ('opinionReply', 2025, ?, ?, 'r', ?)",
  );
  number.run(1, '某纪廉复〔2025〕1号', at);
  assert.throws(() => number.run(1, '某纪廉复〔2025〕1号 ', at), /UNIQUE|PRIMARY/);
  assert.throws(() => number.run(2, '某纪廉复〔2025〕1号', at), /UNIQUE/);
});
