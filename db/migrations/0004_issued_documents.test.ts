import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { migration0001 } from './0001_initial';
import { migration0002 } from './0002_opinions';
import { migration0003 } from './0003_reminders_pledges';
import { migration0004 } from './0004_issued_documents';
import { canonicalJson, sha256Hex } from '../../core/shared/canonical';
import { replyDocumentModel } from '../../core/opinions/issuedModel';
import { getReplyDetail } from '../../core/opinions/replies';
import { readLetterSettings } from '../../core/print/letterSettings';
import { readOfficeSettings } from '../../core/settings/queries';

const at = '2026-01-05T02:00:00.000Z';

/** A version-3 database with one issued reply, one voided draft and one reviewed reply. */
function version3() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  for (const m of [migration0001, migration0002, migration0003]) m.up(db);
  const run = (sql: string, ...args: unknown[]) => db.prepare(sql).run(...args);
  run(
    "INSERT INTO settings (key, value, updated_at) VALUES ('office', ?, ?)",
    JSON.stringify({ authorityName: '某某市纪委监委', docPrefixes: { opinionReply: '某纪廉复', reminderLetter: '某纪廉提' } }),
    at,
  );
  run(
    "INSERT INTO settings (key, value, updated_at) VALUES ('letters', ?, ?)",
    JSON.stringify({
      redHeader: false,
      contactPerson: '李明',
      contactPhone: '0731-1234567',
      sealText: null,
      inlineMaxPersons: 5,
      fontMode: 'bundled-only',
    }),
    at,
  );
  run("INSERT INTO units (id, name, created_at, updated_at) VALUES ('u', '市财政局', ?, ?)", at, at);
  run(
    "INSERT INTO people (id, name, name_pinyin, name_initials, unit_id, position, created_at, updated_at) VALUES ('p', '张三', 'zhangsan', 'zs', 'u', '科长', ?, ?)",
    at,
    at,
  );
  run(
    "INSERT INTO opinion_requests (id, requester, requester_doc_number, title, received_date, purpose, due_date, created_at, updated_at) VALUES ('q', '市委组织部', '市组函〔2025〕9号', '关于征求张三同志意见的函', '2025-12-30', '提拔', '2026-01-05', ?, ?)",
    at,
    at,
  );
  run(
    "INSERT INTO opinion_replies (id, request_id, status, reply_date, doc_number, issued_at, created_at, updated_at) VALUES ('r', 'q', 'issued', '2026-01-04', '某纪廉复〔2026〕1号', ?, ?, ?)",
    at,
    at,
    at,
  );
  run(
    "INSERT INTO opinion_replies (id, request_id, status, reply_date, reviewed_at, created_at, updated_at) VALUES ('r2', 'q', 'reviewed', '2026-01-04', ?, ?, ?)",
    at,
    at,
    at,
  );
  run(
    "INSERT INTO opinion_replies (id, request_id, status, reply_date, created_at, updated_at) VALUES ('r3', 'q', 'voided', '2026-01-04', ?, ?)",
    at,
    at,
  );
  for (const r of ['r', 'r2', 'r3'])
    run(
      `INSERT INTO opinion_reply_items (id, reply_id, person_id, line_no, proposed_category, category, wording, findings, created_at, updated_at)
       VALUES (?, ?, 'p', 1, 'clear', 'clear', '未发现影响提拔使用的问题。', '{}', ?, ?)`,
      `i-${r}`,
      r,
      at,
      at,
    );
  return db;
}

test('0004: an issued reply gets its stored letter built once from the data as it is, marked reconstructed; the same model the app builds', () => {
  const db = version3();
  migration0004.up(db);
  const rows = db.prepare('SELECT * FROM issued_documents').all() as Record<string, unknown>[];
  assert.equal(rows.length, 1, 'only the issued reply (a never-issued voided draft has no document)');
  const row = rows[0]!;
  assert.equal(row.record_id, 'r');
  assert.equal(row.kind, 'opinionReply');
  assert.equal(row.doc_number, '某纪廉复〔2026〕1号');
  assert.equal(row.reconstructed, 1);
  assert.equal(row.pdf, null);
  assert.equal(row.content_sha256, sha256Hex(row.content_json as string));
  const model = JSON.parse(row.content_json as string) as ReturnType<typeof replyDocumentModel>;
  assert.equal(model.letter.persons[0]!.unitPosition, '市财政局科长');
  assert.equal(model.letter.authorityName, '某某市纪委监委');
  assert.equal(model.settings.contactPerson, '李明');
  assert.equal(model.letter.asOf, '2026-01-04');

  // what the app's own builder makes of the same records (rule-set version aside: unknown for old replies)
  const detail = getReplyDetail(db, 'r', '2026-01-05')!;
  const live = replyDocumentModel(detail, readOfficeSettings(db)!, readLetterSettings(db), '2026-01-05', null);
  assert.equal(row.content_json, canonicalJson(live));
});

test('0004: a reply reviewed before the upgrade goes back to 待审核 with the reason; stored documents cannot be changed or deleted', () => {
  const db = version3();
  migration0004.up(db);
  const r2 = db.prepare("SELECT status, rev, review_reset_reason FROM opinion_replies WHERE id = 'r2'").get() as {
    status: string;
    rev: number;
    review_reset_reason: string;
  };
  assert.equal(r2.status, 'draft');
  assert.equal(r2.rev, 2);
  assert.match(r2.review_reset_reason, /程序升级后须重新审核/);
  assert.throws(() => db.prepare("UPDATE issued_documents SET doc_number = 'x'").run(), /does not change/);
  assert.throws(() => db.prepare('DELETE FROM issued_documents').run(), /never deleted/);
  assert.throws(
    () =>
      db
        .prepare(
          "INSERT INTO issued_documents (id, kind, record_id, model_version, content_json, content_sha256, created_at) VALUES ('x', 'opinionReply', 'r', 1, '{}', ?, ?)",
        )
        .run('0'.repeat(64), at),
    /UNIQUE/,
  );
});
