import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeHost, type TestHost } from '../testing';
import type { RecyclableEntity } from './contract';

/** A 警告 decided and in force that day, under the one 决定文号 these tests use. */
const warning = (h: TestHost, personId: string, day: string) =>
  h.call('sanctions.create', {
    personId,
    category: 'party',
    type: '警告',
    decisionAuthority: '市纪委',
    decisionNumber: '市纪发〔2025〕1号',
    decisionDate: day,
    effectiveDate: day,
  });

/** Every kind the 回收站 holds, deleted through its own channel. */
async function fillBin(h: TestHost) {
  const top = await h.call('units.create', { name: '市财政局' });
  const office = await h.call('units.create', { name: '办公室', parentId: top.id });
  const zhang = await h.call('people.create', { name: '张三', unitId: office.id, position: '科长', idNumber: '11010519491231002X' });
  const li = await h.call('people.create', { name: '李四', unitId: top.id });
  const sanction = await warning(h, zhang.id, '2025-01-10');
  const matter = await h.call('pendingMatters.create', { personId: zhang.id, kind: 'petition', receivedDate: '2025-03-01' });
  const clearance = await h.call('clearances.create', {
    personId: zhang.id,
    pendingMatterId: matter.id,
    clearDate: '2025-04-10',
    form: '会议',
  });
  const revisit = await h.call('revisits.create', {
    personId: zhang.id,
    sanctionId: sanction.id,
    visitDate: '2025-05-01',
    visitors: '王五',
  });
  const request = await h.call('opinionRequests.create', {
    requester: '市委组织部',
    requesterDocNumber: '市组函〔2025〕9号',
    title: '关于征求李四同志党风廉政意见的函',
    receivedDate: '2025-06-30',
    purpose: '提拔',
    persons: [{ personId: li.id }],
  });
  const letter = await h.call('reminderLetters.create', {
    title: '廉洁提醒函',
    kind: '节日提醒',
    occasion: '元旦春节',
    year: 2025,
    letterDate: '2025-12-30',
    body: '元旦、春节将至……',
  });
  const campaign = await h.call('pledgeCampaigns.create', {
    pledgeType: '廉洁过节',
    title: '2025年廉洁过节承诺',
    year: 2025,
    startDate: '2025-01-10',
    templateText: '本人承诺……',
  });
  await h.call('revisits.delete', { id: revisit.id });
  await h.call('clearances.delete', { id: clearance.id });
  await h.call('sanctions.delete', { id: sanction.id });
  await h.call('pendingMatters.delete', { id: matter.id });
  await h.call('opinionRequests.delete', { id: request.id });
  await h.call('reminderLetters.delete', { id: letter.id });
  await h.call('pledgeCampaigns.delete', { id: campaign.id });
  await h.call('people.delete', { id: zhang.id });
  await h.call('units.delete', { id: office.id });
  return { top, office, zhang, li, sanction, matter, clearance, revisit, request };
}

test('回收站 lists every kind with its name and detail, and the list filters by kind', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  await fillBin(h);
  const bin = await h.call('recycleBin.list', { pageSize: 50 });
  assert.deepEqual(bin.items.map((i) => [i.entity, i.title, i.detail]).sort(), [
    ['clearance', '张三：澄清正名', '会议 2025-04-10'],
    ['opinionRequest', '关于征求李四同志党风廉政意见的函', '市委组织部 市组函〔2025〕9号'],
    ['pendingMatter', '张三：信访举报', '2025-03-01'],
    ['person', '张三', '办公室 科长'],
    ['pledgeCampaign', '2025年廉洁过节承诺', '廉洁过节 2025'],
    ['reminderLetter', '廉洁提醒函', '元旦春节 2025'],
    ['revisit', '张三：暖心回访', '王五 2025-05-01'],
    ['sanction', '张三：警告', '市纪委 2025-01-10'],
    ['unit', '办公室', '市财政局'],
  ]);
  const sanctions = await h.call('recycleBin.list', { entity: 'sanction' });
  assert.deepEqual(
    sanctions.items.map((i) => i.title),
    ['张三：警告'],
  );
});

