import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import Database from 'better-sqlite3';
import type { Envelope } from '../../core/api';
import { DATABASE_FILE_NAME } from '../../core/host/coreHost';
import { APPLICATION_ID } from '../../db/open';
import { INVOKE_IPC_CHANNEL } from '../allowList';
import { FATAL_TITLE, startApp, type BrowserWindowOptionsLike, type StartOptions } from '../app';
import { CORE_CRASHED_MESSAGE } from '../coreProcess/client';
import { loadWindowState, WINDOW_STATE_FILE } from '../windowState';
import { createFakeElectron, FakeEvent, type FakeElectronOptions } from './fakeElectron';
import { assertHardened } from './hardening';
import { InProcessCore } from './inProcessCore';

let base: string;
let dataDir: string;
let rendererDir: string;
beforeEach(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-app-'));
  dataDir = path.join(base, 'data');
  rendererDir = path.join(base, 'out', 'renderer');
  fs.mkdirSync(rendererDir, { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>清廉台账</title>');
});
afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function options(overrides: Partial<StartOptions> = {}): StartOptions {
  return {
    argv: ['/opt/qinglian/qinglian', `--data-dir=${dataDir}`],
    env: {},
    cwd: base,
    platform: 'linux',
    mainDir: path.join(base, 'out', 'main'),
    resourcesPath: null,
    rendererDir,
    ...overrides,
  };
}

function launch(fakeOptions: FakeElectronOptions = {}, startOptions: Partial<StartOptions> = {}) {
  const cores: InProcessCore[] = [];
  const fake = createFakeElectron({
    fork: (modulePath) => {
      const core = new InProcessCore(modulePath);
      cores.push(core);
      return core;
    },
    ...fakeOptions,
  });
  const shell = startApp(fake.electron, options(startOptions));
  return { fake, shell, cores };
}

async function quit(fake: ReturnType<typeof createFakeElectron>) {
  fake.app.quit();
  for (let i = 0; i < 100 && !fake.app.quitted; i++) await sleep(5);
}

test('second instance: quits at once, creates nothing', async () => {
  const { fake, shell } = launch({ gotLock: false });
  assert.equal(shell, null);
  assert.equal(fake.app.quitCount, 1);
  assert.equal(fake.ipcMain.handlers.size, 0);
  assert.deepEqual(fake.protocol.privileged, []);
  await fake.emitReady();
  assert.equal(fake.BrowserWindow.instances.length, 0);
  assert.equal(fake.forks.length, 0);
});

test('first instance: a second launch restores and focuses the existing window', async () => {
  const { fake, shell } = launch();
  await fake.emitReady();
  const window = shell!.mainWindow() as InstanceType<typeof fake.BrowserWindow>;
  window.emit('ready-to-show');
  window.minimize();
  assert.equal(window.isMinimized(), true);
  fake.app.emit('second-instance', new FakeEvent(), ['/opt/qinglian/qinglian']);
  assert.equal(window.isMinimized(), false);
  assert.equal(window.focused, true);
  assert.equal(fake.BrowserWindow.instances.length, 1, 'no second window');
  await quit(fake);
});

test('startup order and wiring: name, scheme before ready, then session, protocol, menu, window', async () => {
  const { fake, shell, cores } = launch();
  assert.equal(fake.app.name, '清廉台账');
  assert.deepEqual(fake.calls.slice(0, 2), ['app.setName', 'app.requestSingleInstanceLock']);
  assert.deepEqual(
    fake.protocol.privileged.map((s) => s.scheme),
    ['app'],
  );
  assert.equal(fake.BrowserWindow.instances.length, 0, 'no window before ready');

  await fake.emitReady();
  assert.ok(fake.protocol.handlers.has('app'));
  assert.ok(fake.defaultSession.permissionRequestHandler, 'session hardened');
  assert.equal(fake.defaultSession.request('https://example.com/'), 'cancel');
  assert.deepEqual(
    fake.menus.template?.map((m) => m.label),
    ['文件', '编辑', '视图', '窗口', '帮助'],
  );

  const [window] = fake.BrowserWindow.instances;
  assert.ok(window);
  assert.equal(window.loadedUrl, 'app://qinglian/index.html');
  assert.equal(window.options.title, '清廉台账');
  assert.equal(window.options.show, false, 'shown on ready-to-show, not blank');
  // packaged: no devtools
  assertHardened(window.options.webPreferences, { devTools: false, preload: path.join(base, 'out', 'preload', 'index.js') });
  // the window's web contents got the navigation guards via web-contents-created
  assert.equal(window.webContents.fire('will-navigate', 'https://example.com/'), true);
  assert.deepEqual(window.webContents.windowOpen('https://example.com/'), { action: 'deny' });

  window.emit('ready-to-show');
  assert.equal(window.shown, true);
  assert.equal(cores.length, 1);
  assert.equal(cores[0]!.modulePath, path.join(base, 'out', 'main', 'coreProcess.js'));
  assert.deepEqual(shell!.dataDir, { dir: dataDir, source: 'argv' });
  await quit(fake);
});

test('data folder: --data-dir, then QINGLIAN_DATA_DIR, then userData; Chromium profile follows an explicit folder', () => {
  const fromArgv = launch({}, { argv: ['x', '--data-dir', 'rel/data'], env: { QINGLIAN_DATA_DIR: '/env/data' } });
  assert.deepEqual(fromArgv.shell!.dataDir, { dir: path.join(base, 'rel', 'data'), source: 'argv' });
  assert.equal(fromArgv.fake.app.getPath('userData'), path.join(base, 'rel', 'data', 'electron-profile'));

  const fromEnv = launch({}, { argv: ['x'], env: { QINGLIAN_DATA_DIR: '/env/data' } });
  assert.deepEqual(fromEnv.shell!.dataDir, { dir: path.resolve('/env/data'), source: 'env' });

  const byDefault = launch({ userData: '/home/clerk/.config/清廉台账' }, { argv: ['x'], env: {} });
  // The same folder browser mode uses, whatever Electron calls its own profile folder.
  assert.deepEqual(byDefault.shell!.dataDir, { dir: '/home/clerk/.config/qinglian-ledger', source: 'default' });
  assert.equal(byDefault.fake.app.getPath('userData'), '/home/clerk/.config/清廉台账');
});

test('devtools only in an unpackaged (development) build', async () => {
  const { fake } = launch({ isPackaged: false });
  await fake.emitReady();
  assert.equal(fake.BrowserWindow.instances[0]!.options.webPreferences.devTools, true);
  assert.equal(fake.defaultSession.request('devtools://devtools/bundled/inspector.html'), 'allow');
  await quit(fake);
});

test('IPC end to end: renderer call → relay → core process → SQLite → envelope', async () => {
  const { fake, shell } = launch();
  await fake.emitReady();
  const info = (await fake.ipcMain.invoke(INVOKE_IPC_CHANNEL, 'app://qinglian/index.html', 'app.info', {}, null)) as Envelope<{
    shell: string;
    dataDir: string;
  }>;
  assert.ok(info.ok, JSON.stringify(info));
  assert.equal(info.value.shell, 'electron');
  assert.equal(info.value.dataDir, dataDir);
  assert.ok(fs.existsSync(path.join(dataDir, DATABASE_FILE_NAME)));

  const status = (await fake.ipcMain.invoke(INVOKE_IPC_CHANNEL, 'app://qinglian/index.html', 'setup.status', {}, null)) as Envelope<{
    initialized: boolean;
  }>;
  assert.deepEqual(status, { ok: true, value: { initialized: false, authorityName: null } });

  const foreign = (await fake.ipcMain.invoke(INVOKE_IPC_CHANNEL, 'https://evil.example/', 'app.info', {}, null)) as Envelope<unknown>;
  assert.equal(!foreign.ok && foreign.error.code, 'FORBIDDEN');
  assert.equal(shell!.core.status, 'ready');
  await quit(fake);
});

test('a crashed core process: the call gets a Chinese error, the core restarts, the next call works', async () => {
  const { fake, cores } = launch();
  await fake.emitReady();
  const ok = (await fake.ipcMain.invoke(INVOKE_IPC_CHANNEL, 'app://qinglian/index.html', 'app.info', {}, null)) as Envelope<unknown>;
  assert.ok(ok.ok);
  const pending = fake.ipcMain.invoke(INVOKE_IPC_CHANNEL, 'app://qinglian/index.html', 'setup.status', {}, null);
  cores[0]!.crash();
  const crashed = (await pending) as Envelope<unknown>;
  assert.equal(crashed.ok, false);
  assert.equal(!crashed.ok && crashed.error.message, CORE_CRASHED_MESSAGE);
  const again = (await fake.ipcMain.invoke(INVOKE_IPC_CHANNEL, 'app://qinglian/index.html', 'app.info', {}, null)) as Envelope<unknown>;
  assert.ok(again.ok, JSON.stringify(again));
  assert.equal(cores.length, 2);
  assert.equal(fake.errorBoxes.length, 0);
  await quit(fake);
});

test('a database from a newer version: Chinese error box, window gone, app quits', async () => {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, DATABASE_FILE_NAME));
  db.exec('CREATE TABLE t (x)');
  db.pragma(`application_id = ${APPLICATION_ID}`);
  db.pragma('user_version = 999');
  db.close();

  const { fake } = launch();
  await fake.emitReady();
  for (let i = 0; i < 100 && fake.errorBoxes.length === 0; i++) await sleep(5);
  assert.equal(fake.errorBoxes.length, 1);
  const [box] = fake.errorBoxes;
  assert.equal(box!.title, FATAL_TITLE);
  assert.match(box!.title, /清廉台账/);
  assert.match(box!.content, /更新版本的清廉台账/);
  assert.ok(box!.content.includes(dataDir));
  assert.equal(fake.BrowserWindow.instances[0]!.isDestroyed(), true);
  for (let i = 0; i < 100 && !fake.app.quitted; i++) await sleep(5);
  assert.equal(fake.app.quitted, true);
});

