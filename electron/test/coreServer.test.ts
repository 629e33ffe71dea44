import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { createCoreHost, DATABASE_FILE_NAME } from '../../core/host/coreHost';
import { APPLICATION_ID } from '../../db/open';
import { checkAddonAbi, readAddonAbi, resolveNativeBinding, SQLITE_BINDING_ENV } from '../coreProcess/nativeBinding';
import type { FromCoreMessage, ToCoreMessage } from '../coreProcess/protocol';
import { runCoreServer, startupError, type CoreServerDeps } from '../coreProcess/server';

let base: string;
before(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-core-'));
});
after(() => fs.rmSync(base, { recursive: true, force: true }));

class FakePort extends EventEmitter {
  readonly received: FromCoreMessage[] = [];
  postMessage(message: FromCoreMessage): void {
    this.received.push(structuredClone(message));
    this.emit('posted', message);
  }
  send(message: ToCoreMessage): void {
    this.emit('message', { data: structuredClone(message) });
  }
  next(): Promise<FromCoreMessage> {
    return new Promise((resolve) => this.once('posted', resolve));
  }
}

function server(env: Record<string, string> = {}) {
  const port = new FakePort();
  const exits: number[] = [];
  const deps: CoreServerDeps = { createHost: createCoreHost, env, expectedAbi: process.versions.modules, exit: (code) => exits.push(code) };
  runCoreServer(port, deps);
  return { port, exits };
}

test('init opens the database and answers ready; invokes are answered by id', async () => {
  const dataDir = path.join(base, 'fresh');
  const { port, exits } = server();
  const ready = port.next();
  port.send({ type: 'init', config: { dataDir, version: '9.9.9', resourcesPath: null } });
  assert.deepEqual(await ready, { type: 'ready' });
  assert.ok(fs.existsSync(path.join(dataDir, DATABASE_FILE_NAME)));

  const reply = port.next();
  port.send({ type: 'invoke', id: 7, channel: 'app.info', input: {}, sessionId: null });
  const result = await reply;
  assert.equal(result.type, 'result');
  assert.ok(result.type === 'result' && result.id === 7 && result.envelope.ok);
  const info = (result as { envelope: { value: { shell: string; version: string; dataDir: string } } }).envelope.value;
  assert.equal(info.shell, 'electron');
  assert.equal(info.version, '9.9.9');
  assert.equal(info.dataDir, dataDir);

  const denied = port.next();
  port.send({ type: 'invoke', id: 8, channel: 'people.list', input: {}, sessionId: 'nobody' });
  const d = await denied;
  assert.ok(d.type === 'result' && d.id === 8 && !d.envelope.ok);

  port.send({ type: 'shutdown' });
  // The host's shutdown is async (a running backup job and the on-exit backup finish first).
  for (let i = 0; i < 100 && !exits.length; i++) await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(exits, [0]);
});

test('a database file from a newer version is reported as fatal, in Chinese, and left untouched', async () => {
  const dataDir = path.join(base, 'future');
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DATABASE_FILE_NAME);
  const db = new Database(file);
  db.exec('CREATE TABLE future_things (id TEXT PRIMARY KEY)');
  db.pragma(`application_id = ${APPLICATION_ID}`);
  db.pragma('user_version = 999');
  db.close();
  const before = fs.readFileSync(file);

  const { port } = server();
  const reply = port.next();
  port.send({ type: 'init', config: { dataDir, version: '0.1.0', resourcesPath: null } });
  const message = await reply;
  assert.equal(message.type, 'fatal');
  assert.ok(message.type === 'fatal');
  assert.equal(message.error.code, 'DB_FROM_FUTURE');
  assert.match(message.error.message, /更新版本/);
  assert.deepEqual(fs.readFileSync(file), before);

  const answer = port.next();
  port.send({ type: 'invoke', id: 1, channel: 'app.info', input: {}, sessionId: null });
  const r = await answer;
  assert.ok(r.type === 'result' && !r.envelope.ok && r.envelope.error.code === 'INTERNAL');
});

test('QINGLIAN_SQLITE_BINDING pointing nowhere is fatal with the path in the message', async () => {
  const missing = path.join(base, 'no-such', 'better_sqlite3.node');
  const { port } = server({ [SQLITE_BINDING_ENV]: missing });
  const reply = port.next();
  port.send({ type: 'init', config: { dataDir: path.join(base, 'nobinding'), version: '0.1.0', resourcesPath: null } });
  const message = await reply;
  assert.ok(message.type === 'fatal');
  assert.ok(message.error.message.includes(missing));
  assert.match(message.error.message, /不存在/);
});

