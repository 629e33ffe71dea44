/**
 * What the logged-in account may do, read from the contract's own `access` lists
 * (core/api.ts), so the buttons the UI shows follow exactly what the host enforces.
 * The host still checks every call; this only hides or disables what would be refused.
 */
import { useCallback } from 'react';
import { api, type Channel } from '../../core/api';
import type { Role } from '../../core/users/contract';
import { useCurrentUser } from '../app/auth';

export function mayCall(roles: readonly Role[], channel: Channel): boolean {
  const access = api[channel].access;
  if (access === 'public' || access === 'user') return true;
  return access.some((r) => roles.includes(r));
}

/** `can('opinionReplies.issue')` — true when the current account holds a role the channel accepts. */
export function useCan(): (channel: Channel) => boolean {
  const { roles } = useCurrentUser();
  return useCallback((channel: Channel) => mayCall(roles, channel), [roles]);
}
