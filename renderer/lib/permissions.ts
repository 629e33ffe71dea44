/**
 * What the logged-in account may do, read from the contract's own `access` lists
 * (core/api.ts), so the buttons the UI shows follow exactly what the host enforces.
 * The host still checks every call; this only hides or disables what would be refused.
 */
import { useCallback } from 'react';
import type { Channel } from '../../core/api';
import { useCurrentUser } from '../app/auth';
import { mayCall } from './access';

export { mayCall };

/** `can('opinionReplies.issue')` — true when the current account holds a role the channel accepts. */
export function useCan(): (channel: Channel) => boolean {
  const { roles } = useCurrentUser();
  return useCallback((channel: Channel) => mayCall(roles, channel), [roles]);
}