test('quitting shuts the core down cleanly before the app exits', async () => {
  const { fake, cores } = launch();
  await fake.emitReady();
  await fake.ipcMain.invoke(INVOKE_IPC_CHANNEL, 'app://qinglian/index.html', 'app.info', {}, null);
  fake.app.quit();
  assert.equal(fake.app.quitted, false, 'quit waits for the core');
  for (let i = 0; i < 100 && !fake.app.quitted; i++) await sleep(5);
  assert.equal(fake.app.quitted, true);
  assert.deepEqual(cores[0]!.sent.at(-1), { type: 'shutdown' });
  assert.equal(cores[0]!.exited, true);
});

test('window state: restored (clamped to the display) on start, saved on close', async () => {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(
    path.join(dataDir, WINDOW_STATE_FILE),
    JSON.stringify({ bounds: { x: 3000, y: 200, width: 1200, height: 800 }, isMaximized: true }),
  );
  const { fake, shell } = launch({ displays: [{ workArea: { x: 0, y: 0, width: 1600, height: 860 } }] });
  await fake.emitReady();
  const window = shell!.mainWindow() as InstanceType<typeof fake.BrowserWindow>;
  const { x, y, width, height } = window.options as BrowserWindowOptionsLike;
  assert.ok(x >= 0 && y >= 0 && x + width <= 1600 && y + height <= 860, JSON.stringify({ x, y, width, height }));
  window.emit('ready-to-show');
  assert.equal(window.isMaximized(), true, 'maximized again');

  window.maximized = false;
  window.setBounds({ x: 50, y: 60, width: 1000, height: 700 });
  window.close();
  assert.deepEqual(loadWindowState(dataDir), { bounds: { x: 50, y: 60, width: 1000, height: 700 }, isMaximized: false });
  await quit(fake);
});

test('a corrupt window-state file does not stop the window from opening', async () => {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(path.join(dataDir, WINDOW_STATE_FILE), '{"bounds": {"x": 1,');
  const { fake } = launch();
  await fake.emitReady();
  const window = fake.BrowserWindow.instances[0]!;
  assert.equal(window.options.width, 1280);
  assert.equal(window.loadedUrl, 'app://qinglian/index.html');
  await quit(fake);
});

test('关于 and 打开数据文件夹 menu items use the data folder', async () => {
  const { fake } = launch();
  await fake.emitReady();
  const fileMenu = fake.menus.template!.find((m) => m.label === '文件')!;
  const open = (fileMenu.submenu as Array<{ label?: string; click?: () => void }>).find((i) => i.label === '打开数据文件夹')!;
  open.click!();
  assert.deepEqual(fake.openedPaths, [dataDir]);
  const help = fake.menus.template!.find((m) => m.label === '帮助')!;
  (help.submenu as Array<{ click?: () => void }>)[0]!.click!();
  assert.match(JSON.stringify(fake.messageBoxes[0]), /清廉台账 0\.1\.0/);
  await quit(fake);
});
