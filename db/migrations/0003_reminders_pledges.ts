import type { Migration } from './types';

/**
 * Issue 5: reminder letters (廉洁提醒函) with addressees and receipts, the reusable list
 * of 严禁 key points, and pledge campaigns (承诺书) with rosters, sign-offs and scans.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'reminders_pledges',
  up(db) {
    db.exec(`
      -- 严禁 items a clerk picks from when writing a letter
      CREATE TABLE reminder_points (
        id         TEXT PRIMARY KEY,
        text       TEXT NOT NULL,
        sort_order INTEGER NOT NULL DEFAULT 0,
        rev        INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL, created_by TEXT, updated_at TEXT NOT NULL, updated_by TEXT,
        deleted_at TEXT, deleted_by TEXT
      );
      CREATE UNIQUE INDEX reminder_points_text ON reminder_points(text) WHERE deleted_at IS NULL;

      CREATE TABLE reminder_letters (
        id              TEXT PRIMARY KEY,
        status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued', 'voided')),
        doc_number      TEXT,
        title           TEXT NOT NULL,
        kind            TEXT NOT NULL CHECK (kind IN ('节日提醒', '工作提醒函')),
        occasion        TEXT NOT NULL CHECK (occasion IN ('元旦春节', '清明', '五一', '端午', '中秋国庆', '升学季', '其他')),
        year            INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        letter_date     TEXT NOT NULL,
        period_from     TEXT,
        period_to       TEXT,
        key_points      TEXT NOT NULL DEFAULT '[]',   -- JSON array of texts (copied: later edits of the list do not change a letter)
        body            TEXT NOT NULL,
        attachments     TEXT NOT NULL DEFAULT '[]',   -- JSON array of attachment titles
        copy_to         TEXT,                         -- 抄送
        signer          TEXT,                         -- 签发人
        delivery_method TEXT,                         -- 送达方式
        feedback_due_date TEXT,                       -- 工作提醒函: default feedback deadline
        derived_from_id TEXT REFERENCES reminder_letters(id),
        issued_by TEXT, issued_at TEXT,
        voided_by TEXT, voided_at TEXT, void_reason TEXT,
        rev        INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL, created_by TEXT, updated_at TEXT NOT NULL, updated_by TEXT,
        deleted_at TEXT, deleted_by TEXT,
        CHECK (period_to IS NULL OR period_from IS NULL OR period_to >= period_from)
      );
      CREATE INDEX reminder_letters_year ON reminder_letters(year, occasion);
      CREATE UNIQUE INDEX reminder_letters_doc_number ON reminder_letters(doc_number) WHERE doc_number IS NOT NULL;

      CREATE TABLE reminder_addressees (
        id                TEXT PRIMARY KEY,
        letter_id         TEXT NOT NULL REFERENCES reminder_letters(id),
        unit_id           TEXT REFERENCES units(id),
        person_id         TEXT REFERENCES people(id),
        line_no           INTEGER NOT NULL,
        receipt_signer    TEXT,                       -- 签收人
        receipt_date      TEXT,                       -- 签收日期
        feedback_due_date TEXT,
        feedback_date     TEXT,
        rev        INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL, created_by TEXT, updated_at TEXT NOT NULL, updated_by TEXT,
        CHECK ((unit_id IS NULL) <> (person_id IS NULL)),
        CHECK ((receipt_signer IS NULL) = (receipt_date IS NULL))
      );
      CREATE UNIQUE INDEX reminder_addressees_unit ON reminder_addressees(letter_id, unit_id) WHERE unit_id IS NOT NULL;
      CREATE UNIQUE INDEX reminder_addressees_person ON reminder_addressees(letter_id, person_id) WHERE person_id IS NOT NULL;

      CREATE TABLE pledge_campaigns (
        id            TEXT PRIMARY KEY,
        pledge_type   TEXT NOT NULL,                  -- 不操办升学宴谢师宴 / 廉洁过节 / 任前廉政承诺 / 领导干部廉政承诺 / a custom type
        title         TEXT NOT NULL,
        year          INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        start_date    TEXT NOT NULL,                  -- sign-offs cannot be dated before this
        template_text TEXT NOT NULL,
        needs_cosigner INTEGER NOT NULL DEFAULT 0 CHECK (needs_cosigner IN (0, 1)),
        cosigner_label TEXT,                          -- 家属 / 配偶
        rev        INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL, created_by TEXT, updated_at TEXT NOT NULL, updated_by TEXT,
        deleted_at TEXT, deleted_by TEXT
      );

      CREATE TABLE pledge_roster (
        id                TEXT PRIMARY KEY,
        campaign_id       TEXT NOT NULL REFERENCES pledge_campaigns(id),
        person_id         TEXT NOT NULL REFERENCES people(id),
        signed            INTEGER NOT NULL DEFAULT 0 CHECK (signed IN (0, 1)),
        signed_date       TEXT,
        sign_method       TEXT CHECK (sign_method IS NULL OR sign_method IN ('集中', '个别')),
        copies            TEXT NOT NULL DEFAULT '[]',  -- JSON subset of 本人/纪委/组织部
        cosigner_name     TEXT,
        cosigner_relation TEXT,
        breach_checked_on TEXT,                        -- 履诺核查
        breach_result     TEXT,
        rev        INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL, created_by TEXT, updated_at TEXT NOT NULL, updated_by TEXT,
        UNIQUE (campaign_id, person_id),
        CHECK (signed = 0 OR signed_date IS NOT NULL)
      );
      CREATE INDEX pledge_roster_person ON pledge_roster(person_id);

      -- The scanned signed page, kept inside the database (one file to back up), checksummed.
      CREATE TABLE pledge_scans (
        roster_id  TEXT PRIMARY KEY REFERENCES pledge_roster(id) ON DELETE CASCADE,
        file_name  TEXT NOT NULL,
        mime       TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'application/pdf')),
        size       INTEGER NOT NULL,
        sha256     TEXT NOT NULL,
        content    BLOB NOT NULL,
        created_at TEXT NOT NULL, created_by TEXT
      );
    `);
  },
};
