/** Issue 13, items 5 and 6: text that spoofs is refused; expensive checks do not run on over-long input. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { api } from '../api';
import { backupCreateInput } from '../backup/contract';
import { makeHost } from '../testing';

const BIDI = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];

test('names and printed fields refuse bidirectional control characters, with a Chinese message, and nothing is saved', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  for (const ch of BIDI) {
    const env = await h.raw('people.create', { name: `张三${ch}局长` });
    assert.ok(!env.ok && env.error.code === 'VALIDATION', `U+${ch.codePointAt(0)!.toString(16)}`);
    assert.match(env.error.fields?.name ?? '', /姓名含有改变文字显示方向的隐藏控制字符/);
  }
  const unit = await h.raw('units.create', { name: '市财政局\u202E局长' });
  assert.ok(!unit.ok && /单位名称|名称/.test(unit.error.message) && /隐藏控制字符/.test(unit.error.message));
  const position = await h.raw('people.create', { name: '张三', position: '科长\u2067' });
  assert.ok(!position.ok && /职务含有改变文字显示方向/.test(position.error.fields?.position ?? ''));
  const settings = await h.raw('settings.update', {
    authorityName: '某某市纪委\u202E监委',
    docPrefixes: { opinionReply: '某纪廉复', reminderLetter: '某纪廉提' },
  });
  assert.ok(!settings.ok && /隐藏控制字符/.test(settings.error.message));
  assert.equal((await h.call('people.list', {})).total, 0);
  // Ordinary Chinese, Latin and the middle dot of minority names still pass.
  await h.call('people.create', { name: '阿卜杜·热合曼', position: 'IT科科长' });
});

test('an over-long passphrase is refused by its length alone: the strength check does not run on it', () => {
  const long = 'a'.repeat(2_000_000);
  const parsed = backupCreateInput.safeParse({ folder: '/media/usb', passphrase: long, passphraseConfirm: long });
  assert.equal(parsed.success, false);
  const messages = parsed.success ? [] : parsed.error.issues.map((i) => i.message);
  assert.ok(messages.some((m) => m.includes('口令过长')));
  assert.ok(!messages.some((m) => m.includes('口令太弱')), messages.join('；'));
});

test('over-long text fields are refused by their length before any other check runs', () => {
  const parsed = api['people.create'].input.safeParse({ name: `${'张'.repeat(100_000)}\u202E` });
  assert.equal(parsed.success, false);
  const messages = parsed.success ? [] : parsed.error.issues.map((i) => i.message);
  assert.deepEqual(messages, ['姓名不能超过20个字']);
});
