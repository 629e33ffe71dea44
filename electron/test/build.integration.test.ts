/**
 * Builds the shell with electron-vite (as `npm run build:electron` does) into a
 * temporary folder and tests the artifacts themselves: the sandboxed preload in a VM
 * that offers only `require('electron')`, and the main bundle wired to the stand-in
 * electron module with the built core process running in a real child process.
 */
import assert from 'node:assert/strict';
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { after, before, test } from 'node:test';
import { CHANNELS, type Envelope } from '../../core/api';
import { INVOKE_IPC_CHANNEL, PRINT_IPC_CHANNEL } from '../allowList';
import { CORE_CRASHED_MESSAGE, type UtilityProcessLike } from '../coreProcess/client';
import type { ToCoreMessage } from '../coreProcess/protocol';
import { createFakeElectron } from './fakeElectron';

const repo = path.resolve(__dirname, '..', '..');
// Inside the repository (.tmp is git-ignored) so the built core resolves better-sqlite3 from node_modules.
const outDir = path.join(repo, '.tmp', `electron-build-test-${process.pid}`);
const dataDir = path.join(outDir, 'data');

before(() => {
  const cli = path.join(path.dirname(createRequire(__filename).resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  execFileSync(process.execPath, [cli, 'build', '--outDir', outDir, '--ignoreConfigWarning', '--logLevel', 'warn'], {
    cwd: repo,
    stdio: 'pipe',
  });
});
after(() => fs.rmSync(outDir, { recursive: true, force: true }));

test('produces out/main/index.js (package.json "main"), the core entry and the preload, as CommonJS', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as { main: string; type?: string };
  assert.equal(pkg.main, 'out/main/index.js');
  assert.notEqual(pkg.type, 'module');
  for (const file of ['main/index.js', 'main/coreProcess.js', 'preload/index.js']) {
    const code = fs.readFileSync(path.join(outDir, file), 'utf8');
    assert.doesNotMatch(code, /^\s*(import|export)\s/m, `${file} must be CommonJS`);
  }
  const core = fs.readFileSync(path.join(outDir, 'main', 'coreProcess.js'), 'utf8');
  assert.match(core, /require\("better-sqlite3"\)/, 'better-sqlite3 stays external');
  assert.doesNotMatch(core, /require\("(zod|pinyin-pro|dayjs)"\)/, 'pure-JS dependencies are bundled');
});

test('the backup coprocessor is built as its own worker module beside the core process, and the built worker hashes and checks', async () => {
  const file = path.join(outDir, 'main', 'coprocessorWorker.js');
  const code = fs.readFileSync(file, 'utf8');
  assert.doesNotMatch(code, /^\s*(import|export)\s/m, 'CommonJS');
  const core = fs.readFileSync(path.join(outDir, 'main', 'coreProcess.js'), 'utf8');
  assert.match(core, /coprocessorWorker\.js/, 'the core finds the worker by its built name');
  assert.doesNotMatch(core, /eval:\s*(true|!0)/, 'no worker code run from a string');

  const worker = new Worker(file);
  const waiting = new Map<number, (v: unknown) => void>();
  worker.on('message', (m: { id: number }) => waiting.get(m.id)?.(m));
  const ask = (m: Record<string, unknown> & { id: number }) =>
    new Promise<unknown>((resolve) => {
      waiting.set(m.id, resolve);
      worker.postMessage(m);
    });
  try {
    await ask({ id: 1, op: 'hashStart', job: 1 });
    const bytes = new TextEncoder().encode('清廉台账');
    await ask({ id: 2, op: 'hash', job: 1, buffer: bytes.buffer, offset: 0, length: bytes.length });
    assert.deepEqual(await ask({ id: 3, op: 'hashEnd', job: 1 }), {
      id: 3,
      result: createHash('sha256').update('清廉台账').digest('hex'),
    });
    const dbFile = path.join(outDir, 'coprocessor-check.sqlite');
    const db = new Database(dbFile);
    db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
    db.close();
    assert.deepEqual(await ask({ id: 4, op: 'quickCheck', file: dbFile, nativeBinding: null }), {
      id: 4,
      result: { ok: true, first: 'ok', foreignKeyProblems: 0 },
    });
  } finally {
    await worker.terminate();
  }
});

test('the preload is one self-contained file that requires only electron and carries the contract as literals', () => {
  const code = fs.readFileSync(path.join(outDir, 'preload', 'index.js'), 'utf8');
  const required = [...code.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
  assert.deepEqual([...new Set(required)], ['electron']);
  for (const channel of CHANNELS) assert.ok(code.includes(JSON.stringify(channel)), channel);
  assert.doesNotMatch(code, /\bzod\b|safeParse|ZodType/, 'no zod in the preload');
  assert.ok(fs.readdirSync(path.join(outDir, 'preload')).length === 1, 'no chunks beside the preload');
});

test('the built preload, run as a sandbox would, exposes only window.qinglian = { shell, invoke, choosePath, printDocument }', async () => {
  const file = path.join(outDir, 'preload', 'index.js');
  const exposed = new Map<string, unknown>();
  const sent: unknown[][] = [];
  const fakeElectron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: (...args: unknown[]) => {
        sent.push(args);
        return Promise.resolve({ ok: true, value: 'main says hi' });
      },
    },
  };
  const sandboxRequire = (id: string) => {
    if (id === 'electron') return fakeElectron;
    throw new Error(`Cannot find module '${id}' (sandboxed preload)`);
  };
  const module = { exports: {} };
  vm.runInNewContext(fs.readFileSync(file, 'utf8'), { require: sandboxRequire, module, exports: module.exports }, { filename: file });

  assert.deepEqual([...exposed.keys()], ['qinglian']);
  const bridge = exposed.get('qinglian') as {
    shell: string;
    invoke(channel: string, input?: unknown, sessionId?: string | null): Promise<unknown>;
  };
  assert.deepEqual(Object.keys(bridge).sort(), ['choosePath', 'invoke', 'printDocument', 'shell']);
  assert.equal(bridge.shell, 'electron');
  assert.deepEqual(await bridge.invoke('people.list', { page: 1 }, 's'), { ok: true, value: 'main says hi' });
  assert.deepEqual(sent, [[INVOKE_IPC_CHANNEL, 'people.list', { page: 1 }, 's']]);
  const refused = await bridge.invoke('db.exec', {}).then(
    () => null,
    (reason: unknown) => reason as { ok: boolean; error: { code: string } },
  );
  assert.equal(refused?.ok, false);
  assert.equal(refused?.error.code, 'UNKNOWN_CHANNEL');
  assert.equal(sent.length, 1, 'refused call not sent');
  const print = (bridge as unknown as { printDocument(job: unknown): Promise<unknown> }).printDocument;
  await print({ action: 'pdf', request: { kind: 'requestsList' }, sessionId: 's', html: '<p>x</p>' });
  // (the message was built in the VM's realm: compare its JSON)
  assert.deepEqual(JSON.parse(JSON.stringify(sent[1])), [
    PRINT_IPC_CHANNEL,
    { action: 'pdf', request: { kind: 'requestsList' }, sessionId: 's' },
  ]);
});