test('a binding built for another ABI (e.g. Node’s build under Electron) is refused before loading', async () => {
  const wrong = path.join(base, 'electron-abi.node');
  fs.writeFileSync(wrong, Buffer.concat([Buffer.alloc(64), Buffer.from('\0node_register_module_v150\0'), Buffer.alloc(64)]));
  const { port } = server({ [SQLITE_BINDING_ENV]: wrong });
  const reply = port.next();
  port.send({ type: 'init', config: { dataDir: path.join(base, 'wrongabi'), version: '0.1.0', resourcesPath: null } });
  const message = await reply;
  assert.ok(message.type === 'fatal');
  assert.match(message.error.message, /ABI 150/);
  assert.match(message.error.message, new RegExp(`ABI ${process.versions.modules}`));
  assert.match(message.error.message, /better-sqlite3/);
});

test('an explicit binding of the right ABI is used (the Node build, under Node)', async () => {
  const nodeBuild = createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node');
  assert.equal(readAddonAbi(nodeBuild), Number(process.versions.modules));
  assert.equal(checkAddonAbi(nodeBuild, process.versions.modules), null);
  const { port } = server({ [SQLITE_BINDING_ENV]: nodeBuild });
  const reply = port.next();
  port.send({ type: 'init', config: { dataDir: path.join(base, 'explicit'), version: '0.1.0', resourcesPath: null } });
  assert.deepEqual(await reply, { type: 'ready' });
});

test('binding lookup order: the packaged <resources>/native (the environment cannot override it), then env, then better-sqlite3’s own', () => {
  const resources = path.join(base, 'resources');
  const packaged = path.join(resources, 'native', 'better_sqlite3.node');
  const exists = (f: string) => f === packaged || f === path.resolve('/opt/x.node');
  // An installed build: QINGLIAN_SQLITE_BINDING is ignored, the packaged library is loaded.
  assert.deepEqual(resolveNativeBinding({ [SQLITE_BINDING_ENV]: '/opt/x.node' }, resources, exists), {
    ok: true,
    file: packaged,
    source: 'resources',
  });
  // A development run from a checkout (no packaged library): the variable is honoured.
  assert.deepEqual(resolveNativeBinding({ [SQLITE_BINDING_ENV]: '/opt/x.node' }, path.join(base, 'dev-resources'), exists), {
    ok: true,
    file: path.resolve('/opt/x.node'),
    source: 'env',
  });
  assert.deepEqual(resolveNativeBinding({}, resources, exists), { ok: true, file: packaged, source: 'resources' });
  assert.deepEqual(
    resolveNativeBinding({}, resources, () => false),
    { ok: true, file: undefined, source: 'default' },
  );
  // An installed build whose own library is missing never falls back to the variable.
  const asar = path.join(resources, 'app.asar');
  const broken = resolveNativeBinding(
    { [SQLITE_BINDING_ENV]: '/opt/x.node' },
    resources,
    (f) => f === asar || f === path.resolve('/opt/x.node'),
  );
  assert.ok(!broken.ok && broken.error.message.includes('安装不完整'));
  assert.deepEqual(
    resolveNativeBinding({ [SQLITE_BINDING_ENV]: '  ' }, null, () => false),
    { ok: true, file: undefined, source: 'default' },
  );
});

test('Node’s ABI error is explained in Chinese', () => {
  const error = new Error(
    "无法打开数据文件 /x：The module '/app/node_modules/better-sqlite3/build/Release/better_sqlite3.node'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 115. This version of Node.js requires\nNODE_MODULE_VERSION 150.",
  );
  const body = startupError(Object.assign(error, { code: 'DB_UNREADABLE' }));
  assert.equal(body.code, 'INTERNAL');
  assert.match(body.message, /运行环境版本不符/);
  assert.equal(startupError(Object.assign(new Error('坏了'), { code: 'DB_NOT_OURS' })).code, 'DB_NOT_OURS');
  assert.equal(startupError(new Error('disk full')).code, 'INTERNAL');
  // Another program holds the data folder: BUSY, with the lock's own Chinese message (not 数据服务启动失败).
  const locked = startupError(Object.assign(new Error('数据文件夹 D 已有一个清廉台账正在使用'), { code: 'DATA_DIR_LOCKED' }));
  assert.deepEqual(locked, { code: 'BUSY', message: '数据文件夹 D 已有一个清廉台账正在使用' });
});

test('malformed messages are ignored; a second init does nothing', async () => {
  const { port } = server();
  port.emit('message', { data: { type: 'invoke', id: 'x' } });
  port.emit('message', { data: 'hello' });
  assert.deepEqual(port.received, []);
  const ready = port.next();
  port.send({ type: 'init', config: { dataDir: path.join(base, 'twice'), version: '0.1.0', resourcesPath: null } });
  await ready;
  port.send({ type: 'init', config: { dataDir: path.join(base, 'other'), version: '0.1.0', resourcesPath: null } });
  assert.equal(port.received.length, 1);
  assert.equal(fs.existsSync(path.join(base, 'other')), false);
});
