import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  APP_SCHEME_PRIVILEGES,
  createAppRequestHandler,
  handleAppProtocol,
  mimeTypeOf,
  registerAppScheme,
  resolveAppPath,
} from '../appProtocol';
import { CONTENT_SECURITY_POLICY } from '../security';
import { createFakeElectron } from './fakeElectron';

const SECRET = 'root:x:0:0:SECRET-OUTSIDE-THE-ROOT';
let base: string;
let root: string;
let handler: (request: Request) => Promise<Response>;

before(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-protocol-'));
  root = path.join(base, 'out', 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(
    path.join(root, 'index.html'),
    '<!doctype html><title>清廉台账</title><script type="module" src="/assets/index.js"></script>',
  );
  fs.writeFileSync(path.join(root, 'assets', 'index.js'), 'console.log("ui")');
  fs.writeFileSync(path.join(root, 'assets', 'index.css'), 'body{}');
  fs.writeFileSync(path.join(root, 'assets', 'noto-serif-sc.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  fs.writeFileSync(path.join(root, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  fs.writeFileSync(path.join(base, 'out', 'secret.txt'), SECRET);
  fs.writeFileSync(path.join(base, 'secret.txt'), SECRET);
  fs.mkdirSync(path.join(base, 'etc'));
  fs.writeFileSync(path.join(base, 'etc', 'passwd'), SECRET);
  fs.symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
  handler = createAppRequestHandler(root);
});

after(() => fs.rmSync(base, { recursive: true, force: true }));

async function get(url: string, method = 'GET'): Promise<{ status: number; type: string | null; csp: string | null; body: string }> {
  const response = await handler(new Request(url, { method }));
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    csp: response.headers.get('content-security-policy'),
    body: await response.text(),
  };
}

test('serves index.html for / and /index.html with text/html and the CSP header', async () => {
  for (const url of ['app://qinglian/', 'app://qinglian/index.html']) {
    const r = await get(url);
    assert.equal(r.status, 200, url);
    assert.equal(r.type, 'text/html; charset=utf-8');
    assert.equal(r.csp, CONTENT_SECURITY_POLICY);
    assert.match(r.body, /<title>清廉台账<\/title>/);
  }
});

test('correct MIME types for scripts, styles, fonts and images; nosniff', async () => {
  const cases: Array<[string, string]> = [
    ['app://qinglian/assets/index.js', 'text/javascript; charset=utf-8'],
    ['app://qinglian/assets/index.css', 'text/css; charset=utf-8'],
    ['app://qinglian/assets/noto-serif-sc.woff2', 'font/woff2'],
    ['app://qinglian/assets/logo.svg', 'image/svg+xml'],
  ];
  for (const [url, type] of cases) {
    const response = await handler(new Request(url));
    assert.equal(response.status, 200, url);
    assert.equal(response.headers.get('content-type'), type, url);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
  }
  assert.equal(mimeTypeOf('x.unknownext'), 'application/octet-stream');
  assert.equal(mimeTypeOf('A.HTML'), 'text/html; charset=utf-8');
});

test('refuses path traversal in every spelling', async () => {
  const attempts = [
    'app://qinglian/../../etc/passwd',
    'app://qinglian/../secret.txt',
    'app://qinglian/%2e%2e/%2e%2e/secret.txt',
    'app://qinglian/%2e%2e/secret.txt',
    'app://qinglian/%2E%2E/%2E%2E/etc/passwd',
    'app://qinglian/..%2f..%2fsecret.txt',
    'app://qinglian/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://qinglian/assets/..%2f..%2f..%2fsecret.txt',
    'app://qinglian/..%5c..%5csecret.txt',
    'app://qinglian/assets%5c..%5c..%5csecret.txt',
    'app://qinglian/%2e%2e%5csecret.txt',
    `app://qinglian/${encodeURIComponent(path.join(base, 'secret.txt'))}`,
    'app://qinglian/index.html%00.js',
    'app://qinglian/%E0%A4%A',
    'app://qinglian/assets/link.txt',
  ];
  const index = fs.readFileSync(path.join(root, 'index.html'), 'utf8');
  for (const url of attempts) {
    const r = await get(url);
    assert.ok(!r.body.includes('SECRET'), `${url} leaked the file outside the root`);
    // URL parsing folds `..`, so `/../../etc/passwd` is the in-root route `/etc/passwd`:
    // it may get the single-page app's index.html, never anything else.
    if (r.status === 200) assert.equal(r.body, index, url);
  }
  assert.equal((await get('app://qinglian/..%2f..%2fsecret.txt')).status, 403);
  assert.equal((await get('app://qinglian/%2e%2e%5csecret.txt')).status, 403);
  assert.equal((await get('app://qinglian/assets/link.txt')).status, 404);
  // and the low-level resolver never returns a path outside the root
  for (const url of attempts.slice(0, -1)) {
    const file = resolveAppPath(root, url);
    if (file !== null) assert.ok(file.startsWith(root + path.sep), `${url} -> ${file}`);
  }
});

test('refuses other hosts, other schemes and non-GET methods', async () => {
  assert.equal((await get('app://evil/index.html')).status, 403);
  assert.equal((await get('app://qinglian:8080/index.html')).status, 403);
  assert.equal(resolveAppPath(root, 'app://user@qinglian/index.html'), null);
  assert.equal(resolveAppPath(root, 'app://qinglian/assets/index.js'), path.join(root, 'assets', 'index.js'));
  assert.equal(resolveAppPath(root, 'file:///etc/passwd'), null);
  assert.equal(resolveAppPath(root, 'https://qinglian/index.html'), null);
  assert.equal((await get('app://qinglian/index.html', 'POST')).status, 405);
  const head = await handler(new Request('app://qinglian/index.html', { method: 'HEAD' }));
  assert.equal(head.status, 200);
  assert.equal(await head.text(), '');
});

test('client-side routes fall back to index.html; missing files are 404', async () => {
  const route = await get('app://qinglian/people/0190a1b2');
  assert.equal(route.status, 200);
  assert.equal(route.type, 'text/html; charset=utf-8');
  assert.match(route.body, /清廉台账/);
  const missing = await get('app://qinglian/assets/missing.js');
  assert.equal(missing.status, 404);
});

test('a missing UI build gives a Chinese explanation, not a blank window', async () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-empty-'));
  try {
    const response = await createAppRequestHandler(empty)(new Request('app://qinglian/index.html'));
    assert.equal(response.status, 404);
    assert.match(await response.text(), /找不到界面文件/);
  } finally {
    fs.rmSync(empty, { recursive: true, force: true });
  }
});

test('the scheme is registered privileged before ready and handled after', async () => {
  const fake = createFakeElectron();
  registerAppScheme(fake.protocol);
  assert.deepEqual(fake.protocol.privileged, [{ scheme: 'app', privileges: APP_SCHEME_PRIVILEGES }]);
  assert.equal(APP_SCHEME_PRIVILEGES.standard, true);
  assert.equal(APP_SCHEME_PRIVILEGES.secure, true);
  assert.equal(APP_SCHEME_PRIVILEGES.bypassCSP, false);
  await fake.emitReady();
  handleAppProtocol(fake.protocol, root);
  const registered = fake.protocol.handlers.get('app');
  assert.ok(registered);
  const response = await registered(new Request('app://qinglian/index.html'));
  assert.equal(response.status, 200);
});
