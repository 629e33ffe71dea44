/**
 * Documents being printed, served to the hidden print window over the app scheme
 * (`app://qinglian/__print__/<token>.html`) for as long as their print job runs.
 *
 * Why not a data: URL: a letter carries its fonts inlined (a six-person reply letter is
 * ~1.6 MB of HTML, ~2.2 MB as base64), and Chromium refuses to navigate to URLs longer
 * than 2 MB. Serving the document from the app scheme also gives it the app's CSP header
 * on top of the document's own CSP meta tag.
 *
 * No zod and no Node APIs beyond crypto: app.ts and appProtocol.ts import this.
 */
import { randomBytes } from 'node:crypto';
import { APP_HOST, APP_ORIGIN, APP_SCHEME } from './appOrigin';

export const PRINT_PATH_PREFIX = '/__print__/';
const TOKEN_PATTERN = /^\/__print__\/([0-9a-f]{48})\.html$/;

export interface ServedPrintDocument {
  readonly url: string;
  /** Stops serving the document (the job is over). */
  release(): void;
}

export class PrintDocumentStore {
  private readonly documents = new Map<string, string>();

  /** Serves `html` under a fresh unguessable URL until `release()`. */
  add(html: string): ServedPrintDocument {
    const token = randomBytes(24).toString('hex');
    this.documents.set(token, html);
    return {
      url: `${APP_ORIGIN}${PRINT_PATH_PREFIX}${token}.html`,
      release: () => {
        this.documents.delete(token);
      },
    };
  }

  get size(): number {
    return this.documents.size;
  }

  /** Whether the URL is in the print documents' path (served or not: never falls through to the UI files). */
  static isPrintUrl(url: URL): boolean {
    return url.protocol === `${APP_SCHEME}:` && url.hostname === APP_HOST && url.pathname.startsWith(PRINT_PATH_PREFIX);
  }

  /** The HTML of a document being printed, or null (unknown or released token, other path, other host). */
  lookup(url: URL): string | null {
    if (!PrintDocumentStore.isPrintUrl(url) || url.port || url.username || url.password || url.search) return null;
    const match = TOKEN_PATTERN.exec(url.pathname);
    return match ? (this.documents.get(match[1]!) ?? null) : null;
  }
}
