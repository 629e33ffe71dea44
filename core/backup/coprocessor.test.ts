import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { openDatabase } from '../../db/open';
import { tempDir } from '../../db/testing';
import { OffThreadHash, quickCheckOffThread } from './coprocessor';

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
  } finally {
    cleanup();
  }
});