test('a record comes back only after what it refers to, and never over a number taken meanwhile: each refusal says why in Chinese', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const s = await fillBin(h);
  const refusal = async (entity: RecyclableEntity, id: string) => {
    const r = await h.raw('recycleBin.restore', { entity, id });
    assert.ok(!r.ok && r.error.code === 'CONFLICT', `restoring ${entity} should be refused`);
    return r.error.message;
  };

  // the person first, then the records on the file; the person's unit before the person
  assert.equal(await refusal('revisit', s.revisit.id), '该回访记录所属的人员“张三”也在回收站中，请先恢复该人员。');
  assert.equal(await refusal('sanction', s.sanction.id), '该处分记录所属的人员“张三”也在回收站中，请先恢复该人员。');
  assert.equal(await refusal('pendingMatter', s.matter.id), '该在查事项所属的人员“张三”也在回收站中，请先恢复该人员。');
  assert.equal(await refusal('clearance', s.clearance.id), '该澄清正名记录所属的人员“张三”也在回收站中，请先恢复该人员。');
  assert.equal(await refusal('person', s.zhang.id), '“张三”所属的单位“办公室”也在回收站中，请先恢复该单位。');

  // a sibling took the unit's name, another person its 身份证号, another request its 来函文号
  const clash = await h.call('units.create', { name: '办公室', parentId: s.top.id });
  assert.equal(await refusal('unit', s.office.id), '同一上级单位下已有名为“办公室”的单位，无法恢复。请先改名后再试。');
  await h.call('units.delete', { id: clash.id });
  await h.call('recycleBin.restore', { entity: 'unit', id: s.office.id });
  const wang = await h.call('people.create', { name: '王五', idNumber: '11010519491231002X' });
  assert.equal(await refusal('person', s.zhang.id), '人员库中的“王五”已使用相同的身份证号，无法恢复“张三”。');
  await h.call('people.delete', { id: wang.id });
  await h.call('recycleBin.restore', { entity: 'person', id: s.zhang.id });
  const again = await h.call('opinionRequests.create', {
    requester: '市委组织部',
    requesterDocNumber: '市组函〔2025〕9号',
    title: '重新登记',
    receivedDate: '2025-07-01',
    purpose: '提拔',
    persons: [{ personId: s.li.id }],
  });
  assert.equal(await refusal('opinionRequest', s.request.id), '来函“市组函〔2025〕9号”已重新登记，无法恢复。');
  await h.call('opinionRequests.delete', { id: again.id });
  await h.call('recycleBin.restore', { entity: 'opinionRequest', id: s.request.id });

  // the referred record before the one that refers to it
  assert.equal(await refusal('revisit', s.revisit.id), '该回访所跟进的处分记录也在回收站中，请先恢复该处分记录。');
  assert.equal(await refusal('clearance', s.clearance.id), '该澄清正名所对应的在查事项也在回收站中，请先恢复该事项。');
  const other = await warning(h, s.li.id, '2025-02-10');
  assert.equal(await refusal('sanction', s.sanction.id), '决定文号“市纪发〔2025〕1号”已被另一条处分记录使用，无法恢复。');
  await h.call('sanctions.delete', { id: other.id });

  // a refusal writes nothing: all refused is still in the 回收站 (beside the clashing records deleted since)
  assert.deepEqual((await h.call('recycleBin.list', { pageSize: 50 })).items.map((i) => [i.entity, i.title]).sort(), [
    ['clearance', '张三：澄清正名'],
    ['opinionRequest', '重新登记'],
    ['pendingMatter', '张三：信访举报'],
    ['person', '王五'],
    ['pledgeCampaign', '2025年廉洁过节承诺'],
    ['reminderLetter', '廉洁提醒函'],
    ['revisit', '张三：暖心回访'],
    ['sanction', '张三：警告'],
    ['sanction', '李四：警告'],
    ['unit', '办公室'],
  ]);

  for (const [entity, id] of [
    ['sanction', s.sanction.id],
    ['pendingMatter', s.matter.id],
    ['revisit', s.revisit.id],
    ['clearance', s.clearance.id],
  ] as const)
    await h.call('recycleBin.restore', { entity, id });
  const dossier = await h.call('people.dossier', { id: s.zhang.id });
  assert.deepEqual([dossier.sanctions.length, dossier.clearances.length, dossier.revisits.length], [1, 1, 1]);
});
