/**
 * The role rule of a channel (core/api.ts `access`), in one place: the host checks it before
 * every call, and a handler that serves another channel's data by another route (an export of
 * 操作记录 through exports.list) checks the same rule for that channel.
 */
import { api, type Channel, type Operation } from '../api';
import { AppError } from '../errors';
import { ROLE_LABELS, type CurrentUser, type Role } from '../users/contract';

const roleName = (role: string) => ROLE_LABELS[role as Role] ?? role;

/** Throws FORBIDDEN when the channel is limited to roles this (logged-in) user has none of. */
export function assertRoles(operation: Operation, user: CurrentUser): void {
  if (Array.isArray(operation.access) && !operation.access.some((r) => user.roles.includes(r))) {
    throw new AppError('FORBIDDEN', `“${operation.title}”需要${operation.access.map(roleName).join('或')}权限，当前账号没有。`);
  }
}

/** The same rule, for a channel's data read by a handler of another channel. */
export function assertChannelAccess(channel: Channel, user: CurrentUser | null): void {
  if (!user) throw new AppError('UNAUTHENTICATED', '登录已失效，请重新登录。');
  assertRoles(api[channel], user);
}
