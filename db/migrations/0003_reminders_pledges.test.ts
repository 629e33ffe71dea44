import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { migration0001 } from './0001_initial';
import { migration0002 } from './0002_opinions';
import { migration0003 } from './0003_reminders_pledges';

const at = '2026-01-01T00:00:00.000Z';

function freshDb() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  for (const m of [migration0001, migration0002, migration0003]) m.up(db);
  db.prepare(
    "INSERT INTO people (id, name, name_pinyin, name_initials, created_at, updated_at) VALUES ('p', '张三', 'zhangsan', 'zs', ?, ?)",
  ).run(at, at);
  db.prepare("INSERT INTO units (id, name, created_at, updated_at) VALUES ('u', '市财政局', ?, ?)").run(at, at);
  return db;
}

const letter = (db: Database.Database, values: Record<string, unknown>) =>
  db
    .prepare(
      `INSERT INTO reminder_letters (id, title, kind, occasion, year, letter_date, period_from, period_to, body, doc_number, created_at, updated_at)
       VALUES (@id, '关于中秋国庆期间的廉洁提醒函', @kind, @occasion, @year, '2025-09-25', @period_from, @period_to, '正文', @doc_number, '${at}', '${at}')`,
    )
    .run({ id: 'l', kind: '节日提醒', occasion: '中秋国庆', year: 2025, period_from: null, period_to: null, doc_number: null, ...values });

test('0003: reminder letters refuse unknown kinds and occasions, years out of range, a period that ends before it starts, and a repeated number', () => {
  const db = freshDb();
  assert.throws(() => letter(db, { kind: '通知' }), /CHECK/);
  assert.throws(() => letter(db, { occasion: '国庆' }), /CHECK/);
  assert.throws(() => letter(db, { year: 1999 }), /CHECK/);
  assert.throws(() => letter(db, { period_from: '2025-10-08', period_to: '2025-10-01' }), /CHECK/);
  letter(db, { id: 'a', doc_number: '某纪廉提〔2025〕1号' });
  assert.throws(() => letter(db, { id: 'b', doc_number: '某纪廉提〔2025〕1号' }), /UNIQUE/);
  letter(db, { id: 'c' });
  letter(db, { id: 'd' }); // drafts carry no number: any count of them
  assert.equal(db.prepare("SELECT status FROM reminder_letters WHERE id = 'c'").pluck().get(), 'draft');
});

test('0003: an addressee is a unit or a person (not both, not neither), once per letter; a receipt has both signer and date', () => {
  const db = freshDb();
  letter(db, {});
  const addressee = db.prepare(
    `INSERT INTO reminder_addressees (id, letter_id, unit_id, person_id, line_no, receipt_signer, receipt_date, created_at, updated_at)
     VALUES (?, 'l', ?, ?, 1, ?, ?, '${at}', '${at}')`,
  );
  assert.throws(() => addressee.run('x', 'u', 'p', null, null), /CHECK/);
  assert.throws(() => addressee.run('x', null, null, null, null), /CHECK/);
  assert.throws(() => addressee.run('x', 'u', null, '李某', null), /CHECK/);
  assert.throws(() => addressee.run('x', 'missing-unit', null, null, null), /FOREIGN KEY/);
  addressee.run('a1', 'u', null, '李某', '2025-09-26');
  assert.throws(() => addressee.run('a2', 'u', null, null, null), /UNIQUE/);
  addressee.run('a3', null, 'p', null, null);
  assert.throws(() => addressee.run('a4', null, 'p', null, null), /UNIQUE/);
});

test('0003: a roster line is unique per campaign and person, a signed line has a date, and its scan goes with it', () => {
  const db = freshDb();
  db.prepare(
    `INSERT INTO pledge_campaigns (id, pledge_type, title, year, start_date, template_text, needs_cosigner, created_at, updated_at)
     VALUES ('c', '廉洁过节', '2025年春节廉洁过节承诺', 2025, '2025-01-01', '本人承诺……', 1, ?, ?)`,
  ).run(at, at);
  const roster = db.prepare(
    `INSERT INTO pledge_roster (id, campaign_id, person_id, signed, signed_date, sign_method, created_at, updated_at) VALUES (?, 'c', 'p', ?, ?, ?, '${at}', '${at}')`,
  );
  assert.throws(() => roster.run('r', 1, null, null), /CHECK/);
  assert.throws(() => roster.run('r', 0, null, '线上'), /CHECK/);
  roster.run('r', 1, '2025-01-15', '集中');
  assert.throws(() => roster.run('r2', 0, null, null), /UNIQUE/);
  const scan = db.prepare(
    `INSERT INTO pledge_scans (roster_id, file_name, mime, size, sha256, content, created_at) VALUES ('r', ?, ?, 3, 'h', x'010203', '${at}')`,
  );
  assert.throws(() => scan.run('a.exe', 'application/x-msdownload'), /CHECK/);
  scan.run('承诺书.pdf', 'application/pdf');
  db.prepare("DELETE FROM pledge_roster WHERE id = 'r'").run();
  assert.equal(db.prepare('SELECT COUNT(*) FROM pledge_scans').pluck().get(), 0, 'the scan is removed with its roster line');
});
