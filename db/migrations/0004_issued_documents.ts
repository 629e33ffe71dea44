import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { newId } from '../ids';
import type { Migration } from './types';

/**
 * Issue 10: what was issued stays what was issued.
 *
 * - issued_documents: the complete document model of an issued 复函 (at 签发), 提醒函
 *   (at 印发) or a campaign's official 承诺书 (at its first print), as canonical JSON with
 *   its SHA-256, and the first PDF made from it (the archival copy every later PDF
 *   request returns). Rows are never deleted and their content never changes: triggers
 *   refuse it, whatever code runs; the PDF can be set once.
 * - opinion_replies: what the reviewer approved (review_content, review_sha256), and why
 *   a reviewed reply went back to 待审核 (review_reset_reason).
 * - Replies issued before this version get their stored document built once from the
 *   data as it is now, marked reconstructed. Replies reviewed but not issued go back to
 *   待审核 (what was reviewed was not recorded).
 */
export const migration0004: Migration = {
  version: 4,
  name: 'issued_documents',
  up(db) {
    db.exec(`
      CREATE TABLE issued_documents (
        id             TEXT PRIMARY KEY,
        kind           TEXT NOT NULL CHECK (kind IN ('opinionReply', 'reminderLetter', 'pledgeForm')),
        record_id      TEXT NOT NULL,             -- opinion_replies.id / reminder_letters.id / pledge_campaigns.id
        doc_number     TEXT,                      -- null for pledge forms
        model_version  INTEGER NOT NULL,          -- the template's model version the JSON follows
        content_json   TEXT NOT NULL,             -- canonical JSON: every text on the paper and the layout settings
        content_sha256 TEXT NOT NULL CHECK (length(content_sha256) = 64),
        reconstructed  INTEGER NOT NULL DEFAULT 0 CHECK (reconstructed IN (0, 1)), -- 1: built after the fact by this migration
        created_at     TEXT NOT NULL,
        created_by     TEXT,
        pdf            BLOB,                      -- the archival PDF, set once
        pdf_sha256     TEXT CHECK (pdf_sha256 IS NULL OR length(pdf_sha256) = 64),
        pdf_created_at TEXT,
        pdf_created_by TEXT,
        UNIQUE (kind, record_id),
        CHECK ((pdf IS NULL) = (pdf_sha256 IS NULL))
      );
      CREATE INDEX issued_documents_number ON issued_documents(doc_number) WHERE doc_number IS NOT NULL;

      CREATE TRIGGER issued_documents_never_deleted BEFORE DELETE ON issued_documents
      BEGIN SELECT RAISE(ABORT, 'issued documents are never deleted'); END;

      CREATE TRIGGER issued_documents_content_fixed
      BEFORE UPDATE OF id, kind, record_id, doc_number, model_version, content_json, content_sha256, reconstructed, created_at, created_by
      ON issued_documents
      BEGIN SELECT RAISE(ABORT, 'an issued document does not change'); END;

      CREATE TRIGGER issued_documents_pdf_once
      BEFORE UPDATE OF pdf, pdf_sha256, pdf_created_at, pdf_created_by ON issued_documents
      WHEN OLD.pdf IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'the archival PDF is set once'); END;

      ALTER TABLE opinion_replies ADD COLUMN review_content TEXT;      -- canonical JSON of what the reviewer approved
      ALTER TABLE opinion_replies ADD COLUMN review_sha256 TEXT;
      ALTER TABLE opinion_replies ADD COLUMN review_reset_reason TEXT; -- why a reviewed reply went back to 待审核
      ALTER TABLE opinion_replies ADD COLUMN review_reset_at TEXT;
      -- the host looks for replies waiting for 签发 after every write (returnStaleReviews)
      CREATE INDEX opinion_replies_reviewed ON opinion_replies(id) WHERE status = 'reviewed';
    `);
    reconstructIssuedReplies(db);
    // A reply reviewed before this version has no record of what was reviewed: it goes
    // back to 待审核 (say why), so no 签发 can pass on an approval that cannot be checked.
    db.prepare(
      `UPDATE opinion_replies SET status = 'draft', reviewed_by = NULL, reviewed_at = NULL, rev = rev + 1,
         review_reset_reason = '程序升级后须重新审核（升级前的审核没有记录审核时的复函内容）。', review_reset_at = ?
       WHERE status = 'reviewed'`,
    ).run(new Date().toISOString());
  },
};

// ---------------------------------------------------------------------------------
// Reconstruction of replies issued before version 4.
//
// Self-contained on purpose: a released migration must do the same thing whatever the
// app code later becomes, so the model is built here from the tables as version 4 has
// them. It is the model core/opinions/issuedModel.ts builds (model version 1); a test
// checks that both agree.

