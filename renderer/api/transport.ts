/**
 * How an envelope gets from the backend to us.
 *
 * - Electron: the preload exposes `window.qinglian.invoke(channel, input, sessionId)`.
 * - Browser mode (and e2e): `POST /api/<channel>` on the loopback host that served this
 *   page, with the per-start token taken once from the address (`?t=`) and then kept in
 *   sessionStorage only (removed from the address bar, so it is not in history or
 *   screenshots).
 */
import { API_PATH_PREFIX, SESSION_HEADER, TOKEN_HEADER, type Channel, type Envelope } from '../../core/api';
import type { QinglianBridge } from '../../electron/preloadApi';
import { unreachable } from './errors';

declare global {
  interface Window {
    qinglian?: QinglianBridge;
  }
}

const TOKEN_KEY = 'qinglian.token';

export type Transport = (channel: Channel, input: unknown, sessionId: string | null) => Promise<Envelope<unknown>>;

export function shellKind(): 'electron' | 'browser' {
  return typeof window !== 'undefined' && window.qinglian?.shell === 'electron' ? 'electron' : 'browser';
}

/** Browser mode: move `?t=TOKEN` from the address into sessionStorage. Call once, before the router starts. */
export function captureTokenFromUrl(): void {
  if (shellKind() === 'electron') return;
  const url = new URL(window.location.href);
  const token = url.searchParams.get('t');
  if (!token) return;
  try {
    sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    memoryToken = token;
  }
  memoryToken = token;
  url.searchParams.delete('t');
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
}

let memoryToken: string | null = null;

function browserToken(): string {
  if (memoryToken) return memoryToken;
  try {
    memoryToken = sessionStorage.getItem(TOKEN_KEY);
  } catch {
    memoryToken = null;
  }
  return memoryToken ?? '';
}

const electronTransport: Transport = async (channel, input, sessionId) => {
  try {
    return (await window.qinglian!.invoke(channel, input as never, sessionId)) as Envelope<unknown>;
  } catch (rejected) {
    // The bridge rejects with an envelope for an unknown channel.
    if (rejected && typeof rejected === 'object' && 'ok' in rejected) return rejected as Envelope<unknown>;
    throw unreachable();
  }
};

const browserTransport: Transport = async (channel, input, sessionId) => {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    [TOKEN_HEADER]: browserToken(),
  };
  if (sessionId) headers[SESSION_HEADER] = sessionId;
  let response: Response;
  try {
    response = await fetch(API_PATH_PREFIX + channel, { method: 'POST', headers, body: JSON.stringify(input ?? {}) });
  } catch {
    throw unreachable();
  }
  // Every answer, 403 included, carries an envelope.
  try {
    return (await response.json()) as Envelope<unknown>;
  } catch {
    throw unreachable();
  }
};

export function transport(): Transport {
  return shellKind() === 'electron' ? electronTransport : browserTransport;
}
