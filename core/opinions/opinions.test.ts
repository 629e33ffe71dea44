import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeHost, type TestHost } from '../testing';

async function register(h: TestHost) {
  const finance = await h.call('units.create', { name: '市财政局' });
  const edu = await h.call('units.create', { name: '市教育局' });
  const town = await h.call('units.create', { name: '东湖镇人民政府' });
  const names: [string, string][] = [
    ['张三', finance.id],
    ['李四', finance.id],
    ['王五', edu.id],
    ['赵六', edu.id],
    ['孙七', town.id],
    ['周八', town.id],
    ['吴九', finance.id],
    ['郑十', edu.id],
    ['张伟', finance.id],
    ['张伟', town.id],
  ];
  const people: Record<string, string> = {};
  for (const [name, unitId] of names) {
    const p = await h.call('people.create', { name, unitId, politicalStatus: '中共党员', birthMonth: '1980-01' });
    people[`${name}@${unitId === finance.id ? '财政' : unitId === edu.id ? '教育' : '东湖'}`] = p.id;
    people[name] ??= p.id;
  }
  return { finance, edu, town, people };
}

test('sanctions: computed ends shown with how; impossible dates, unknown types and duplicate numbers refused', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const { people } = await register(h);
  const s = await h.call('sanctions.create', {
    personId: people['李四']!,
    category: 'party',
    type: '警告',
    decisionAuthority: '市纪委',
    decisionNumber: '市纪发〔2025〕3号',
    decisionDate: '2025-03-10',
    effectiveDate: '2025-03-15',
  });
  assert.equal(s.computed.promotionEnd, '2026-03-14');
  assert.equal(s.promotionEnd, '2026-03-14');
  assert.ok(s.computed.steps.join('').includes('12个月'));
  const bad = [
    [{ effectiveDate: '2025-03-01' }, 'effectiveDate', /不能早于决定日期/],
    [{ type: '罚款' }, 'type', /种类只能是/],
    [{ category: 'party', type: '留党察看' }, 'probationMonths', /察看期/],
    [{ category: 'party', type: '留党察看', probationMonths: 12, restorationDate: '2025-03-01' }, 'restorationDate', /应晚于/],
    [{ effectiveDate: '2025-02-30' }, 'effectiveDate', /有效日期/],
  ] as const;
  for (const [patch, field, message] of bad) {
    const env = await h.raw('sanctions.create', {
      personId: people['王五'],
      category: 'government',
      type: '记过',
      decisionAuthority: '市监委',
      decisionDate: '2025-03-10',
      effectiveDate: '2025-03-15',
      ...patch,
    });
    assert.ok(!env.ok, JSON.stringify(patch));
    assert.match(env.error.fields?.[field] ?? '', message, JSON.stringify(patch));
  }
  const dup = await h.raw('sanctions.create', {
    personId: people['王五'],
    category: 'government',
    type: '记过',
    decisionAuthority: '市监委',
    decisionNumber: '市纪发〔2025〕3号',
    decisionDate: '2025-03-10',
    effectiveDate: '2025-03-15',
  });
  assert.ok(!dup.ok && dup.error.code === 'CONFLICT' && dup.error.message.includes('李四'));
  assert.equal((await h.call('sanctions.list', { personId: people['王五']! })).length, 0);

  // override with a reason; without one it is refused
  const noReason = await h.raw('sanctions.override', { id: s.id, rev: s.rev, which: 'promotion', end: '2026-01-31' });
  assert.ok(!noReason.ok && noReason.error.fields?.reason);
  const o = await h.call('sanctions.override', {
    id: s.id,
    rev: s.rev,
    which: 'promotion',
    end: '2026-01-31',
    reason: '经复查，按党委决定提前',
  });
  assert.equal(o.promotionEnd, '2026-01-31');
  assert.equal(o.computed.promotionEnd, '2026-03-14');
  assert.equal(o.override.promotionReason, '经复查，按党委决定提前');
});

