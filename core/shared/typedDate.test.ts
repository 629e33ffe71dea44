import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readTypedDate } from './typedDate';

test('what clerks type for a date is read as that date', () => {
  for (const text of ['2026-06-01', '2026-6-1', '20260601', '2026.6.1', '2026/06/01', '2026年6月1日', ' 2026 年 6 月 1 日 ']) {
    assert.deepEqual(readTypedDate(text), { kind: 'date', date: '2026-06-01' }, text);
  }
});

test('an emptied field is empty, anything else is unreadable and kept as typed', () => {
  assert.deepEqual(readTypedDate('   '), { kind: 'empty' });
  assert.deepEqual(readTypedDate('2026-02-30'), { kind: 'unreadable', text: '2026-02-30' });
  assert.deepEqual(readTypedDate('2026-6'), { kind: 'unreadable', text: '2026-6' });
  assert.deepEqual(readTypedDate('明天'), { kind: 'unreadable', text: '明天' });
});
