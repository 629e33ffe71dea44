/**
 * The `app://qinglian/` scheme: serves the built renderer (out/renderer) to the window.
 *
 * A privileged standard scheme gives the page a real origin (so `'self'` in the CSP,
 * relative URLs and fetch work) without a file:// URL, which would open the whole disk
 * to the page, and without a loopback HTTP server, which any local program could reach.
 */
import fs from 'node:fs';
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './appOrigin';
import { PrintDocumentStore } from './printDocuments';
import { securityHeaders } from './security';

/** Privileges of the app scheme; must be registered before the app is ready. */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  codeCache: true,
  stream: true,
  bypassCSP: false,
  corsEnabled: false,
  allowServiceWorkers: false,
} as const;

export interface ProtocolLike {
  registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges: typeof APP_SCHEME_PRIVILEGES }>): void;
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
}

export function registerAppScheme(protocol: Pick<ProtocolLike, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
};

export function mimeTypeOf(file: string): string {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a request URL to a file under `rootDir`, or null if the URL is not ours or
 * tries to leave the root. URL parsing already folds `..` and `%2e%2e` segments; the
 * checks below also catch encoded separators (`..%2f`, `%5c`), NUL bytes and absolute
 * paths that would appear only after decoding.
 */
export function resolveAppPath(rootDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST || url.port || url.username || url.password) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null; // malformed escape
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const segments = pathname.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s === '.' || /^[a-zA-Z]:$/.test(s))) return null;
  const relative = segments.length === 0 ? 'index.html' : segments.join('/');
  const root = path.resolve(rootDir);
  const file = path.resolve(root, relative);
  const inside = path.relative(root, file);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return null;
  return file;
}

function textResponse(status: number, body: string): Response {
  return new Response(body, { status, headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' } });
}

const MISSING_UI_PAGE = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>清廉台账</title>
<body style="font-family:sans-serif;padding:2em"><h1>找不到界面文件</h1>
<p>程序的界面文件（out/renderer/index.html）不存在。开发时请先运行 <code>npm run build</code>；安装版请重新安装程序。</p></body></html>`;

/** Files without an extension are client-side routes of the single-page app. */
function isRoute(file: string): boolean {
  return path.extname(file) === '';
}

async function readInside(root: string, file: string): Promise<Buffer | null> {
  try {
    const [realRoot, realFile] = await Promise.all([fs.promises.realpath(root), fs.promises.realpath(file)]);
    const inside = path.relative(realRoot, realFile);
    if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return null; // symlink out of the root
    const stat = await fs.promises.stat(realFile);
    if (!stat.isFile()) return null;
    return await fs.promises.readFile(realFile);
  } catch {
    return null;
  }
}

/**
 * The app:// handler: GET/HEAD of files under `rootDir`, with a correct Content-Type
 * and the security headers (CSP) on every response. With `printDocuments`, also the
 * documents of running print jobs under `/__print__/` (electron/printing.ts).
 */
export function createAppRequestHandler(rootDir: string, printDocuments?: PrintDocumentStore): (request: Request) => Promise<Response> {
  const root = path.resolve(rootDir);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method Not Allowed');
    const printed = servePrintDocument(request, printDocuments);
    if (printed) return printed;
    const file = resolveAppPath(root, request.url);
    if (!file) return textResponse(403, 'Forbidden');
    let served = file;
    let body = await readInside(root, file);
    if (!body && isRoute(file)) {
      served = path.join(root, 'index.html');
      body = await readInside(root, served);
    }
    if (!body) {
      if (path.basename(served) === 'index.html') {
        return new Response(MISSING_UI_PAGE, {
          status: 404,
          headers: { ...securityHeaders(), 'Content-Type': 'text/html; charset=utf-8' },
        });
      }
      return textResponse(404, 'Not Found');
    }
    const headers = { ...securityHeaders(), 'Content-Type': mimeTypeOf(served), 'Content-Length': String(body.length) };
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}

/** A print job's document, or a 404 for anything else under `/__print__/`; null for other paths. */
function servePrintDocument(request: Request, store: PrintDocumentStore | undefined): Response | null {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return null; // resolveAppPath refuses it
  }
  if (!PrintDocumentStore.isPrintUrl(url)) return null;
  const html = store?.lookup(url) ?? null;
  if (html === null) return textResponse(404, 'Not Found');
  const body = Buffer.from(html, 'utf8');
  const headers = { ...securityHeaders(), 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(body.length) };
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
}

export function handleAppProtocol(protocol: Pick<ProtocolLike, 'handle'>, rootDir: string, printDocuments?: PrintDocumentStore): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(rootDir, printDocuments));
}
