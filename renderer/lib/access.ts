/** Whether an account with these roles may call a channel, by the contract's `access` list (pure: unit-tested). */
import { api, type Channel } from '../../core/api';
import type { Role } from '../../core/users/contract';

export function mayCall(roles: readonly Role[], channel: Channel): boolean {
  const access = api[channel].access;
  if (access === 'public' || access === 'user') return true;
  return access.some((r) => roles.includes(r));
}