/** utilityProcess.fork stand-in: the built entry in a real Node child process. */
class ForkedUtilityProcess extends EventEmitter implements UtilityProcessLike {
  readonly child: ChildProcess;
  constructor(readonly modulePath: string) {
    super();
    this.child = fork(path.join(__dirname, 'utilityProcessShim.ts'), [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, QINGLIAN_TEST_UTILITY_ENTRY: modulePath },
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (message) => this.emit('message', message));
    this.child.on('exit', (code) => this.emit('exit', code ?? 1));
  }
  postMessage(message: ToCoreMessage): void {
    this.child.send(message);
  }
  kill(): boolean {
    return this.child.kill();
  }
}

test('the built main process, with a stand-in electron and the built core in a child process', async (t) => {
  fs.mkdirSync(path.join(outDir, 'renderer'), { recursive: true });
  fs.writeFileSync(path.join(outDir, 'renderer', 'index.html'), '<!doctype html><title>清廉台账</title>');
  const forks: ForkedUtilityProcess[] = [];
  const fake = createFakeElectron({
    fork: (modulePath) => {
      const child = new ForkedUtilityProcess(modulePath);
      forks.push(child);
      return child;
    },
  });
  t.after(() => {
    for (const f of forks) f.kill();
  });

  const mainFile = path.join(outDir, 'main', 'index.js');
  const previous = process.env.QINGLIAN_DATA_DIR;
  process.env.QINGLIAN_DATA_DIR = dataDir;
  try {
    const realRequire = createRequire(mainFile);
    const wrapper = vm.runInThisContext(
      `(function (exports, require, module, __filename, __dirname) {${fs.readFileSync(mainFile, 'utf8')}\n})`,
      { filename: mainFile },
    ) as (...args: unknown[]) => void;
    const module = { exports: {} };
    wrapper(
      module.exports,
      (id: string) => (id === 'electron' ? fake.electron : realRequire(id)),
      module,
      mainFile,
      path.dirname(mainFile),
    );
  } finally {
    if (previous === undefined) delete process.env.QINGLIAN_DATA_DIR;
    else process.env.QINGLIAN_DATA_DIR = previous;
  }

  assert.equal(fake.app.name, '清廉台账');
  assert.deepEqual(
    fake.protocol.privileged.map((s) => s.scheme),
    ['app'],
  );
  await fake.emitReady();

  const window = fake.BrowserWindow.instances[0]!;
  assert.ok(fs.existsSync(window.options.webPreferences.preload!), 'preload path points at the built preload');
  assert.equal(window.options.webPreferences.sandbox, true);
  assert.equal(window.loadedUrl, 'app://qinglian/index.html');
  assert.equal(forks[0]!.modulePath, path.join(outDir, 'main', 'coreProcess.js'));

  const page = await fake.protocol.handlers.get('app')!(new Request('app://qinglian/index.html'));
  assert.equal(page.status, 200);
  assert.match(await page.text(), /清廉台账/);

  const call = (channel: string) =>
    fake.ipcMain.invoke(INVOKE_IPC_CHANNEL, 'app://qinglian/index.html', channel, {}, null) as Promise<Envelope<Record<string, unknown>>>;
  const info = await call('app.info');
  assert.ok(info.ok, JSON.stringify(info));
  assert.equal(info.value.shell, 'electron');
  assert.equal(info.value.dataDir, dataDir);
  assert.ok(fs.existsSync(path.join(dataDir, 'qinglian.sqlite')));

  // printing is wired in the built main process: foreign senders and bad input refused (zod bundled), in Chinese
  const print = (frame: string, job: unknown) => fake.ipcMain.invoke(PRINT_IPC_CHANNEL, frame, job) as Promise<Envelope<unknown>>;
  const foreign = await print('https://evil.example/', { action: 'print', request: { kind: 'requestsList' }, sessionId: null });
  assert.equal(!foreign.ok && foreign.error.code, 'FORBIDDEN');
  const invalid = await print('app://qinglian/index.html', { action: 'fax', request: { kind: 'requestsList' }, sessionId: null });
  assert.equal(!invalid.ok && invalid.error.code, 'VALIDATION');
  assert.match(!invalid.ok ? invalid.error.message : '', /请选择“打印”或“保存PDF”/);
  const beforeSetup = await print('app://qinglian/index.html', { action: 'print', request: { kind: 'requestsList' }, sessionId: null });
  assert.equal(!beforeSetup.ok && beforeSetup.error.code, 'NOT_INITIALIZED', JSON.stringify(beforeSetup));
  assert.equal(fake.BrowserWindow.instances.length, 1, 'no print window for a refused job');

  // kill the core process mid-call: Chinese error, restart, next call fine
  const pending = call('setup.status');
  const died = new Promise((resolve) => forks[0]!.child.once('exit', resolve));
  forks[0]!.child.kill('SIGKILL');
  const crashed = await pending;
  // The call may have been answered before the kill landed; if not, it must carry the crash message.
  if (!crashed.ok) assert.equal(crashed.error.message, CORE_CRASHED_MESSAGE);
  // A call sent before the shell has seen the exit is reported as crashed too (that is right);
  // the next call is meant for the restarted core, so wait until it exists.
  await died;
  for (let i = 0; i < 200 && forks.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
  const again = await call('setup.status');
  assert.ok(again.ok, JSON.stringify(again));
  assert.equal(forks.length, 2);

  // quitting shuts the (new) core down cleanly
  const exited = new Promise<number | null>((resolve) => forks[1]!.child.once('exit', resolve));
  fake.app.quit();
  assert.equal(await exited, 0);
  for (let i = 0; i < 100 && !fake.app.quitted; i++) await new Promise((r) => setTimeout(r, 10));
  assert.equal(fake.app.quitted, true);
});
