import type { Migration } from './types';

/**
 * Issue 14: the PDFs of printouts that are not one issued document — a batch of reply
 * letters, a 提醒函's 签收单, a campaign's pre-filled 承诺书 — are kept as issued, like
 * the archival copy of a single letter (issued_documents.pdf).
 *
 * A row is one printout as it was first issued: the canonical JSON of everything that
 * fills its pages (content_json, for batches the stored letters' own hashes) and the PDF
 * made from it. A later print of the same content returns these bytes; a changed roster
 * or batch is new content and gets a row of its own. Rows never change or go away.
 */
export const migration0013: Migration = {
  version: 13,
  name: 'printed_documents',
  up(db) {
    db.exec(`
      CREATE TABLE printed_documents (
        id             TEXT PRIMARY KEY,
        kind           TEXT NOT NULL CHECK (kind IN ('replyBatch', 'reminderReceipts', 'pledgeForms')),
        subject_id     TEXT,                      -- reminder_letters.id / pledge_campaigns.id; null for a batch
        content_json   TEXT NOT NULL,             -- canonical JSON of what fills the pages
        content_sha256 TEXT NOT NULL CHECK (length(content_sha256) = 64),
        file_name      TEXT NOT NULL,
        page_count     INTEGER NOT NULL CHECK (page_count > 0),
        pdf            BLOB NOT NULL,
        pdf_sha256     TEXT NOT NULL CHECK (length(pdf_sha256) = 64),
        created_at     TEXT NOT NULL,
        created_by     TEXT,
        UNIQUE (kind, content_sha256)
      );
      CREATE INDEX printed_documents_subject ON printed_documents(subject_id) WHERE subject_id IS NOT NULL;

      CREATE TRIGGER printed_documents_never_deleted BEFORE DELETE ON printed_documents
      BEGIN SELECT RAISE(ABORT, 'printed documents are never deleted'); END;

      CREATE TRIGGER printed_documents_fixed BEFORE UPDATE ON printed_documents
      BEGIN SELECT RAISE(ABORT, 'a printed document does not change'); END;
    `);
  },
};
