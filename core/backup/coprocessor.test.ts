import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { openDatabase } from '../../db/open';
import { tempDir } from '../../db/testing';
import Database from 'better-sqlite3';
import { coprocessorWorkerEntry, OffThreadHash, quickCheckOffThread, startHash } from './coprocessor';
import { quickCheckWith } from './coprocessorProtocol';

test('the off-thread SHA-256 equals node:crypto over the same bytes fed in pieces (shared memory, pooled and plain buffers)', async () => {
  const data = randomBytes(3 * 1024 * 1024 + 17);
  const shared = Buffer.from(new SharedArrayBuffer(data.length));
  data.copy(shared);
  const hash = new OffThreadHash();
  const pending = [
    hash.update(shared.subarray(0, 1024 * 1024)),
    hash.update(Buffer.from(data.subarray(1024 * 1024, 1024 * 1024 + 5))), // small: sits in Node's shared buffer pool
    hash.update(data.subarray(1024 * 1024 + 5, 2 * 1024 * 1024)),
    hash.update(shared.subarray(2 * 1024 * 1024)),
  ];
  await Promise.all(pending);
  assert.equal(await hash.digest(), createHash('sha256').update(data).digest('hex'));
  // Two jobs at once keep apart.
  const a = new OffThreadHash();
  const b = new OffThreadHash();
  await Promise.all([a.update(Buffer.from('abc')), b.update(Buffer.from('xyz'))]);
  assert.equal(await a.digest(), createHash('sha256').update('abc').digest('hex'));
  assert.equal(await b.digest(), createHash('sha256').update('xyz').digest('hex'));
});

test("quick_check off the main thread: a sound database passes; a damaged page or a non-database fails with SQLite's words", async () => {
  const { dir, cleanup } = tempDir('qinglian-coprocessor-');
  try {
    const file = path.join(dir, 'db.sqlite');
    const { db } = openDatabase(file);
    const insert = db.prepare("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, 'x')");
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`k-${i}`, JSON.stringify(randomBytes(300).toString('hex')));
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    assert.deepEqual(await quickCheckOffThread(file), { ok: true, first: 'ok', foreignKeyProblems: 0 });

    const damaged = path.join(dir, 'damaged.sqlite');
    const bytes = fs.readFileSync(file);
    bytes.fill(0x5a, 8 * 4096, 9 * 4096);
    fs.writeFileSync(damaged, bytes);
    const verdict = await quickCheckOffThread(damaged);
    assert.equal(verdict.ok, false);
    assert.notEqual(verdict.first, 'ok');

    const text = path.join(dir, 'text.sqlite');
    fs.writeFileSync(text, '这不是数据库'.repeat(1000));
    const notDb = await quickCheckOffThread(text);
    assert.equal(notDb.ok, false);
    assert.match(notDb.first, /not a database/);

    // The main thread's check (when the worker cannot load SQLite) is the same check: the same verdicts.
    for (const f of [file, damaged, text]) assert.deepEqual(quickCheckWith(Database, f, null), await quickCheckOffThread(f), f);
  } finally {
    cleanup();
  }
});

test('the coprocessor is the typed worker module (no code run from a string), and a backup gets it rather than the fallback', async () => {
  const entry = coprocessorWorkerEntry();
  assert.ok(entry);
  assert.equal(entry.file, path.join(__dirname, 'coprocessorWorker.ts'));
  assert.deepEqual(entry.execArgv?.[0], '--require');
  // A silent fallback to this thread would hide a worker that cannot start: the hash job must be the off-thread one.
  const job = await startHash();
  assert.ok(job instanceof OffThreadHash);
  job.drop();

  // The built worker (electron-vite puts it beside the core process's entry) wins over the source.
  const { dir, cleanup } = tempDir('qinglian-coprocessor-entry-');
  try {
    fs.writeFileSync(path.join(dir, 'coprocessorWorker.ts'), '');
    assert.deepEqual(coprocessorWorkerEntry(dir)?.execArgv?.length, 2);
    fs.writeFileSync(path.join(dir, 'coprocessorWorker.js'), '');
    assert.deepEqual(coprocessorWorkerEntry(dir), { file: path.join(dir, 'coprocessorWorker.js') });
    const chunks = path.join(dir, 'chunks');
    fs.mkdirSync(chunks);
    assert.deepEqual(coprocessorWorkerEntry(chunks), { file: path.join(dir, 'coprocessorWorker.js') });
    assert.equal(coprocessorWorkerEntry(path.join(chunks, 'deeper')), null);

    // In an installed app the bundle sits in app.asar, which a worker cannot load from: the
    // copy electron-builder unpacks (asarUnpack) to app.asar.unpacked is taken instead.
    const packed = path.join(dir, 'resources', 'app.asar', 'out', 'main');
    const unpacked = path.join(dir, 'resources', 'app.asar.unpacked', 'out', 'main');
    fs.mkdirSync(packed, { recursive: true });
    fs.mkdirSync(unpacked, { recursive: true });
    fs.writeFileSync(path.join(packed, 'coprocessorWorker.js'), '');
    assert.deepEqual(coprocessorWorkerEntry(packed), { file: path.join(packed, 'coprocessorWorker.js') });
    fs.writeFileSync(path.join(unpacked, 'coprocessorWorker.js'), '');
    assert.deepEqual(coprocessorWorkerEntry(packed), { file: path.join(unpacked, 'coprocessorWorker.js') });
  } finally {
    cleanup();
  }
});
