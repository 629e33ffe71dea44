/**
 * The login session id: kept in memory and in sessionStorage (so a page reload keeps
 * the clerk logged in; closing the window or restarting the host does not).
 */
const KEY = 'qinglian.session';

let current: string | null = readStored();

function readStored(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function getSessionId(): string | null {
  return current;
}

export function setSessionId(id: string | null): void {
  current = id;
  try {
    if (id) sessionStorage.setItem(KEY, id);
    else sessionStorage.removeItem(KEY);
  } catch {
    // Storage unavailable: memory alone still works until a reload.
  }
}
