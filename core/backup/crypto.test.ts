import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { decryptChunk, encryptChunk, selfTest } from './crypto';

const accepts = (key: Buffer, index: number, last: boolean, sealed: Buffer): boolean => {
  try {
    decryptChunk(key, index, last, sealed);
    return true;
  } catch {
    return false;
  }
};

// The read-back after writing decrypts every chunk (the GHASH-only tag check it once used
// saved about 22 ms of CPU per 100 MiB, under 1% of a backup: docs/decisions.md). What it
// relies on: a chunk opens only intact, in its place, with its last-chunk flag.
test('a chunk opens only intact, in its own place, with its own last-chunk flag, under its own key', async () => {
  await selfTest();
  const key = randomBytes(32);
  const size = 64 * 1024;
  const plain = Array.from({ length: 6 }, () => randomBytes(size));
  const sealed = plain.map((p, i) => Buffer.concat(encryptChunk(key, i, i === plain.length - 1, p)));
  for (let i = 0; i < sealed.length; i++) {
    const last = i === sealed.length - 1;
    assert.deepEqual(decryptChunk(key, i, last, sealed[i]!), plain[i]);
    for (const at of [0, 7919 % size, size + 3]) {
      const flipped = Buffer.from(sealed[i]!);
      flipped[at] = flipped[at]! ^ 0x10; // body or tag
      assert.equal(accepts(key, i, last, flipped), false, `chunk ${i} with byte ${at} changed`);
    }
    assert.equal(accepts(key, i + 1, last, sealed[i]!), false, 'moved');
    assert.equal(accepts(key, i, !last, sealed[i]!), false, 'last-chunk flag changed');
    assert.equal(accepts(randomBytes(32), i, last, sealed[i]!), false, 'another key');
  }
  assert.throws(() => decryptChunk(key, 2, false, sealed[3]!), /第 3 块数据已损坏、被改动或顺序被打乱/);
});
