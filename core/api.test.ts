import assert from 'node:assert/strict';
import { test } from 'node:test';
import { api, CHANNELS, INVALIDATES, isChannel, type Channel } from './api';
import { handlers } from './handlers';
import { validationError } from './host/validation';

test('every channel of the contract has a handler and no handler is outside the contract', () => {
  assert.deepEqual(Object.keys(handlers).sort(), [...CHANNELS].sort());
});

test('channel names are area.verb; operations that change data are marked as writing', () => {
  for (const channel of CHANNELS) {
    assert.match(channel, /^[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/);
    if (/\.(create|update|delete|restore|initialize|resetPassword|changePassword)$/.test(channel)) {
      assert.equal(api[channel].writes, true, channel);
    }
    if (/\.(list|get|status|info|me)$/.test(channel)) assert.equal(api[channel].writes, false, channel);
    assert.match(api[channel].title, /[\u4e00-\u9fa5]/, `${channel} has a Chinese title`);
  }
});

test('isChannel does not accept inherited object keys', () => {
  assert.equal(isChannel('people.list'), true);
  for (const k of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '']) assert.equal(isChannel(k), false, k);
});

test('every input schema rejects wrong types with Chinese messages (the renderer is untrusted)', () => {
  for (const channel of CHANNELS) {
    for (const hostile of [null, 42, 'x', []]) {
      const parsed = api[channel].input.safeParse(hostile);
      assert.equal(parsed.success, false, `${channel} accepted ${JSON.stringify(hostile)}`);
      if (!parsed.success) assert.match(validationError(parsed.error).message, /^输入有误/);
    }
  }
});

test('inputs are trimmed and blanks become null, so "  " never lands in the database', () => {
  const parsed = api['people.create'].input.parse({ name: '  张三 ', position: '   ', idNumber: '' });
  assert.equal(parsed.name, '张三');
  assert.equal(parsed.position, null);
  assert.equal(parsed.idNumber, null);
});

test('INVALIDATES: each writing channel names only channels that read', () => {
  for (const [channel, stale] of Object.entries(INVALIDATES)) {
    assert.equal(api[channel as Channel].writes, true, `${channel} writes`);
    for (const c of stale) assert.equal(api[c].writes, false, `${channel} → ${c} is a query`);
  }
});

test('INVALIDATES: every write to a reply refetches the request and the lists that show its state', () => {
  const replyWrites = (Object.keys(api) as Channel[]).filter((c) => c.startsWith('opinionReplies.') && api[c].writes);
  assert.ok(replyWrites.length >= 10);
  for (const c of replyWrites) {
    for (const shown of ['opinionRequests.get', 'opinionRequests.list', 'opinionReplies.list', 'people.dossier', 'workBoard.get'] as const)
      assert.ok(INVALIDATES[c]?.includes(shown), `${c} → ${shown}`);
  }
  assert.ok(INVALIDATES['opinionReplies.recordChecks']?.includes('opinionReplies.lastCheckers'));
});
