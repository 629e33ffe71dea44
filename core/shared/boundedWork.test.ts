/**
 * Issue 13 §5, bounded work: an oversized input is refused for its length alone; no
 * expensive check (the passphrase strength estimate, the spoofing scan, scrypt) runs on
 * it. A 10-million-character passphrase once held the core for 13 s in the strength
 * check after the length check had already failed. Whether the slow check ran shows in
 * the answer: it would add its own complaint (too repetitive, not the same twice).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeHost } from '../testing';

const HUGE = 'a'.repeat(10_000_000);

test('a 10-million-character passphrase is refused for its length only, in Chinese', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const env = await h.raw('backup.startCreate', { folder: h.dir, passphrase: HUGE, passphraseConfirm: 'different' });
  assert.ok(!env.ok && env.error.code === 'VALIDATION', JSON.stringify(env).slice(0, 300));
  assert.match(env.error.fields?.passphrase ?? '', /口令过长/);
  assert.deepEqual(Object.keys(env.error.fields ?? {}), ['passphrase'], 'neither the strength check nor the comparison ran');
});

test('a 10-million-character password or name is refused for its length before scrypt or the spoofing scan', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const login = await h.raw('auth.login', { username: 'admin', password: HUGE }, null);
  assert.ok(!login.ok && login.error.code === 'VALIDATION', 'refused by the schema, not as a wrong password');
  const failures = h.host.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'login-failed'").pluck().get();
  assert.equal(failures, 0, 'no password was checked');
  const person = await h.raw('people.create', { name: `${HUGE}\u202E` });
  assert.ok(!person.ok && person.error.code === 'VALIDATION');
  assert.match(person.error.fields?.name ?? '', /不能超过/);
  assert.doesNotMatch(person.error.message, /控制字符/, 'the spoofing scan did not run');
});
