import type { Migration } from './types';

/**
 * Issue 13 item 4: exporting a backup takes the whole database away (every record, the
 * accounts' password hashes, the audit log), so it becomes a right the administrator
 * grants: the role 'exporter' (导出备份). user_roles is rebuilt with the wider CHECK
 * (SQLite cannot change a CHECK in place); the rows are copied as they are.
 */
export const migration0014: Migration = {
  version: 14,
  name: 'backup_exporter_role',
  up(db) {
    db.exec(`
      CREATE TABLE user_roles_new (
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role    TEXT NOT NULL CHECK (role IN ('handler', 'reviewer', 'signer', 'admin', 'exporter')),
        PRIMARY KEY (user_id, role)
      ) WITHOUT ROWID;
      INSERT INTO user_roles_new (user_id, role) SELECT user_id, role FROM user_roles;
      DROP TABLE user_roles;
      ALTER TABLE user_roles_new RENAME TO user_roles;
    `);
  },
};