const REPLY_MODEL_VERSION = 1;

const DEFAULT_LETTER_SETTINGS = {
  redHeader: true,
  contactPerson: null,
  contactPhone: null,
  sealText: null,
  inlineMaxPersons: 5,
  fontMode: 'system-first',
};

function setting(db: Database.Database, key: string): Record<string, unknown> | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  if (!row) return null;
  try {
    const v = JSON.parse(row.value) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The letter settings as readLetterSettings reads them (any member missing or odd → the defaults). */
function letterSettings(db: Database.Database) {
  const s = setting(db, 'letters');
  if (!s) return DEFAULT_LETTER_SETTINGS;
  const ok =
    typeof s.redHeader === 'boolean' &&
    (s.contactPerson === null || typeof s.contactPerson === 'string') &&
    (s.contactPhone === null || typeof s.contactPhone === 'string') &&
    (s.sealText === null || typeof s.sealText === 'string') &&
    Number.isInteger(s.inlineMaxPersons) &&
    (s.fontMode === 'system-first' || s.fontMode === 'bundled-only');
  return ok
    ? {
        redHeader: s.redHeader,
        contactPerson: s.contactPerson,
        contactPhone: s.contactPhone,
        sealText: s.sealText,
        inlineMaxPersons: s.inlineMaxPersons,
        fontMode: s.fontMode,
      }
    : DEFAULT_LETTER_SETTINGS;
}

/** Local calendar date of an ISO instant (as core/shared/dates localIsoDate). */
function localDate(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function canonical(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort())
        if ((v as Record<string, unknown>)[k] !== undefined) out[k] = sort((v as Record<string, unknown>)[k]);
      return out;
    }
    return v;
  };
  return JSON.stringify(sort(value));
}

function reconstructIssuedReplies(db: Database.Database): void {
  const replies = db
    .prepare(
      `SELECT y.id, y.status, y.doc_number, y.reply_date, y.issued_at, y.issued_by, y.supersedes_id,
              q.requester, q.title, q.requester_doc_number, q.purpose,
              (SELECT s.doc_number FROM opinion_replies s WHERE s.id = y.supersedes_id) AS supersedes_doc_number
       FROM opinion_replies y JOIN opinion_requests q ON q.id = y.request_id
       WHERE y.doc_number IS NOT NULL AND y.issued_at IS NOT NULL ORDER BY y.issued_at`,
    )
    .all() as {
    id: string;
    status: string;
    doc_number: string;
    reply_date: string;
    issued_at: string;
    issued_by: string | null;
    requester: string;
    title: string;
    requester_doc_number: string | null;
    purpose: string;
    supersedes_doc_number: string | null;
  }[];
  if (!replies.length) return;
  const office = setting(db, 'office');
  const authorityName = typeof office?.authorityName === 'string' ? office.authorityName : '';
  const settings = letterSettings(db);
  const items = db.prepare(
    `SELECT p.name, u.name AS unit_name, p.position, i.wording, i.remark
     FROM opinion_reply_items i JOIN people p ON p.id = i.person_id LEFT JOIN units u ON u.id = p.unit_id
     WHERE i.reply_id = ? ORDER BY i.line_no`,
  );
  const insert = db.prepare(
    `INSERT INTO issued_documents (id, kind, record_id, doc_number, model_version, content_json, content_sha256, reconstructed, created_at, created_by)
     VALUES (?, 'opinionReply', ?, ?, ?, ?, ?, 1, ?, NULL)`,
  );
  const now = new Date().toISOString();
  for (const r of replies) {
    const persons = (
      items.all(r.id) as { name: string; unit_name: string | null; position: string | null; wording: string; remark: string | null }[]
    ).map((p) => ({ name: p.name, unitPosition: `${p.unit_name ?? ''}${p.position ?? ''}`, wording: p.wording, remark: p.remark }));
    const model = {
      kind: 'opinionReply',
      modelVersion: REPLY_MODEL_VERSION,
      template: 'replyLetter',
      purpose: r.purpose,
      ruleSetVersion: null, // unknown: the proposals were made before versions were recorded here
      letter: {
        authorityName,
        docNumber: r.doc_number,
        issued: true,
        date: localDate(r.issued_at),
        asOf: r.reply_date,
        requester: r.requester,
        requestTitle: r.title,
        requesterDocNumber: r.requester_doc_number,
        persons,
        supersedesDocNumber: r.supersedes_doc_number,
        watermark: null,
      },
      settings,
    };
    const json = canonical(model);
    const hash = createHash('sha256').update(json).digest('hex');
    insert.run(newId(), r.id, r.doc_number, REPLY_MODEL_VERSION, json, hash, now);
  }
}
