import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { ChunkTagCheck, decryptChunk, encryptChunk, selfTest, tagCheckAvailable } from './crypto';

const accepts = (key: Buffer, index: number, last: boolean, sealed: Buffer): boolean => {
  try {
    decryptChunk(key, index, last, sealed);
    return true;
  } catch {
    return false;
  }
};

test('the tag check without decryption agrees with decryption on every chunk, intact or damaged, in place or moved', async () => {
  await selfTest();
  assert.equal(
    tagCheckAvailable(),
    true,
    'the read-back uses the tag check here (it falls back to decrypting only where its self-test fails)',
  );
  const key = randomBytes(32);
  const size = 64 * 1024;
  const sealed = Array.from({ length: 12 }, (_, i) => Buffer.concat(encryptChunk(key, i, false, randomBytes(size))));
  const check = new ChunkTagCheck(key, { index: 0, last: false, sealed: sealed[0]! });
  for (let i = 1; i < sealed.length; i++) {
    const flipped = Buffer.from(sealed[i]!);
    const at = (i * 7919) % flipped.length; // body or tag
    flipped[at] = flipped[at]! ^ 0x10;
    const cases: [number, boolean, Buffer][] = [
      [i, false, sealed[i]!], // intact
      [i, false, flipped], // a changed bit
      [i + 1, false, sealed[i]!], // moved
      [i, true, sealed[i]!], // claimed to be the last chunk
      [i, false, sealed[(i + 1) % sealed.length]!], // another chunk in its place
    ];
    for (const [index, last, bytes] of cases)
      assert.equal(check.valid(index, last, bytes), accepts(key, index, last, bytes), `chunk ${i} as ${index}/${last}`);
    assert.equal(check.valid(i, false, sealed[i]!), true);
    assert.equal(check.valid(i, false, flipped), false);
  }
  // A chunk from a file with another key is refused.
  const other = Buffer.concat(encryptChunk(randomBytes(32), 3, false, randomBytes(size)));
  assert.equal(check.valid(3, false, other), false);
});
