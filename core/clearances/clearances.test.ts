import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeHost } from '../testing';

test('澄清正名 and 暖心回访: validated, audited, in the dossier, to the 回收站 and back', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const unit = await h.call('units.create', { name: '市财政局' });
  const zhang = await h.call('people.create', { name: '张三', unitId: unit.id });
  const li = await h.call('people.create', { name: '李四', unitId: unit.id });
  const matter = await h.call('pendingMatters.create', {
    personId: zhang.id,
    kind: 'petition',
    receivedDate: '2025-03-01',
    status: '已办结',
    closedDate: '2025-04-01',
    closingResult: '反映不实，予以澄清',
  });

  // bad input: a form that does not exist, a matter of someone else, a date before the matter
  const badForm = await h.raw('clearances.create', { personId: zhang.id, clearDate: '2025-04-10', form: '口头' });
  assert.ok(!badForm.ok && badForm.error.message.includes('澄清方式只能是'));
  const otherMatter = await h.raw('clearances.create', {
    personId: li.id,
    pendingMatterId: matter.id,
    clearDate: '2025-04-10',
    form: '会议',
  });
  assert.ok(!otherMatter.ok && otherMatter.error.message.includes('不是该人员的'));
  const early = await h.raw('clearances.create', { personId: zhang.id, pendingMatterId: matter.id, clearDate: '2025-02-01', form: '会议' });
  assert.ok(!early.ok && early.error.fields?.clearDate);

  const c = await h.call('clearances.create', {
    personId: zhang.id,
    pendingMatterId: matter.id,
    clearDate: '2025-04-10',
    form: '会议',
    unitInformed: '市财政局',
  });
  assert.equal(c.matterLabel, '信访举报（2025-03-01受理）');
  const edited = await h.call('clearances.update', { ...c, form: '书面', rev: c.rev });
  assert.equal(edited.form, '书面');
  const stale = await h.raw('clearances.update', { ...c, rev: c.rev });
  assert.ok(!stale.ok && stale.error.code === 'CONFLICT');

  const sanction = await h.call('sanctions.create', {
    personId: li.id,
    category: 'party',
    type: '警告',
    decisionAuthority: '市纪委',
    decisionDate: '2025-01-10',
    effectiveDate: '2025-01-10',
  });
  const noVisitor = await h.raw('revisits.create', { personId: li.id, sanctionId: sanction.id, visitDate: '2025-05-01', visitors: ' ' });
  assert.ok(!noVisitor.ok && noVisitor.error.message.includes('请填写回访人'));
  const wrongPerson = await h.raw('revisits.create', {
    personId: zhang.id,
    sanctionId: sanction.id,
    visitDate: '2025-05-01',
    visitors: '王五',
  });
  assert.ok(!wrongPerson.ok && wrongPerson.error.message.includes('不是该人员的'));

  // not visited yet: listed as due six months (the default) after the decision
  assert.deepEqual(
    (await h.call('revisits.due', { asOf: '2025-12-31' })).map((d) => [d.personName, d.dueBy]),
    [['李四', '2025-07-10']],
  );
  const v = await h.call('revisits.create', {
    personId: li.id,
    sanctionId: sanction.id,
    visitDate: '2025-05-01',
    visitors: '王五',
    notes: '思想稳定',
  });
  assert.equal(v.sanctionLabel, '党纪处分·警告（2025-01-10生效）');
  assert.deepEqual(await h.call('revisits.due', { asOf: '2025-12-31' }), []);

  const dossier = await h.call('people.dossier', { id: li.id });
  assert.deepEqual(
    dossier.revisits.map((r) => r.id),
    [v.id],
  );
  assert.deepEqual(
    (await h.call('people.dossier', { id: zhang.id })).clearances.map((r) => r.id),
    [c.id],
  );

  // every change is in the audit log
  const audited = h.host.db.prepare("SELECT action FROM audit_log WHERE entity IN ('clearances', 'revisits') ORDER BY seq").pluck().all();
  assert.deepEqual(audited, ['create', 'update', 'create']);

  await h.call('clearances.delete', { id: c.id });
  await h.call('revisits.delete', { id: v.id });
  assert.equal((await h.call('people.dossier', { id: zhang.id })).clearances.length, 0);
  const bin = await h.call('recycleBin.list', {});
  assert.deepEqual(bin.items.map((i) => i.title).sort(), ['张三：澄清正名', '李四：暖心回访']);
  await h.call('recycleBin.restore', { entity: 'clearance', id: c.id });
  await h.call('recycleBin.restore', { entity: 'revisit', id: v.id });
  assert.equal((await h.call('people.dossier', { id: zhang.id })).clearances.length, 1);
  assert.equal((await h.call('people.dossier', { id: li.id })).revisits.length, 1);
});

test('records on a person’s file: a deleted person or record is refused in Chinese, nothing written', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const gone = await h.call('people.create', { name: '王五' });
  await h.call('people.delete', { id: gone.id });
  const noPerson = await h.raw('clearances.create', { personId: gone.id, clearDate: '2025-04-10', form: '会议' });
  assert.ok(!noPerson.ok && noPerson.error.code === 'VALIDATION' && noPerson.error.fields?.personId === '人员不存在');

  const zhang = await h.call('people.create', { name: '张三' });
  const c = await h.call('clearances.create', { personId: zhang.id, clearDate: '2025-04-10', form: '会议' });
  await h.call('clearances.delete', { id: c.id });
  const again = await h.raw('clearances.update', { ...c, id: c.id, rev: c.rev });
  assert.ok(!again.ok && again.error.code === 'NOT_FOUND' && again.error.message === '澄清正名记录不存在或已被删除。');
  const twice = await h.raw('revisits.delete', { id: c.id });
  assert.ok(!twice.ok && twice.error.message === '回访记录不存在或已被删除。');
  assert.equal((await h.call('clearances.list', { personId: zhang.id })).length, 0);
});
