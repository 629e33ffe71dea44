/**
 * Issue 11 through the real host and SQLite file: the 评先评优 setting recomputes every
 * record and keeps the old ends in history; a pending matter keeps its history and a reply
 * reads the state on its date; the proposal records the setting it was made with.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeHost, type TestHost } from '../testing';

async function person(h: TestHost, name: string) {
  const unit = await h.call('units.create', { name: `${name}单位` });
  return (await h.call('people.create', { name, unitId: unit.id, politicalStatus: '中共党员', birthMonth: '1980-01' })).id;
}

async function reply(h: TestHost, personId: string, _name: string, purpose: '提拔' | '评先评优', replyDate: string, n: number) {
  const request = await h.call('opinionRequests.create', {
    requester: '市委组织部',
    requesterDocNumber: `市组干函〔2025〕${n}号`,
    title: '征求意见',
    receivedDate: replyDate,
    purpose,
    persons: [{ personId, unitText: null, positionText: null }],
  });
  const r = await h.call('opinionReplies.create', { requestId: request.id, replyDate });
  return r.items[0]!;
}

test('评先评优 setting: changing it recomputes every record, keeps the old end and version in history, and the proposal records it', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const id = await person(h, '钱一');
  const s = await h.call('sanctions.create', {
    personId: id,
    category: 'party',
    type: '严重警告',
    decisionAuthority: '市纪委',
    decisionDate: '2024-03-15',
    effectiveDate: '2024-03-15',
  });
  assert.equal(s.computed.ruleVersion, '2026.1');
  assert.equal(s.commendationEnd, '2025-09-14');
  assert.equal(s.computed.commendationReading, 'wholeImpactPeriod');
  assert.deepEqual(s.computed.history, []);

  const barred = await reply(h, id, '钱一', '评先评优', '2025-01-10', 1);
  assert.equal(barred.category, 'barred');
  assert.equal(barred.findings.commendationReading, 'wholeImpactPeriod');

  assert.deepEqual(await h.call('impactSettings.get', {}), { commendationReading: 'wholeImpactPeriod' });
  await h.call('impactSettings.update', { commendationReading: 'annualGrading' });
  const [after] = await h.call('sanctions.list', { personId: id });
  assert.equal(after!.commendationEnd, '2024-12-31');
  assert.equal(after!.promotionEnd, '2025-09-14');
  assert.equal(after!.computed.history.length, 1);
  assert.deepEqual(
    { cause: after!.computed.history[0]!.cause, old: after!.computed.history[0]!.old, new: after!.computed.history[0]!.new },
    {
      cause: 'setting',
      old: { promotionEnd: '2025-09-14', commendationEnd: '2025-09-14', ruleVersion: '2026.1' },
      new: { promotionEnd: '2025-09-14', commendationEnd: '2024-12-31', ruleVersion: '2026.1' },
    },
  );
  const clear = await reply(h, id, '钱一', '评先评优', '2025-01-13', 2);
  assert.equal(clear.category, 'clear');
  assert.equal(clear.findings.commendationReading, 'annualGrading');
  assert.ok(!clear.wording.includes('已满'), clear.wording);

  // Only an administrator changes it; a bad value gets a Chinese message.
  const bad = await h.raw('impactSettings.update', { commendationReading: 'sometimes' });
  assert.ok(!bad.ok && bad.error.code === 'VALIDATION' && /评先评优/.test(bad.error.message));
});

test('pending matters keep their history; a reply reads the state on its date', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const id = await person(h, '孙二');
  const lead = await h.call('pendingMatters.create', {
    personId: id,
    kind: 'lead',
    receivedDate: '2025-01-01',
    summary: '反映违规收受礼金',
  });
  assert.deepEqual(
    lead.history.map((e) => [e.date, e.kind, e.status]),
    [['2025-01-01', 'received', '在办']],
  );
  const closed = await h.call('pendingMatters.update', { ...lead, status: '已办结', closedDate: '2025-09-01', closingResult: '予以了结' });
  assert.deepEqual(
    closed.history.map((e) => [e.date, e.kind, e.status]),
    [
      ['2025-01-01', 'received', '在办'],
      ['2025-09-01', 'closed', '已办结'],
    ],
  );
  // A correction of the 办结日期 corrects the event it dates, not a second closing.
  const corrected = await h.call('pendingMatters.update', { ...closed, closedDate: '2025-08-20' });
  assert.deepEqual(
    corrected.history.map((e) => e.date),
    ['2025-01-01', '2025-08-20'],
  );

  const june = await reply(h, id, '孙二', '提拔', '2025-06-01', 3);
  assert.equal(june.category, 'pending');
  assert.equal(june.wording, '有反映问题正在核查（问题线索），建议暂缓。');
  const september = await reply(h, id, '孙二', '提拔', '2025-09-01', 4);
  assert.equal(september.category, 'clear');
});
