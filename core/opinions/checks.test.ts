import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeHost } from '../testing';

test('sections checked in one step, all or none; each section remembers its last checker', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const settings = await h.call('opinionSettings.get', {});
  await h.call('opinionSettings.update', { ...settings, checkSections: ['信访室', '案管室', '审理室'] });
  const unit = await h.call('units.create', { name: '县财政局' });
  const p = await h.call('people.create', { name: '张伟', unitId: unit.id });
  const request = await h.call('opinionRequests.create', {
    requester: '县委组织部',
    title: '函一',
    receivedDate: '2026-12-01',
    purpose: '提拔',
    persons: [{ personId: p.id }],
  });
  const reply = await h.call('opinionReplies.create', { requestId: request.id, replyDate: '2026-12-02' });
  assert.deepEqual(await h.call('opinionReplies.lastCheckers', {}), {});

  // A bad date in one check refuses the whole step: nothing is registered.
  await assert.rejects(
    h.call('opinionReplies.recordChecks', {
      replyId: reply.id,
      checks: [
        { section: '信访室', checker: '孙信访', checkedOn: '2026-12-02' },
        { section: '案管室', checker: '钱案管', checkedOn: '2026-02-30' },
      ],
    }),
    /核查日期应为有效日期/,
  );
  assert.deepEqual((await h.call('opinionReplies.get', { id: reply.id })).checks, []);

  const done = await h.call('opinionReplies.recordChecks', {
    replyId: reply.id,
    checks: [
      { section: '信访室', checker: '孙信访', checkedOn: '2026-12-02' },
      { section: '案管室', checker: '钱案管', checkedOn: '2026-12-02' },
      { section: '审理室', checker: '李审理', checkedOn: '2026-12-02', note: '无' },
    ],
  });
  assert.deepEqual(done.missingSections, []);
  assert.equal(done.checks.length, 3);
  assert.deepEqual(await h.call('opinionReplies.lastCheckers', {}), { 信访室: '孙信访', 案管室: '钱案管', 审理室: '李审理' });

  // A later reply signed by someone else: that name is remembered.
  const request2 = await h.call('opinionRequests.create', {
    requester: '县委组织部',
    title: '函二',
    receivedDate: '2026-12-03',
    purpose: '提拔',
    persons: [{ personId: p.id }],
  });
  const reply2 = await h.call('opinionReplies.create', { requestId: request2.id, replyDate: '2026-12-04' });
  await h.call('opinionReplies.recordCheck', { replyId: reply2.id, section: '信访室', checker: '周信访', checkedOn: '2026-12-04' });
  assert.equal((await h.call('opinionReplies.lastCheckers', {}))['信访室'], '周信访');

  // Duplicated sections are refused.
  await assert.rejects(
    h.call('opinionReplies.recordChecks', {
      replyId: reply2.id,
      checks: [
        { section: '案管室', checker: '钱案管', checkedOn: '2026-12-04' },
        { section: '案管室', checker: '钱案管', checkedOn: '2026-12-04' },
      ],
    }),
    /科室重复/,
  );
});
