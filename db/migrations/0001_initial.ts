import type { Migration } from './types';

/**
 * The first schema: settings, accounts with roles, the audit log, units (单位) and
 * people (人员库) with their search indexes.
 *
 * Conventions every later table follows:
 * - `id` TEXT UUIDv7 is the record's identity (stable across machines and backups);
 *   tables that feed an FTS index also have `seq INTEGER PRIMARY KEY` because FTS5
 *   external content needs an integer rowid that VACUUM will not renumber.
 * - `rev` counts edits (optimistic concurrency: an update names the rev it started from).
 * - created_at/by, updated_at/by on every row; deleted_at/by marks a row that sits in
 *   the 回收站 (recycle bin) and can be restored.
 */
export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key        TEXT PRIMARY KEY,
        value      TEXT NOT NULL,            -- JSON
        updated_at TEXT NOT NULL,
        updated_by TEXT
      );

      CREATE TABLE users (
        id            TEXT PRIMARY KEY,
        username      TEXT NOT NULL,
        display_name  TEXT NOT NULL,
        password_hash TEXT NOT NULL,          -- scrypt$N$r$p$salt$hash
        active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        rev           INTEGER NOT NULL DEFAULT 1,
        created_at    TEXT NOT NULL,
        created_by    TEXT,
        updated_at    TEXT NOT NULL,
        updated_by    TEXT
      );
      CREATE UNIQUE INDEX users_username ON users(username COLLATE NOCASE);

      -- 承办人 handler, 审核人 reviewer, 签发人 signer, 管理员 admin; one person may hold several.
      CREATE TABLE user_roles (
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role    TEXT NOT NULL CHECK (role IN ('handler', 'reviewer', 'signer', 'admin')),
        PRIMARY KEY (user_id, role)
      ) WITHOUT ROWID;

      -- Every change, written in the same transaction as the change itself.
      CREATE TABLE audit_log (
        seq       INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        user_id   TEXT,
        action    TEXT NOT NULL,              -- create / update / delete / restore / login / ...
        entity    TEXT NOT NULL,              -- table name
        entity_id TEXT,
        before    TEXT,                       -- JSON of the row before, or NULL
        after     TEXT                        -- JSON of the row after, or NULL
      );
      CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);

      CREATE TABLE units (
        seq        INTEGER PRIMARY KEY,
        id         TEXT NOT NULL UNIQUE,
        parent_id  TEXT REFERENCES units(id),
        name       TEXT NOT NULL,
        short_name TEXT,
        sort_order INTEGER NOT NULL DEFAULT 0,
        rev        INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        created_by TEXT,
        updated_at TEXT NOT NULL,
        updated_by TEXT,
        deleted_at TEXT,
        deleted_by TEXT
      );
      CREATE INDEX units_parent ON units(parent_id);
      CREATE UNIQUE INDEX units_sibling_name ON units(ifnull(parent_id, ''), name) WHERE deleted_at IS NULL;

      CREATE TABLE people (
        seq              INTEGER PRIMARY KEY,
        id               TEXT NOT NULL UNIQUE,
        name             TEXT NOT NULL,
        name_pinyin      TEXT NOT NULL,       -- zhangsan (for full-pinyin search)
        name_initials    TEXT NOT NULL,       -- zs (for initials search)
        gender           TEXT CHECK (gender IN ('男', '女')),
        birth_month      TEXT CHECK (birth_month IS NULL OR birth_month GLOB '[12][0-9][0-9][0-9]-[01][0-9]'),
        id_number        TEXT,                -- 身份证号, optional, shown masked
        political_status TEXT,                -- 政治面貌: decides whether party-discipline rules apply
        category         TEXT,                -- 人员类别
        unit_id          TEXT REFERENCES units(id),
        position         TEXT,                -- 职务
        rank             TEXT,                -- 职级/层次
        management_level TEXT,                -- 管理权限
        notes            TEXT,
        rev              INTEGER NOT NULL DEFAULT 1,
        created_at       TEXT NOT NULL,
        created_by       TEXT,
        updated_at       TEXT NOT NULL,
        updated_by       TEXT,
        deleted_at       TEXT,
        deleted_by       TEXT
      );
      CREATE INDEX people_name ON people(name);
      CREATE INDEX people_pinyin ON people(name_pinyin);
      CREATE INDEX people_initials ON people(name_initials);
      CREATE INDEX people_unit ON people(unit_id, name);
      CREATE INDEX people_updated ON people(updated_at);
      CREATE UNIQUE INDEX people_id_number ON people(id_number)
        WHERE id_number IS NOT NULL AND deleted_at IS NULL;

      -- Substring search for 3+ characters (trigram), over name, pinyin and position.
      CREATE VIRTUAL TABLE people_fts USING fts5(
        name, name_pinyin, name_initials, position,
        content = 'people', content_rowid = 'seq', tokenize = 'trigram'
      );
      CREATE TRIGGER people_fts_insert AFTER INSERT ON people BEGIN
        INSERT INTO people_fts(rowid, name, name_pinyin, name_initials, position)
        VALUES (new.seq, new.name, new.name_pinyin, new.name_initials, new.position);
      END;
      CREATE TRIGGER people_fts_delete AFTER DELETE ON people BEGIN
        INSERT INTO people_fts(people_fts, rowid, name, name_pinyin, name_initials, position)
        VALUES ('delete', old.seq, old.name, old.name_pinyin, old.name_initials, old.position);
      END;
      CREATE TRIGGER people_fts_update AFTER UPDATE OF name, name_pinyin, name_initials, position ON people BEGIN
        INSERT INTO people_fts(people_fts, rowid, name, name_pinyin, name_initials, position)
        VALUES ('delete', old.seq, old.name, old.name_pinyin, old.name_initials, old.position);
        INSERT INTO people_fts(rowid, name, name_pinyin, name_initials, position)
        VALUES (new.seq, new.name, new.name_pinyin, new.name_initials, new.position);
      END;

      -- Trigram cannot match 1-2 characters, and Chinese names are mostly 2-3
      -- characters: every 1- and 2-character substring of name (field 'n') and
      -- position (field 'p') is kept here, so 李四 or 科长 is an index lookup.
      CREATE TABLE people_grams (
        gram       TEXT NOT NULL,
        field      TEXT NOT NULL CHECK (field IN ('n', 'p')),
        person_seq INTEGER NOT NULL REFERENCES people(seq) ON DELETE CASCADE,
        PRIMARY KEY (gram, field, person_seq)
      ) WITHOUT ROWID;
      CREATE INDEX people_grams_person ON people_grams(person_seq);
    `);
  },
};
