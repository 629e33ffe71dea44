import assert from 'node:assert/strict';
import http from 'node:http';
import { test } from 'node:test';
import { tempDir } from '../db/testing';
import { rejectReason, SESSION_HEADER, TOKEN_HEADER } from './security';
import { startWebHost, type WebHost } from './server';
import { startTestWebHost } from './testing';

interface Reply {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

/** Raw HTTP so Host and Origin can be set the way a hostile page or a rebinding attack would. */
function request(
  host: WebHost,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: host.port, method: options.method ?? 'POST', path: options.path, headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

async function startHost(t: { after(fn: () => unknown): void }) {
  const { host } = await startTestWebHost(t);
  const ok = { host: `127.0.0.1:${host.port}`, [TOKEN_HEADER]: host.token, 'content-type': 'application/json' };
  return { host, ok };
}

test('binds 127.0.0.1 on a random port and prints an address carrying a long random token', async (t) => {
  const { host } = await startHost(t);
  assert.ok(host.port > 0);
  assert.match(host.url, new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?t=[A-Za-z0-9_-]{32}$`));
  const other = await startHost(t);
  assert.notEqual(other.host.token, host.token);
});

test('an API call with the token, our Host and our Origin reaches the core', async (t) => {
  const { host, ok } = await startHost(t);
  const reply = await request(host, { path: '/api/setup.status', headers: { ...ok, origin: host.origin }, body: '{}' });
  assert.equal(reply.status, 200);
  assert.deepEqual(JSON.parse(reply.body), { ok: true, value: { initialized: false, authorityName: null } });
});

test('missing or wrong token, foreign Host (DNS rebinding) and foreign Origin are refused with 403 and a Chinese message', async (t) => {
  const { host, ok } = await startHost(t);
  const cases: Record<string, string>[] = [
    { host: ok.host!, 'content-type': 'application/json' },
    { ...ok, [TOKEN_HEADER]: host.token.slice(0, -1) + (host.token.endsWith('a') ? 'b' : 'a') },
    { ...ok, host: `evil.example:${host.port}` },
    { ...ok, host: `127.0.0.1:${host.port + 1}` },
    { ...ok, origin: 'http://evil.example' },
    { ...ok, origin: 'null' },
  ];
  for (const headers of cases) {
    const reply = await request(host, { path: '/api/setup.status', headers, body: '{}' });
    assert.equal(reply.status, 403, JSON.stringify(headers));
    const body = JSON.parse(reply.body) as { ok: boolean; error: { message: string } };
    assert.equal(body.ok, false);
    assert.match(body.error.message, /拒绝|令牌/);
  }
});

test('the token is checked before anything runs: setup cannot be done by a page without it', async (t) => {
  const { host, ok } = await startHost(t);
  const { [TOKEN_HEADER]: _token, ...noToken } = ok;
  await request(host, {
    path: '/api/setup.initialize',
    headers: noToken,
    body: JSON.stringify({ authorityName: 'x' }),
  });
  const status = await request(host, { path: '/api/setup.status', headers: ok, body: '{}' });
  assert.equal(JSON.parse(status.body).value.initialized, false);
});

test('bad JSON and GET on the API get Chinese errors; sessions travel in their header', async (t) => {
  const { host, ok } = await startHost(t);
  const bad = await request(host, { path: '/api/setup.status', headers: ok, body: '{not json' });
  assert.equal(bad.status, 400);
  assert.match(JSON.parse(bad.body).error.message, /JSON/);
  const get = await request(host, { method: 'GET', path: '/api/setup.status', headers: ok });
  assert.equal(get.status, 405);
  const me = await request(host, { path: '/api/auth.me', headers: { ...ok, [SESSION_HEADER]: 'nobody' }, body: '{}' });
  assert.equal(JSON.parse(me.body).error.code, 'NOT_INITIALIZED');
});

test('static files: the UI is served with a strict CSP; path traversal and foreign Hosts are refused', async (t) => {
  const { host, ok } = await startHost(t);
  const index = await request(host, { method: 'GET', path: '/', headers: { host: ok.host! } });
  assert.equal(index.status, 200);
  assert.match(index.body, /清廉台账/);
  const csp = String(index.headers['content-security-policy']);
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-eval|https?:/);
  for (const p of ['/../package.json', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd']) {
    const r = await request(host, { method: 'GET', path: p, headers: { host: ok.host! } });
    assert.ok([403, 404].includes(r.status), `${p} → ${r.status}`);
    assert.doesNotMatch(r.body, /root:|"name"/);
  }
  const rebound = await request(host, { method: 'GET', path: '/', headers: { host: 'attacker.example' } });
  assert.equal(rebound.status, 403);
});

test('rejectReason accepts localhost as well as 127.0.0.1 and no Origin (non-browser callers)', () => {
  assert.equal(rejectReason({ host: 'localhost:9000', origin: 'http://localhost:9000', token: 'tok' }, 9000, 'tok'), null);
  assert.equal(rejectReason({ host: '127.0.0.1:9000', origin: undefined, token: 'tok' }, 9000, 'tok'), null);
  assert.notEqual(rejectReason({ host: '127.0.0.1:9000', origin: 'https://127.0.0.1:9000', token: 'tok' }, 9000, 'tok'), null);
  assert.notEqual(rejectReason({ host: '127.0.0.1:9000', origin: undefined, token: 'tok2' }, 9000, 'tok'), null);
});

test('a second browser-mode host on the same data folder is refused with a Chinese message (the first keeps the folder)', async (t) => {
  const { host } = await startHost(t);
  const ui = tempDir();
  t.after(ui.cleanup);
  await assert.rejects(
    startWebHost({ dataDir: host.core.config.dataDir, staticDir: ui.dir, version: '0.0.0-test' }),
    (error: Error & { code?: string }) =>
      error.code === 'DATA_DIR_LOCKED' && /已有一个清廉台账正在使用：清廉台账（浏览器模式）（进程号 \d+）/.test(error.message),
  );
  assert.ok((await host.core.invoke('setup.status', {})).ok, 'the first host still answers');
});

test('a malformed %-escape in an /api/ path gets a 400 after the token check, and nothing in the error log', async (t) => {
  const { host, ok } = await startHost(t);
  const logged: unknown[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => void logged.push(args);
  t.after(() => (console.error = original));
  const withoutToken = await request(host, {
    path: '/api/%E0%A4%A',
    headers: { host: ok.host, 'content-type': 'application/json' },
    body: '{}',
  });
  assert.equal(withoutToken.status, 403);
  const malformed = await request(host, { path: '/api/%E0%A4%A', headers: ok, body: '{}' });
  assert.equal(malformed.status, 400);
  assert.deepEqual(JSON.parse(malformed.body), { ok: false, error: { code: 'VALIDATION', message: '接口地址格式不正确。' } });
  assert.deepEqual(logged, []);
});