test('a 10-name request: paste, resolve ambiguous and unknown, propose, override with reason, review, issue, frozen', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const { people, finance } = await register(h);
  await h.call('sanctions.create', {
    personId: people['王五']!,
    category: 'government',
    type: '记过',
    decisionAuthority: '市监委',
    decisionDate: '2025-09-01',
    effectiveDate: '2025-09-01',
  });
  await h.call('pendingMatters.create', { personId: people['赵六']!, kind: 'lead', source: '信访举报转', receivedDate: '2025-10-01' });

  const lines = [
    '张三 市财政局 科长',
    '李四 市财政局 副局长',
    '王五 市教育局 科长',
    '赵六 市教育局 主任',
    '孙七 东湖镇 副镇长',
    '周八 东湖镇 站长',
    '吴九 市财政局 科员',
    '郑十 市教育局 科员',
    '张伟 宣传部 干事',
    '钱十一 市财政局 科员',
  ];
  const matched = await h.call('opinionRequests.matchLines', { lines });
  assert.equal(matched.length, 10);
  const byName = Object.fromEntries(matched.map((m) => [m.name, m]));
  assert.equal(byName['张三']!.status, 'matched');
  assert.equal(byName['张伟']!.status, 'ambiguous');
  assert.equal(byName['张伟']!.candidates.length, 2);
  assert.match(byName['张伟']!.message ?? '', /2名张伟/);
  assert.equal(byName['钱十一']!.status, 'unknown');

  // nothing saved before everything is resolved: a request needs persons
  const empty = await h.raw('opinionRequests.create', {
    requester: '市委组织部',
    title: '征求意见',
    receivedDate: '2025-11-03',
    purpose: '提拔',
    persons: [],
  });
  assert.ok(!empty.ok && empty.error.message.includes('至少要有一名人员'));

  const qian = await h.call('people.create', { name: '钱十一', unitId: finance.id });
  const persons = matched.map((m) => ({
    personId: m.name === '张伟' ? people['张伟@财政']! : m.name === '钱十一' ? qian.id : m.personId!,
    unitText: m.unitText,
    positionText: m.positionText,
  }));
  const request = await h.call('opinionRequests.create', {
    requester: '市委组织部',
    requesterDocNumber: '市组干函〔2025〕12号',
    title: '关于征求张三等同志党风廉政情况意见的函',
    receivedDate: '2025-11-07', // a Friday
    purpose: '提拔',
    persons,
  });
  assert.equal(request.dueDate, '2025-11-12'); // 3 working days: Mon, Tue, Wed
  assert.equal(request.persons.length, 10);
  const again = await h.raw('opinionRequests.create', {
    ...request,
    requesterDocNumber: '市组干函〔2025〕12号',
    persons: persons.slice(0, 1),
  });
  assert.ok(!again.ok && again.error.code === 'CONFLICT');

  let reply = await h.call('opinionReplies.create', { requestId: request.id, replyDate: '2025-11-10' });
  const item = (name: string) => reply.items.find((i) => i.person.name === name)!;
  assert.equal(item('张三').category, 'clear');
  assert.match(item('张三').wording, /未发现影响提拔使用的问题/);
  assert.equal(item('赵六').category, 'pending');
  assert.match(item('赵六').wording, /建议暂缓/);
  assert.equal(item('王五').category, 'barred');
  assert.match(item('王五').wording, /政务记过处分.*至2026年8月31日.*不宜提拔/);
  assert.deepEqual(reply.counts, { clear: 8, pending: 1, barred: 1, other: 0 });

  // override a category: needs a reason
  const z = item('张三');
  const noReason = await h.raw('opinionReplies.updateItem', {
    replyId: reply.id,
    itemId: z.id,
    rev: z.rev,
    category: 'other',
    wording: '另有情况，详见附件',
  });
  assert.ok(!noReason.ok && noReason.error.fields?.overrideReason);
  reply = await h.call('opinionReplies.updateItem', {
    replyId: reply.id,
    itemId: z.id,
    rev: z.rev,
    category: 'other',
    wording: '该同志近期有信访反映，经初核不属实。',
    overrideReason: '信访室口头告知有初核了结件',
  });
  assert.equal(item('张三').category, 'other');
  assert.equal(item('张三').proposedCategory, 'clear');

  // issuing without review is refused; review needs every section's check
  const early = await h.raw('opinionReplies.issue', { id: reply.id, rev: reply.rev, reviewedHash: reply.contentHash });
  assert.ok(!early.ok && early.error.message.includes('尚未审核'));
  const noChecks = await h.raw('opinionReplies.review', { id: reply.id, rev: reply.rev });
  assert.ok(!noChecks.ok && noChecks.error.message.includes('信访室'));
  for (const section of ['信访室', '案管室', '审理室']) {
    reply = await h.call('opinionReplies.recordCheck', { replyId: reply.id, section, checker: '李核查', checkedOn: '2025-11-10' });
  }
  reply = await h.call('opinionReplies.review', { id: reply.id, rev: reply.rev });
  assert.equal(reply.status, 'reviewed');
  reply = await h.call('opinionReplies.issue', { id: reply.id, rev: reply.rev, reviewedHash: reply.reviewedHash! });
  assert.equal(reply.status, 'issued');
  assert.match(reply.docNumber ?? '', /^某纪廉复〔\d{4}〕1号$/);

  // frozen: no edits
  const edit = await h.raw('opinionReplies.updateItem', {
    replyId: reply.id,
    itemId: z.id,
    rev: item('张三').rev,
    category: 'clear',
    wording: 'x',
  });
  assert.ok(!edit.ok && edit.error.message.includes('已签发'));

  // the person's page shows the opinion with its number
  const dossier = await h.call('people.dossier', { id: people['王五']! });
  assert.equal(dossier.sanctions.length, 1);
  assert.equal(dossier.opinions[0]!.docNumber, reply.docNumber);
  assert.equal(dossier.opinions[0]!.category, 'barred');

  // a correction is a new reply referencing the old; voiding keeps the number as 作废
  const correction = await h.call('opinionReplies.supersede', { id: reply.id, replyDate: '2025-11-12' });
  assert.equal(correction.supersedesDocNumber, reply.docNumber);
  const voided = await h.call('opinionReplies.void', { id: reply.id, rev: reply.rev, reason: '名单有误，另行更正' });
  assert.equal(voided.status, 'voided');
  const numbers = h.host.db.prepare('SELECT doc_number, status FROM doc_numbers').all();
  assert.deepEqual(numbers, [{ doc_number: reply.docNumber, status: '作废' }]);
});

