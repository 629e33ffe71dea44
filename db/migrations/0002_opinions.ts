import type { Migration } from './types';

/**
 * Issue 3: the sanctions register (处分/处理台账), pending matters (在查事项), incoming
 * opinion requests (征求意见函) with their persons, replies (廉政意见回复) with one item
 * per person and the sections that checked, and the document-number register.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'opinions',
  up(db) {
    db.exec(`
      CREATE TABLE sanctions (
        id                 TEXT PRIMARY KEY,
        person_id          TEXT NOT NULL REFERENCES people(id),
        category           TEXT NOT NULL CHECK (category IN ('party', 'government', 'organizational', 'admonition')),
        type               TEXT NOT NULL,
        decision_authority TEXT NOT NULL,          -- 决定机关
        decision_number    TEXT,                   -- 决定文号
        decision_date      TEXT NOT NULL,
        effective_date     TEXT NOT NULL,
        probation_months   INTEGER CHECK (probation_months IS NULL OR probation_months IN (12, 24)),
        restoration_date   TEXT,                   -- 留党察看: 恢复党员权利日期
        status             TEXT NOT NULL DEFAULT '有效' CHECK (status IN ('有效', '已解除', '已撤销')),
        status_date        TEXT,
        summary            TEXT,
        -- computed by core/sanctions/impactPeriod.ts whenever the person's records change
        promotion_end      TEXT,                   -- YYYY-MM-DD, 'permanent' or NULL
        commendation_end   TEXT,
        computation        TEXT,                   -- JSON: the steps, in Chinese
        rule_version       TEXT,
        -- a clerk's override of a computed end, with the reason
        promotion_end_override            TEXT,
        promotion_end_override_reason     TEXT,
        commendation_end_override         TEXT,
        commendation_end_override_reason  TEXT,
        rev        INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL, created_by TEXT, updated_at TEXT NOT NULL, updated_by TEXT,
        deleted_at TEXT, deleted_by TEXT,
        CHECK (effective_date >= decision_date),
        CHECK (restoration_date IS NULL OR restoration_date > effective_date)
      );
      CREATE INDEX sanctions_person ON sanctions(person_id, effective_date);
      CREATE UNIQUE INDEX sanctions_decision_number ON sanctions(decision_number)
        WHERE decision_number IS NOT NULL AND deleted_at IS NULL;

      -- 在查事项: 信访举报 petition, 问题线索 lead, 立案审查调查 case
      CREATE TABLE pending_matters (
        id             TEXT PRIMARY KEY,
        person_id      TEXT NOT NULL REFERENCES people(id),
        kind           TEXT NOT NULL CHECK (kind IN ('petition', 'lead', 'case')),
        source         TEXT,
        received_date  TEXT NOT NULL,
        summary        TEXT,
        status         TEXT NOT NULL DEFAULT '在办' CHECK (status IN ('在办', '已办结')),
        closed_date    TEXT,
        closing_result TEXT,
        rev        INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL, created_by TEXT, updated_at TEXT NOT NULL, updated_by TEXT,
        deleted_at TEXT, deleted_by TEXT,
        CHECK (closed_date IS NULL OR closed_date >= received_date)
      );
      CREATE INDEX pending_matters_person ON pending_matters(person_id, status);

      -- 征求意见函: the incoming letter
      CREATE TABLE opinion_requests (
        id                   TEXT PRIMARY KEY,
        requester            TEXT NOT NULL,        -- 来函单位, e.g. 市委组织部
        requester_doc_number TEXT,                 -- 来函文号
        title                TEXT NOT NULL,
        received_date        TEXT NOT NULL,
        purpose              TEXT NOT NULL CHECK (purpose IN ('提拔', '进一步使用', '职级晋升', '评先评优', '换届提名', '后备', '其他')),
        due_date             TEXT NOT NULL,
        notes                TEXT,
        rev        INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL, created_by TEXT, updated_at TEXT NOT NULL, updated_by TEXT,
        deleted_at TEXT, deleted_by TEXT
      );
      CREATE INDEX opinion_requests_received ON opinion_requests(received_date);
      CREATE UNIQUE INDEX opinion_requests_doc_number ON opinion_requests(requester, requester_doc_number)
        WHERE requester_doc_number IS NOT NULL AND deleted_at IS NULL;

      CREATE TABLE opinion_request_persons (
        id            TEXT PRIMARY KEY,
        request_id    TEXT NOT NULL REFERENCES opinion_requests(id),
        person_id     TEXT NOT NULL REFERENCES people(id),
        line_no       INTEGER NOT NULL,
        unit_text     TEXT,                        -- 单位职务 as the requester wrote it
        position_text TEXT,
        rev        INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL, created_by TEXT, updated_at TEXT NOT NULL, updated_by TEXT,
        UNIQUE (request_id, person_id)
      );
      CREATE INDEX opinion_request_persons_person ON opinion_request_persons(person_id);

      -- 廉政意见回复: draft → reviewed → issued (frozen), or voided
      CREATE TABLE opinion_replies (
        id            TEXT PRIMARY KEY,
        request_id    TEXT NOT NULL REFERENCES opinion_requests(id),
        status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'reviewed', 'issued', 'voided')),
        reply_date    TEXT NOT NULL,               -- the date the check is made as of
        doc_number    TEXT,                        -- allocated on issue
        supersedes_id TEXT REFERENCES opinion_replies(id),
        reviewed_by   TEXT, reviewed_at TEXT,
        issued_by     TEXT, issued_at TEXT,
        voided_by     TEXT, voided_at TEXT, void_reason TEXT,
        rev        INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL, created_by TEXT, updated_at TEXT NOT NULL, updated_by TEXT
      );
      CREATE INDEX opinion_replies_request ON opinion_replies(request_id);
      CREATE UNIQUE INDEX opinion_replies_doc_number ON opinion_replies(doc_number) WHERE doc_number IS NOT NULL;

      CREATE TABLE opinion_reply_items (
        id                TEXT PRIMARY KEY,
        reply_id          TEXT NOT NULL REFERENCES opinion_replies(id),
        person_id         TEXT NOT NULL REFERENCES people(id),
        line_no           INTEGER NOT NULL,
        proposed_category TEXT NOT NULL CHECK (proposed_category IN ('clear', 'pending', 'barred', 'other')),
        category          TEXT NOT NULL CHECK (category IN ('clear', 'pending', 'barred', 'other')),
        wording           TEXT NOT NULL,
        override_reason   TEXT,                    -- required when category <> proposed_category
        remark            TEXT,                    -- 备注
        findings          TEXT NOT NULL,           -- JSON: what the check found, as of reply_date
        rev        INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL, created_by TEXT, updated_at TEXT NOT NULL, updated_by TEXT,
        UNIQUE (reply_id, person_id),
        CHECK (category = proposed_category OR override_reason IS NOT NULL)
      );
      CREATE INDEX opinion_reply_items_person ON opinion_reply_items(person_id);

      -- 谁审查、谁签字: each section that checked the reply
      CREATE TABLE opinion_section_checks (
        id         TEXT PRIMARY KEY,
        reply_id   TEXT NOT NULL REFERENCES opinion_replies(id),
        section    TEXT NOT NULL,                  -- 信访室 / 案管室 / 审理室 / …
        checker    TEXT NOT NULL,                  -- who checked (name as signed)
        checked_on TEXT NOT NULL,
        note       TEXT,
        rev        INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL, created_by TEXT, updated_at TEXT NOT NULL, updated_by TEXT,
        UNIQUE (reply_id, section)
      );

      -- 发文字号 register: one sequence per kind and year; never reused; voided numbers stay.
      CREATE TABLE doc_numbers (
        kind         TEXT NOT NULL,
        year         INTEGER NOT NULL,
        serial       INTEGER NOT NULL CHECK (serial > 0),
        doc_number   TEXT NOT NULL UNIQUE,
        entity_id    TEXT NOT NULL,
        status       TEXT NOT NULL DEFAULT '已使用' CHECK (status IN ('已使用', '作废')),
        allocated_at TEXT NOT NULL,
        allocated_by TEXT,
        voided_at    TEXT,
        void_reason  TEXT,
        PRIMARY KEY (kind, year, serial)
      ) WITHOUT ROWID;
    `);
  },
};
