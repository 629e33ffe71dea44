import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeHost } from '../testing';
import { endOfWeek } from './board';

/** Wednesday 9 December 2026, 10:00 local time. */
const NOW = new Date(2026, 11, 9, 10, 0, 0);

test('the week ends on Sunday', () => {
  assert.equal(endOfWeek('2026-12-09'), '2026-12-13');
  assert.equal(endOfWeek('2026-12-13'), '2026-12-13');
  assert.equal(endOfWeek('2026-12-14'), '2026-12-20');
});

test('work board: overdue and due-this-week requests, replies by role, impact periods ending this month', async (t) => {
  const h = await makeHost({ now: () => NOW });
  t.after(() => h.close());
  const settings = await h.call('opinionSettings.get', {});
  await h.call('opinionSettings.update', { ...settings, dueWorkingDays: 1, checkSections: ['信访室', '案管室'] });
  const unit = await h.call('units.create', { name: '县财政局' });
  const zhang = await h.call('people.create', { name: '张伟', unitId: unit.id });
  const li = await h.call('people.create', { name: '李四', unitId: unit.id });
  const request = (title: string, receivedDate: string, personId: string) =>
    h.call('opinionRequests.create', { requester: '县委组织部', title, receivedDate, purpose: '提拔', persons: [{ personId }] });
  const late = await request('逾期的函', '2026-12-01', zhang.id);
  const soon = await request('本周到期的函', '2026-12-08', li.id);
  await h.call('sanctions.create', {
    personId: zhang.id,
    category: 'government',
    type: '记过',
    decisionAuthority: '县监委',
    decisionDate: '2025-12-01',
    effectiveDate: '2025-12-10',
  });

  let board = await h.call('workBoard.get', {});
  const lineOf = (key: string) => board.lines.find((l) => l.key === key);
  assert.deepEqual(
    lineOf('requestsOverdue')!.items.map((i) => i.text),
    ['逾期的函'],
  );
  assert.deepEqual(
    lineOf('requestsDueThisWeek')!.items.map((i) => i.text),
    ['本周到期的函'],
  );
  assert.deepEqual(
    lineOf('repliesToDraft')!.items.map((i) => i.detail),
    ['县委组织部\u3000尚未拟办', '县委组织部\u3000尚未拟办'],
  );
  assert.deepEqual(lineOf('sanctionsEnding')!.items, [
    {
      key: lineOf('sanctionsEnding')!.items[0]!.key,
      text: '张伟',
      detail: '记过，影响期至2026年12月9日',
      target: { kind: 'person', personId: zhang.id },
    },
  ]);

  // A draft with its checks done is ready for review; reviewed, it waits for the signer.
  const reply = await h.call('opinionReplies.create', { requestId: late.id, replyDate: '2026-12-09' });
  board = await h.call('workBoard.get', {});
  assert.equal(lineOf('repliesToDraft')!.items.find((i) => i.key === reply.id)?.detail, '县委组织部\u30001人\u3000科室核查0/2');
  assert.equal(lineOf('repliesToReview')!.count, 0);
  for (const section of ['信访室', '案管室'])
    await h.call('opinionReplies.recordCheck', { replyId: reply.id, section, checker: '王五', checkedOn: '2026-12-09' });
  board = await h.call('workBoard.get', {});
  assert.deepEqual(
    lineOf('repliesToReview')!.items.map((i) => i.target),
    [{ kind: 'request', requestId: late.id, replyId: reply.id }],
  );
  const fresh = await h.call('opinionReplies.get', { id: reply.id });
  await h.call('opinionReplies.review', { id: reply.id, rev: fresh.rev });
  board = await h.call('workBoard.get', {});
  assert.equal(lineOf('repliesToReview')!.count, 0);
  assert.deepEqual(
    lineOf('repliesToSign')!.items.map((i) => i.text),
    ['逾期的函'],
  );

  // A review-only account sees only what it reviews.
  await h.call('users.create', { username: 'shenhe', displayName: '审核员', password: 'Review2026', roles: ['reviewer'] });
  await h.login('shenhe', 'Review2026');
  board = await h.call('workBoard.get', {});
  assert.deepEqual(
    board.lines.map((l) => l.key),
    ['repliesToReview'],
  );
  assert.ok(soon.id);
});

test('work board: a pledge campaign is listed while below its 目标签订率, with the names not yet signed', async (t) => {
  const h = await makeHost({ now: () => NOW });
  t.after(() => h.close());
  const unit = await h.call('units.create', { name: '县财政局' });
  for (const name of ['张伟', '李娜', '王强', '赵敏']) await h.call('people.create', { name, unitId: unit.id });
  const campaign = (targetRate: number, title: string) =>
    h.call('pledgeCampaigns.create', {
      pledgeType: '领导干部廉政承诺',
      title,
      year: 2026,
      startDate: '2026-12-01',
      templateText: '……',
      targetRate,
    });
  const strict = await campaign(100, '全员签订');
  const loose = await campaign(75, '七成五即可');
  assert.equal(loose.targetRate, 75);
  for (const c of [strict, loose]) {
    await h.call('pledgeRoster.add', { campaignId: c.id, unitIds: [unit.id] });
    const roster = (await h.call('pledgeRoster.list', { campaignId: c.id })).items.filter((r) => ['张伟', '李娜'].includes(r.person.name));
    // Two signed of four: 50%, below both targets.
    await h.call('pledgeRoster.bulkSignoff', { campaignId: c.id, rosterIds: roster.map((r) => r.id), signedDate: '2026-12-02' });
  }
  const pledgeLine = async () => (await h.call('workBoard.get', {})).lines.find((l) => l.key === 'pledgesIncomplete')!;
  let board = await pledgeLine();
  assert.equal(board.title, '未达签订目标的承诺书');
  const detail = board.items.find((i) => i.key === loose.id)!.detail;
  assert.match(detail, /^已签2\/4人，目标75%（3人），还差1人；未签：/);
  assert.deepEqual(
    detail
      .replace(/^.*未签：/, '')
      .split('、')
      .sort(),
    ['王强', '赵敏'].sort(),
  );
  assert.deepEqual(board.items.find((i) => i.key === loose.id)!.target, { kind: 'campaign', campaignId: loose.id });

  // A third signature reaches 75%: that campaign leaves the board, the 100% one stays.
  for (const c of [strict, loose]) {
    const wang = (await h.call('pledgeRoster.list', { campaignId: c.id, query: '王强' })).items[0]!;
    await h.call('pledgeRoster.signoff', { rosterId: wang.id, rev: wang.rev, signed: true, signedDate: '2026-12-03' });
  }
  board = await pledgeLine();
  assert.deepEqual(
    board.items.map((i) => [i.text, i.detail]),
    [['全员签订', '已签3/4人，目标100%（4人），还差1人；未签：赵敏']],
  );
  assert.equal((await h.call('pledgeCampaigns.get', { id: strict.id })).targetCount, 4);

  // A target outside 1–100 is refused with a Chinese message.
  const bad = await h.raw('pledgeCampaigns.create', {
    pledgeType: '领导干部廉政承诺',
    title: '错的目标',
    year: 2026,
    startDate: '2026-12-01',
    templateText: '……',
    targetRate: 120,
  });
  assert.ok(!bad.ok && bad.error.message.includes('目标签订率应在1%至100%之间'));
});
