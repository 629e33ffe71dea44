import type { Db } from '../../db/open';
import { ROLES, type CurrentUser, type Role, type UserSummary } from './contract';

interface UserRow {
  id: string;
  rev: number;
  username: string;
  display_name: string;
  active: number;
  created_at: string;
  roles: string | null;
}

const SELECT_USER = `
  SELECT u.id, u.rev, u.username, u.display_name, u.active, u.created_at,
         (SELECT group_concat(role) FROM user_roles r WHERE r.user_id = u.id) AS roles
  FROM users u`;

const toSummary = (row: UserRow): UserSummary => ({
  id: row.id,
  rev: row.rev,
  username: row.username,
  displayName: row.display_name,
  roles: sortRoles(row.roles ? (row.roles.split(',') as Role[]) : []),
  active: row.active === 1,
  createdAt: row.created_at,
});

// In the contract's order; every role, so a new one (导出备份) is never dropped from an account.
const sortRoles = (roles: Role[]) => ROLES.filter((r) => roles.includes(r));

/** The active account behind a session, with its roles; null when gone or disabled. */
export function loadUser(db: Db, id: string): CurrentUser | null {
  const row = db.prepare(`${SELECT_USER} WHERE u.id = ? AND u.active = 1`).get(id) as UserRow | undefined;
  if (!row) return null;
  const s = toSummary(row);
  return { id: s.id, username: s.username, displayName: s.displayName, roles: s.roles };
}

export function getUserSummary(db: Db, id: string): UserSummary | null {
  const row = db.prepare(`${SELECT_USER} WHERE u.id = ?`).get(id) as UserRow | undefined;
  return row ? toSummary(row) : null;
}

export function listUsers(db: Db): UserSummary[] {
  return (db.prepare(`${SELECT_USER} ORDER BY u.created_at`).all() as UserRow[]).map(toSummary);
}

export function findUserForLogin(db: Db, username: string): { id: string; password_hash: string; active: number } | undefined {
  return db.prepare('SELECT id, password_hash, active FROM users WHERE username = ? COLLATE NOCASE').get(username) as
    | { id: string; password_hash: string; active: number }
    | undefined;
}

export function setRoles(db: Db, userId: string, roles: readonly Role[]): void {
  db.prepare('DELETE FROM user_roles WHERE user_id = ?').run(userId);
  const insert = db.prepare('INSERT INTO user_roles (user_id, role) VALUES (?, ?)');
  for (const role of roles) insert.run(userId, role);
}

export function countActiveAdmins(db: Db, exceptUserId?: string): number {
  const row = db
    .prepare(
      `SELECT count(*) AS n FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'admin'
       WHERE u.active = 1 AND u.id IS NOT ?`,
    )
    .get(exceptUserId ?? null) as { n: number };
  return row.n;
}
