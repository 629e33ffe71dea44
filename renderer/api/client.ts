/**
 * The typed client made from core/api.ts: `call('people.list', {...})` is checked
 * against the contract's input type and resolves with its result type. `{ ok: false }`
 * envelopes become a thrown ApiError.
 */
import type { Channel, Input, Result } from '../../core/api';
import { ApiError } from './errors';
import { getSessionId } from './session';
import { transport } from './transport';

type Listener = (error: ApiError) => void;
const unauthenticatedListeners = new Set<Listener>();

/** Called whenever the backend says the session is gone (UNAUTHENTICATED): the app shows the login screen. */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

const lockedListeners = new Set<Listener>();

/** Called whenever the backend says this session's screen is locked (LOCKED): the lock screen covers the app. */
export function onLocked(listener: Listener): () => void {
  lockedListeners.add(listener);
  return () => lockedListeners.delete(listener);
}

export async function call<C extends Channel>(channel: C, input: Input<C>): Promise<Result<C>> {
  const envelope = await transport()(channel, input, getSessionId());
  if (!envelope || typeof envelope !== 'object' || !('ok' in envelope)) {
    throw new ApiError({ code: 'INTERNAL', message: '后台返回的数据格式不正确。' });
  }
  if (envelope.ok) return envelope.value as Result<C>;
  const error = new ApiError(envelope.error);
  if (error.code === 'UNAUTHENTICATED') for (const l of unauthenticatedListeners) l(error);
  if (error.code === 'LOCKED') for (const l of lockedListeners) l(error);
  throw error;
}
