/**
 * The renderer's one origin: `app://qinglian/`. Everything the window may load, and
 * every IPC sender the main process accepts, must be on it.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'qinglian';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True only for `app://qinglian/…` URLs: right scheme, exact host, no user info, no
 * port. Anything that does not parse is foreign.
 */
export function isAppUrl(url: unknown): boolean {
  if (typeof url !== 'string' || url.length === 0) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
