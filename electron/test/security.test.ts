import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CONTENT_SECURITY_POLICY,
  hardenAllWebContents,
  hardenSession,
  hardenWebContents,
  isAllowedRequest,
  secureWebPreferences,
} from '../security';
import { FakeEvent, FakeSession, FakeWebContents, createFakeElectron } from './fakeElectron';
import { assertHardened } from './hardening';

const quiet = { warn: () => undefined };

function directives(csp: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

test('secureWebPreferences: isolation, sandbox, no node, web security on', () => {
  assertHardened(secureWebPreferences({ preload: '/app/out/preload/index.js', devTools: false }), {
    devTools: false,
    preload: '/app/out/preload/index.js',
  });
  assert.equal(secureWebPreferences({ devTools: true }).devTools, true);
  assert.equal('preload' in secureWebPreferences({ devTools: false }), false);
});

test('CSP: strict, self only, no eval, no remote sources', () => {
  const d = directives(CONTENT_SECURITY_POLICY);
  assert.deepEqual(d.get('default-src'), ["'self'"]);
  assert.deepEqual(d.get('script-src'), ["'self'"]);
  assert.deepEqual(d.get('style-src'), ["'self'", "'unsafe-inline'"]);
  assert.deepEqual(d.get('img-src'), ["'self'", 'data:', 'blob:']);
  assert.deepEqual(d.get('font-src'), ["'self'", 'data:']);
  assert.deepEqual(d.get('connect-src'), ["'self'"]);
  assert.deepEqual(d.get('object-src'), ["'none'"]);
  assert.deepEqual(d.get('base-uri'), ["'none'"]);
  assert.deepEqual(d.get('frame-ancestors'), ["'none'"]);
  assert.deepEqual(d.get('form-action'), ["'none'"]);
  assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-eval|wasm-unsafe-eval|strict-dynamic/);
  assert.doesNotMatch(CONTENT_SECURITY_POLICY, /https?:|wss?:|\*/);
  // 'unsafe-inline' is allowed for styles only
  for (const [name, values] of d) {
    if (name !== 'style-src') assert.ok(!values.includes("'unsafe-inline'"), `${name} must not allow inline`);
  }
});

test('navigation: foreign URLs prevented, the app origin allowed', () => {
  const wc = new FakeWebContents();
  hardenWebContents(wc, quiet);
  for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate'] as const) {
    assert.equal(wc.fire(event, 'https://evil.example/phish'), true, `${event} https`);
    assert.equal(wc.fire(event, 'http://127.0.0.1:8080/'), true, `${event} loopback`);
    assert.equal(wc.fire(event, 'file:///etc/passwd'), true, `${event} file`);
    assert.equal(wc.fire(event, 'app://evil/index.html'), true, `${event} other app host`);
    assert.equal(wc.fire(event, 'app://qinglian.evil/index.html'), true, `${event} lookalike host`);
    assert.equal(wc.fire(event, 'app://user@qinglian/index.html'), true, `${event} userinfo`);
    assert.equal(wc.fire(event, 'javascript:alert(1)'), true, `${event} javascript:`);
    assert.equal(wc.fire(event, 'not a url'), true, `${event} garbage`);
    assert.equal(wc.fire(event, 'app://qinglian/index.html'), false, `${event} app`);
    assert.equal(wc.fire(event, 'app://qinglian/people/123?tab=1#x'), false, `${event} app route`);
  }
});

test('window.open is denied and <webview> cannot attach', () => {
  const wc = new FakeWebContents();
  hardenWebContents(wc, quiet);
  assert.deepEqual(wc.windowOpen('https://example.com'), { action: 'deny' });
  assert.deepEqual(wc.windowOpen('app://qinglian/index.html'), { action: 'deny' });
  assert.equal(wc.attachWebview(), true);
});

test('hardenAllWebContents applies to every web contents the app creates', () => {
  const fake = createFakeElectron();
  hardenAllWebContents(fake.app, quiet);
  const contents = [new FakeWebContents(), new FakeWebContents()];
  for (const wc of contents) fake.app.emit('web-contents-created', new FakeEvent(), wc);
  for (const wc of contents) {
    assert.deepEqual(wc.windowOpen('https://example.com'), { action: 'deny' });
    assert.equal(wc.fire('will-navigate', 'https://example.com'), true);
  }
});

test('every permission request is denied and every check answers false', () => {
  const session = new FakeSession();
  hardenSession(session, { allowDevtools: false }, quiet);
  for (const permission of [
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'clipboard-sanitized-write',
    'openExternal',
    'fullscreen',
    'usb',
    'unknown',
  ]) {
    assert.deepEqual(session.requestPermission(permission), { permission, granted: false });
    assert.equal(session.checkPermission(permission), false, permission);
  }
  assert.equal(session.spellChecker, false);
});

test('requests: only app://qinglian, data: and blob: pass; devtools only when enabled', () => {
  const session = new FakeSession();
  hardenSession(session, { allowDevtools: false }, quiet);
  assert.equal(session.request('app://qinglian/assets/index-abc.js'), 'allow');
  assert.equal(session.request('data:image/png;base64,AAAA'), 'allow');
  assert.equal(session.request('blob:app://qinglian/6f1c7c3e-0000-4000-8000-000000000000'), 'allow');
  for (const url of [
    'https://fonts.googleapis.com/css',
    'http://localhost:5173/',
    'http://127.0.0.1:3000/api/people.list',
    'ws://127.0.0.1:9229/',
    'wss://example.com/',
    'file:///etc/passwd',
    'ftp://example.com/x',
    'app://other/index.html',
    'devtools://devtools/bundled/inspector.html',
    'chrome://gpu',
  ]) {
    assert.equal(session.request(url), 'cancel', url);
  }
  const dev = new FakeSession();
  hardenSession(dev, { allowDevtools: true }, quiet);
  assert.equal(dev.request('devtools://devtools/bundled/inspector.html'), 'allow');
  assert.equal(dev.request('https://example.com/'), 'cancel');
  assert.equal(isAllowedRequest('::::', { allowDevtools: true }), false);
});