test('roles are enforced: a 承办人 cannot review or issue; a 审核人 cannot issue', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const { people } = await register(h);
  await h.call('users.create', { username: 'clerk', displayName: '王承办', password: 'Clerk12345', roles: ['handler'] });
  await h.call('users.create', { username: 'chief', displayName: '李审核', password: 'Chief12345', roles: ['reviewer'] });
  await h.call('opinionSettings.update', { dueWorkingDays: 3, checkSections: [], holidays: [], workingWeekendDays: [] });
  await h.login('clerk', 'Clerk12345');
  const request = await h.call('opinionRequests.create', {
    requester: '市委组织部',
    title: '评先评优征求意见',
    receivedDate: '2025-12-01',
    purpose: '评先评优',
    persons: [{ personId: people['张三']! }],
  });
  const reply = await h.call('opinionReplies.create', { requestId: request.id, replyDate: '2025-12-02' });
  assert.match(reply.items[0]!.wording, /暂未发现违反廉洁纪律问题/);
  const review = await h.raw('opinionReplies.review', { id: reply.id, rev: reply.rev });
  assert.ok(!review.ok && review.error.code === 'FORBIDDEN');
  await h.login('chief', 'Chief12345');
  const reviewed = await h.call('opinionReplies.review', { id: reply.id, rev: reply.rev });
  const issue = await h.raw('opinionReplies.issue', { id: reply.id, rev: reviewed.rev, reviewedHash: reviewed.reviewedHash! });
  assert.ok(!issue.ok && issue.error.code === 'FORBIDDEN' && issue.error.message.includes('签发人'));
});

