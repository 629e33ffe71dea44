import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createCoreHost, type CoreHost } from '../core/host/coreHost';
import { API_PATH_PREFIX } from '../core/api';
import { enablePdfWarmUp } from '../core/print/pdf';
import { CONTENT_SECURITY_POLICY, SESSION_HEADER, TOKEN_HEADER, hostAllowed, rejectReason } from './security';

export interface WebHostOptions {
  dataDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Fixed token (tests); default: random per start. */
  token?: string;
  /** The built renderer (vite build output). */
  staticDir: string;
  version: string;
  /** Start the PDF renderer when a clerk logs in or opens a print page (default: on unless QINGLIAN_PDF_WARM=0; e2e turns it off to keep its load as it was). */
  warmPdf?: boolean;
}

export interface WebHost {
  /** Address to open, token included: http://127.0.0.1:PORT/?t=TOKEN */
  url: string;
  origin: string;
  port: number;
  token: string;
  core: CoreHost;
  /** Runs `fn` once, when the first API call with the right token arrives (the browser has the token: its handover file can go). */
  onFirstAuthorizedCall(fn: () => void): void;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 32 * 1024 * 1024;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

/**
 * Browser mode: the contract over loopback HTTP. Binds 127.0.0.1 only; every
 * POST /api/<channel> needs the per-start token, our Host and (if sent) our Origin.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const core = createCoreHost({ dataDir: options.dataDir, shell: 'browser', version: options.version });
  // Logins and print pages start the PDF renderer ahead of the first 保存PDF (QINGLIAN_PDF_WARM=0 turns it off).
  enablePdfWarmUp(options.warmPdf ?? process.env.QINGLIAN_PDF_WARM !== '0');
  const token = options.token ?? randomBytes(24).toString('base64url');
  const staticRoot = path.resolve(options.staticDir);
  let port = 0;
  const firstCallHooks: (() => void)[] = [];

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error) => {
      console.error('[web] request failed', error);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: '程序内部错误。' } });
      else res.end();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith(API_PATH_PREFIX)) return handleApi(req, res, url.pathname.slice(API_PATH_PREFIX.length));
    if (!hostAllowed(req.headers.host, port)) return sendText(res, 403, '主机名不正确，已拒绝。');
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, '不支持的请求方法。');
    return serveStatic(res, url.pathname);
  }

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, rawChannel: string): Promise<void> {
    const reason = rejectReason({ host: req.headers.host, origin: header(req, 'origin'), token: header(req, TOKEN_HEADER) }, port, token);
    if (reason) return sendJson(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: reason } });
    for (const fn of firstCallHooks.splice(0)) fn();
    // Decoded only after the token check, and a malformed escape (/api/%E0%A4%A) is the caller's
    // mistake: a 400, not an exception with a stack trace in the log.
    let channel: string;
    try {
      channel = decodeURIComponent(rawChannel);
    } catch {
      return sendJson(res, 400, { ok: false, error: { code: 'VALIDATION', message: '接口地址格式不正确。' } });
    }
    if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'VALIDATION', message: '接口只接受 POST 请求。' } });
    let input: unknown;
    try {
      const body = await readBody(req);
      input = body.length ? JSON.parse(body.toString('utf8')) : {};
    } catch (error) {
      const tooBig = (error as Error).message === 'too large';
      return sendJson(res, tooBig ? 413 : 400, {
        ok: false,
        error: { code: 'VALIDATION', message: tooBig ? '提交的内容过大。' : '请求格式不正确（不是有效的 JSON）。' },
      });
    }
    const envelope = await core.invoke(channel, input, header(req, SESSION_HEADER) ?? null);
    sendJson(res, 200, envelope);
  }

  function serveStatic(res: http.ServerResponse, pathname: string): void {
    let relative: string;
    try {
      relative = decodeURIComponent(pathname);
    } catch {
      return sendText(res, 400, '地址格式不正确。');
    }
    if (relative === '/' || relative === '') relative = '/index.html';
    const file = path.resolve(staticRoot, '.' + path.posix.normalize(relative));
    if (file !== staticRoot && !file.startsWith(staticRoot + path.sep)) return sendText(res, 403, '拒绝访问。');
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
      if (!fs.existsSync(path.join(staticRoot, 'index.html'))) {
        return sendText(res, 503, '界面尚未构建：请先运行 npm run build:renderer（npm start 会自动构建）。');
      }
      return sendText(res, 404, '找不到该文件。');
    }
    const ext = path.extname(file).toLowerCase();
    res.writeHead(200, {
      'Content-Type': MIME[ext] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'Cache-Control': ext === '.html' ? 'no-store' : 'public, max-age=31536000, immutable',
    });
    fs.createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as { port: number }).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?t=${token}`,
    origin,
    port,
    token,
    core,
    onFirstAuthorizedCall: (fn) => void firstCallHooks.push(fn),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          // The host's shutdown is browser mode's "exit": a running backup job finishes, then the on-exit automatic backup.
          void core.shutdown().finally(resolve);
        });
      }),
  };
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendText(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}
