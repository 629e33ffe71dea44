import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Envelope } from '../../core/api';
import { INVOKE_IPC_CHANNEL } from '../allowList';
import { registerInvokeRelay, type CoreInvoker } from '../ipcRelay';
import { FakeIpcMain } from './fakeElectron';

function setup() {
  const forwarded: Array<[string, unknown, string | null]> = [];
  const core: CoreInvoker = {
    invoke(channel, input, sessionId) {
      forwarded.push([channel, input, sessionId]);
      return Promise.resolve({ ok: true, value: { echoed: channel } });
    },
  };
  const ipcMain = new FakeIpcMain();
  registerInvokeRelay(ipcMain, core);
  return { ipcMain, forwarded };
}

const APP_FRAME = 'app://qinglian/index.html';

test('registers exactly one handler, on qinglian:invoke', () => {
  const { ipcMain } = setup();
  assert.deepEqual([...ipcMain.handlers.keys()], [INVOKE_IPC_CHANNEL]);
});

test('forwards valid calls from the app origin to the core', async () => {
  const { ipcMain, forwarded } = setup();
  const result = await ipcMain.invoke(INVOKE_IPC_CHANNEL, 'app://qinglian/people/1', 'people.get', { id: 'x' }, 's1');
  assert.deepEqual(result, { ok: true, value: { echoed: 'people.get' } });
  await ipcMain.invoke(INVOKE_IPC_CHANNEL, APP_FRAME, 'app.info', undefined, undefined);
  assert.deepEqual(forwarded, [
    ['people.get', { id: 'x' }, 's1'],
    ['app.info', {}, null],
  ]);
});

test('rejects unknown channels without reaching the core', async () => {
  const { ipcMain, forwarded } = setup();
  for (const channel of ['db.exec', '__proto__', 'constructor', 12, null, { toString: () => 'people.list' }]) {
    const result = (await ipcMain.invoke(INVOKE_IPC_CHANNEL, APP_FRAME, channel, {}, null)) as Envelope<unknown>;
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.error.code, 'UNKNOWN_CHANNEL', String(channel));
  }
  assert.deepEqual(forwarded, []);
});

test('rejects senders that are not on the app origin', async () => {
  const { ipcMain, forwarded } = setup();
  for (const frame of [
    'https://evil.example/',
    'http://127.0.0.1:5173/',
    'file:///tmp/x.html',
    'app://evil/index.html',
    'devtools://devtools/',
    'about:blank',
    '',
    null,
  ]) {
    const result = (await ipcMain.invoke(INVOKE_IPC_CHANNEL, frame, 'people.list', {}, null)) as Envelope<unknown>;
    assert.equal(result.ok, false, String(frame));
    assert.equal(!result.ok && result.error.code, 'FORBIDDEN');
    assert.match(!result.ok ? result.error.message : '', /本程序/);
  }
  assert.deepEqual(forwarded, []);
});

test('a malformed session id is refused', async () => {
  const { ipcMain, forwarded } = setup();
  for (const sessionId of [42, {}, 'x'.repeat(500)]) {
    const result = (await ipcMain.invoke(INVOKE_IPC_CHANNEL, APP_FRAME, 'auth.me', {}, sessionId)) as Envelope<unknown>;
    assert.equal(!result.ok && result.error.code, 'UNAUTHENTICATED');
  }
  assert.deepEqual(forwarded, []);
});
