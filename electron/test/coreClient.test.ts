import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ApiErrorBody } from '../../core/api';
import { CORE_CRASHED_MESSAGE, CORE_GAVE_UP_MESSAGE, CoreClient, CoreFatalError } from '../coreProcess/client';
import type { InvokeMessage } from '../coreProcess/protocol';
import { FakeUtilityProcess } from './fakeElectron';

const config = { dataDir: '/data', version: '0.1.0', resourcesPath: null };
const tick = () => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function setup(options: { maxRestarts?: number } = {}) {
  const children: FakeUtilityProcess[] = [];
  const fatals: ApiErrorBody[] = [];
  const client = new CoreClient({
    fork: () => {
      const child = new FakeUtilityProcess('/out/main/coreProcess.js', {});
      children.push(child);
      return child;
    },
    config,
    onFatal: (error) => fatals.push(error),
    restartDelayMs: 1,
    log: () => undefined,
    ...options,
  });
  return { client, children, fatals };
}

/** Answers every invoke the child receives with the channel name. */
function echo(child: FakeUtilityProcess) {
  child.on('sent', (message: InvokeMessage) => {
    if (message.type === 'invoke')
      setImmediate(() => child.reply({ type: 'result', id: message.id, envelope: { ok: true, value: message.channel } }));
  });
}

test('start sends init with the config, resolves on ready; requests are matched by id', async () => {
  const { client, children } = setup();
  const started = client.start();
  assert.equal(children.length, 1);
  assert.deepEqual(children[0]!.sent[0], { type: 'init', config });
  echo(children[0]!);
  children[0]!.reply({ type: 'ready' });
  await started;
  const [a, b] = await Promise.all([client.invoke('people.list', {}, 's'), client.invoke('units.list', {}, null)]);
  assert.deepEqual(a, { ok: true, value: 'people.list' });
  assert.deepEqual(b, { ok: true, value: 'units.list' });
  const invokes = children[0]!.sent.filter((m) => m.type === 'invoke') as InvokeMessage[];
  assert.deepEqual(
    invokes.map((m) => [m.channel, m.sessionId]),
    [
      ['people.list', 's'],
      ['units.list', null],
    ],
  );
  assert.notEqual(invokes[0]!.id, invokes[1]!.id);
});

test('replies out of order still reach the right caller', async () => {
  const { client, children } = setup();
  const started = client.start();
  children[0]!.reply({ type: 'ready' });
  await started;
  const first = client.invoke('people.list', {}, null);
  const second = client.invoke('units.list', {}, null);
  const [m1, m2] = children[0]!.sent.filter((m) => m.type === 'invoke') as InvokeMessage[];
  children[0]!.reply({ type: 'result', id: m2!.id, envelope: { ok: true, value: 'second' } });
  children[0]!.reply({ type: 'result', id: m1!.id, envelope: { ok: true, value: 'first' } });
  assert.deepEqual(await first, { ok: true, value: 'first' });
  assert.deepEqual(await second, { ok: true, value: 'second' });
});

test('calls made before the core is ready wait for it', async () => {
  const { client, children } = setup();
  void client.start();
  const early = client.invoke('app.info', {}, null);
  await tick();
  assert.equal(children[0]!.sent.filter((m) => m.type === 'invoke').length, 0, 'not sent before ready');
  echo(children[0]!);
  children[0]!.reply({ type: 'ready' });
  assert.deepEqual(await early, { ok: true, value: 'app.info' });
});

test('a crash answers calls in flight in Chinese, restarts the core, and later calls work', async () => {
  const { client, children, fatals } = setup();
  const started = client.start();
  children[0]!.reply({ type: 'ready' });
  await started;
  const inFlight = client.invoke('people.create', { name: '张三' }, 's');
  await tick();
  children[0]!.crash(134);
  const result = await inFlight;
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.error.code, 'INTERNAL');
  assert.equal(!result.ok && result.error.message, CORE_CRASHED_MESSAGE);
  assert.match(CORE_CRASHED_MESSAGE, /后台数据服务意外停止/);

  const during = client.invoke('people.list', {}, 's');
  await sleep(10);
  assert.equal(children.length, 2, 'restarted');
  assert.deepEqual(children[1]!.sent[0], { type: 'init', config });
  echo(children[1]!);
  children[1]!.reply({ type: 'ready' });
  assert.deepEqual(await during, { ok: true, value: 'people.list' });
  assert.deepEqual(fatals, []);
});

test('a crash loop ends in a fatal error instead of restarting forever', async () => {
  const { client, children, fatals } = setup({ maxRestarts: 2 });
  void client.start();
  for (let i = 0; i < 3; i++) {
    children[i]!.reply({ type: 'ready' });
    children[i]!.crash(1);
    await sleep(10);
  }
  assert.equal(children.length, 3);
  assert.equal(fatals.length, 1);
  assert.equal(fatals[0]!.message, CORE_GAVE_UP_MESSAGE);
  assert.equal(client.status, 'fatal');
  const after = await client.invoke('people.list', {}, null);
  assert.equal(!after.ok && after.error.message, CORE_GAVE_UP_MESSAGE);
});

test('a fatal report (e.g. DB_FROM_FUTURE) rejects start, calls onFatal once and kills the child', async () => {
  const { client, children, fatals } = setup();
  const started = client.start();
  const waiting = client.invoke('app.info', {}, null);
  const error = { code: 'DB_FROM_FUTURE', message: '此数据文件由更新版本的清廉台账创建' } as const;
  children[0]!.reply({ type: 'fatal', error });
  await assert.rejects(started, (e: unknown) => e instanceof CoreFatalError && e.body.code === 'DB_FROM_FUTURE');
  assert.deepEqual(await waiting, { ok: false, error });
  assert.deepEqual(fatals, [error]);
  assert.equal(children[0]!.killed, true);
  await sleep(10);
  assert.equal(children.length, 1, 'not restarted');
});

test('stop asks the core to shut down and does not restart it', async () => {
  const { client, children } = setup();
  const started = client.start();
  children[0]!.reply({ type: 'ready' });
  await started;
  children[0]!.on('sent', (m: { type: string }) => {
    if (m.type === 'shutdown') setImmediate(() => children[0]!.crash(0));
  });
  await client.stop(1000);
  assert.deepEqual(children[0]!.sent.at(-1), { type: 'shutdown' });
  assert.equal(children[0]!.killed, false, 'exited by itself');
  await sleep(10);
  assert.equal(children.length, 1);
  const after = await client.invoke('people.list', {}, null);
  assert.equal(after.ok, false);
});

test('stop kills a core that does not exit in time', async () => {
  const { client, children } = setup();
  const started = client.start();
  children[0]!.reply({ type: 'ready' });
  await started;
  await client.stop(20);
  assert.equal(children[0]!.killed, true);
});

test('malformed messages from the child are ignored', async () => {
  const { client, children } = setup();
  const started = client.start();
  children[0]!.reply({ type: 'result', id: 'x' });
  children[0]!.reply('ready');
  children[0]!.reply(null);
  children[0]!.reply({ type: 'ready' });
  await started;
  assert.equal(client.status, 'ready');
});
