/**
 * Browser mode hands the per-start token to the browser through a file, not the
 * browser's command line (issue 13, item 7): a process's arguments can be read by every
 * local user (ps, /proc/<pid>/cmdline). The file is a tiny page, readable by this user
 * only, that forwards to the address with the token; the browser is started on the
 * file's path, which carries no secret. The file is removed once the page has reached
 * the host (the first call with the token) or after a few minutes, whichever is first.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface Handover {
  /** file:// address to start the browser on. */
  address: string;
  file: string;
  /** Removes the file (idempotent). */
  remove(): void;
}

const KEEP_AT_MOST_MS = 5 * 60_000;

export function writeHandoverPage(dir: string, urlWithToken: string): Handover {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `open-${randomBytes(8).toString('hex')}.html`);
  const escaped = urlWithToken.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const html = `<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta http-equiv="refresh" content="0;url=${escaped}"><title>清廉台账</title><p>正在打开清廉台账…</p>`;
  // wx + 0600: a new file only this user can read (an existing one, e.g. a planted link, is refused).
  fs.writeFileSync(file, html, { mode: 0o600, flag: 'wx' });
  const timer = setTimeout(() => remove(), KEEP_AT_MOST_MS);
  timer.unref();
  function remove(): void {
    clearTimeout(timer);
    fs.rmSync(file, { force: true });
  }
  return { address: pathToFileURL(file).href, file, remove };
}
