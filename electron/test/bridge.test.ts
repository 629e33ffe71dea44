import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHANNELS } from '../../core/api';
import { CHOOSE_PATH_IPC_CHANNEL, INVOKE_IPC_CHANNEL, PRINT_IPC_CHANNEL, isAllowedChannel } from '../allowList';
import { createBridge, exposeBridge } from '../bridge';
import { CONTRACT_CHANNELS } from '../contractChannels';
import { SHELL_ALLOW_LIST } from '../shellChannels';
import { chooseKindSchema, printJobSchema, shellContract } from '../shellContract';

function fakeIpcRenderer() {
  const calls: unknown[][] = [];
  return {
    calls,
    invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      calls.push([channel, ...args]);
      return Promise.resolve({ ok: true, value: 'from-main' });
    },
  };
}

test('the allow-list is exactly the contract', () => {
  assert.deepEqual([...CONTRACT_CHANNELS].sort(), [...CHANNELS].sort());
  assert.ok(CHANNELS.length > 0);
  for (const channel of CHANNELS) assert.equal(isAllowedChannel(channel), true, channel);
  for (const bad of [
    '',
    'people',
    'people.drop',
    'toString',
    '__proto__',
    'constructor',
    'hasOwnProperty',
    'PEOPLE.LIST',
    ' people.list',
    42,
    null,
    undefined,
    {},
  ]) {
    assert.equal(isAllowedChannel(bad), false, String(bad));
  }
});

test('exposes window.qinglian with only shell, invoke, choosePath and printDocument', () => {
  const exposed: Array<[string, unknown]> = [];
  exposeBridge({ exposeInMainWorld: (key, api) => exposed.push([key, api]) }, fakeIpcRenderer());
  assert.equal(exposed.length, 1);
  const [key, api] = exposed[0]!;
  assert.equal(key, 'qinglian');
  assert.deepEqual(Object.keys(api as object).sort(), ['choosePath', 'invoke', 'printDocument', 'shell']);
  assert.equal((api as { shell: string }).shell, 'electron');
  assert.ok(Object.isFrozen(api));
});

test('invoke forwards contract channels over qinglian:invoke', async () => {
  const ipc = fakeIpcRenderer();
  const bridge = createBridge(ipc);
  const result = await bridge.invoke('people.list', { query: '张' }, 'session-1');
  assert.deepEqual(result, { ok: true, value: 'from-main' });
  await bridge.invoke('app.info', {});
  assert.deepEqual(ipc.calls, [
    [INVOKE_IPC_CHANNEL, 'people.list', { query: '张' }, 'session-1'],
    [INVOKE_IPC_CHANNEL, 'app.info', {}, null],
  ]);
});

test('invoke rejects channels outside the contract with an envelope, without sending', async () => {
  const ipc = fakeIpcRenderer();
  const bridge = createBridge(ipc) as unknown as { invoke(channel: unknown, input?: unknown): Promise<unknown> };
  for (const channel of ['db.exec', 'people.drop', '__proto__', 'toString', '', 7]) {
    await assert.rejects(bridge.invoke(channel, {}), (reason: unknown) => {
      const r = reason as { ok: boolean; error: { code: string; message: string } };
      assert.equal(r.ok, false);
      assert.equal(r.error.code, 'UNKNOWN_CHANNEL');
      assert.match(r.error.message, /没有名为/);
      return true;
    });
  }
  assert.deepEqual(ipc.calls, []);
});

test('printDocument sends only action, request and session over qinglian:print', async () => {
  const ipc = fakeIpcRenderer();
  const bridge = createBridge(ipc);
  const request = { kind: 'replyPersons', replyId: '0b6f3c1e-2a4d-4c8e-9f10-1234567890ab' } as const;
  const result = await bridge.printDocument!({ action: 'pdf', request, sessionId: 's1' });
  assert.deepEqual(result, { ok: true, value: 'from-main' });
  // extra members (HTML, a path) never reach the main process; a missing member becomes null
  await (bridge.printDocument as (job: unknown) => Promise<unknown>)({
    action: 'print',
    request,
    html: '<script>alert(1)</script>',
    savePath: '/etc/passwd',
  });
  await (bridge.printDocument as (job: unknown) => Promise<unknown>)(null);
  assert.deepEqual(ipc.calls, [
    [PRINT_IPC_CHANNEL, { action: 'pdf', request, sessionId: 's1' }],
    [PRINT_IPC_CHANNEL, { action: 'print', request, sessionId: null }],
    [PRINT_IPC_CHANNEL, { action: null, request: null, sessionId: null }],
  ]);
});

test('the side channels and what they pass on come from the shell contract', async () => {
  assert.deepEqual(SHELL_ALLOW_LIST, {
    printDocument: { channel: 'qinglian:print', members: Object.keys(printJobSchema.shape) },
    choosePath: { channel: 'qinglian:choose-path', values: chooseKindSchema.options },
  });
  assert.deepEqual(Object.keys(shellContract).sort(), ['choosePath', 'printDocument']);
  const ipc = fakeIpcRenderer();
  const bridge = createBridge(ipc) as unknown as { choosePath(kind: unknown): Promise<unknown> };
  await bridge.choosePath('folder');
  await bridge.choosePath('backupFile');
  // anything but a kind of the contract opens no dialog and sends nothing
  for (const bad of ['/etc', { properties: ['openFile'] }, null, 'FOLDER']) assert.equal(await bridge.choosePath(bad), null);
  assert.deepEqual(ipc.calls, [
    [CHOOSE_PATH_IPC_CHANNEL, 'folder'],
    [CHOOSE_PATH_IPC_CHANNEL, 'backupFile'],
  ]);
});

test('printDocument resolves with a Chinese envelope when the message cannot be delivered', async () => {
  const bridge = createBridge({ invoke: () => Promise.reject(new Error('An object could not be cloned.')) });
  const result = await bridge.printDocument!({ action: 'print', request: { kind: 'requestsList' }, sessionId: null });
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.error.code, 'INTERNAL');
  assert.match(!result.ok ? result.error.message : '', /打印请求未能送达/);
});