test('numbers run per year without gaps and are never reused', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const { people } = await register(h);
  await h.call('opinionSettings.update', { dueWorkingDays: 3, checkSections: [], holidays: [], workingWeekendDays: [] });
  const numbers: string[] = [];
  for (const name of ['张三', '李四', '王五']) {
    const request = await h.call('opinionRequests.create', {
      requester: '市委组织部',
      title: `关于${name}`,
      receivedDate: '2025-12-01',
      purpose: '提拔',
      persons: [{ personId: people[name]! }],
    });
    let reply = await h.call('opinionReplies.create', { requestId: request.id, replyDate: '2025-12-02' });
    reply = await h.call('opinionReplies.review', { id: reply.id, rev: reply.rev });
    reply = await h.call('opinionReplies.issue', { id: reply.id, rev: reply.rev, reviewedHash: reply.reviewedHash! });
    numbers.push(reply.docNumber!);
    if (name === '李四') await h.call('opinionReplies.void', { id: reply.id, rev: reply.rev, reason: '作废测试' });
  }
  assert.deepEqual(
    numbers.map((n) => n.replace(/^.*〕/, '')),
    ['1号', '2号', '3号'],
  );
});

test('a person with records on file cannot be deleted', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const { people } = await register(h);
  await h.call('pendingMatters.create', { personId: people['张三']!, kind: 'petition', receivedDate: '2025-10-01' });
  const env = await h.raw('people.delete', { id: people['张三'] });
  assert.ok(!env.ok && env.error.message.includes('1条在查事项'));
});

test('re-checking a draft picks up a sanction registered since; overrides stay; stale approvals are refused', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const { people } = await register(h);
  await h.call('opinionSettings.update', { dueWorkingDays: 3, checkSections: [], holidays: [], workingWeekendDays: [] });
  const request = await h.call('opinionRequests.create', {
    requester: '市委组织部',
    title: '征求意见',
    receivedDate: '2025-12-01',
    purpose: '提拔',
    persons: [{ personId: people['张三']! }, { personId: people['李四']! }],
  });
  let reply = await h.call('opinionReplies.create', { requestId: request.id, replyDate: '2025-12-02' });
  const seenByReviewer = reply.rev;
  const li = reply.items.find((i) => i.person.name === '李四')!;
  reply = await h.call('opinionReplies.updateItem', {
    replyId: reply.id,
    itemId: li.id,
    rev: li.rev,
    category: 'other',
    wording: '另有说明',
    overrideReason: '领导交办',
  });
  // the reviewer's copy is stale now
  const stale = await h.raw('opinionReplies.review', { id: reply.id, rev: seenByReviewer });
  assert.ok(!stale.ok && stale.error.code === 'CONFLICT');

  await h.call('sanctions.create', {
    personId: people['张三']!,
    category: 'admonition',
    type: '诫勉',
    decisionAuthority: '市委组织部',
    decisionDate: '2025-11-20',
    effectiveDate: '2025-11-20',
  });
  reply = await h.call('opinionReplies.reassess', { id: reply.id, rev: reply.rev, replyDate: '2025-12-03' });
  const zhang = reply.items.find((i) => i.person.name === '张三')!;
  assert.equal(zhang.category, 'barred');
  assert.match(zhang.wording, /诫勉/);
  const liAfter = reply.items.find((i) => i.person.name === '李四')!;
  assert.equal(liAfter.category, 'other');
  assert.equal(liAfter.overrideReason, '领导交办');
  assert.equal(reply.replyDate, '2025-12-03');
});
