import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeHost, type TestHost } from '../testing';

async function fiveUnits(h: TestHost) {
  const ids: string[] = [];
  for (const name of ['市财政局', '市教育局', '市公安局', '市民政局', '市审计局']) ids.push((await h.call('units.create', { name })).id);
  return ids;
}

const letter = {
  title: '关于2025年中秋国庆期间严明纪律要求的廉洁提醒函',
  kind: '节日提醒' as const,
  occasion: '中秋国庆' as const,
  year: 2025,
  letterDate: '2025-09-25',
  periodFrom: '2025-10-01',
  periodTo: '2025-10-08',
  keyPoints: ['严禁违规收送节礼', '严禁公款吃喝'],
  body: '中秋、国庆将至，为进一步严明纪律要求……',
};

test('a 中秋国庆 letter to 5 units: issue, 3 receipts → 60% and the 2 missing; receipts need an issued letter', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const units = await fiveUnits(h);
  let d = await h.call('reminderLetters.create', { ...letter, unitIds: units });
  assert.equal(d.addresseeCount, 5);
  const early = await h.raw('reminderLetters.recordReceipt', {
    addresseeId: d.addressees[0]!.id,
    rev: 1,
    receiptSigner: '张三',
    receiptDate: '2025-09-26',
  });
  assert.ok(!early.ok && early.error.message.includes('尚未印发'));
  d = await h.call('reminderLetters.issue', { id: d.id, rev: d.rev });
  assert.match(d.docNumber ?? '', /^某纪廉提〔\d{4}〕1号$/);
  for (const a of d.addressees.slice(0, 3)) {
    d = await h.call('reminderLetters.recordReceipt', {
      addresseeId: a.id,
      rev: a.rev,
      receiptSigner: '办公室王某',
      receiptDate: '2025-09-26',
    });
  }
  assert.equal(d.receivedCount, 3);
  assert.equal(d.receiptRate, 0.6);
  assert.deepEqual(
    d.missing.map((m) => m.name),
    ['市民政局', '市审计局'],
  );
  const before = await h.raw('reminderLetters.recordReceipt', {
    addresseeId: d.missing[0]!.id,
    rev: d.missing[0]!.rev,
    receiptSigner: 'x',
    receiptDate: '2025-09-01',
  });
  assert.ok(!before.ok && before.error.message.includes('不能早于'));
  // an addressee whose receipt is recorded cannot be removed; nothing changes
  const drop = await h.raw('reminderLetters.setAddressees', { id: d.id, unitIds: units.slice(1) });
  assert.ok(!drop.ok && drop.error.code === 'CONFLICT' && drop.error.message.includes('市财政局已签收'));
  assert.equal((await h.call('reminderLetters.get', { id: d.id })).addresseeCount, 5);
  // an issued letter is not edited
  const edit = await h.raw('reminderLetters.update', { id: d.id, rev: d.rev, ...letter, title: '改' });
  assert.ok(!edit.ok && edit.error.message.includes('已印发'));
  const list = await h.call('reminderLetters.list', { year: 2025 });
  assert.equal(list.items[0]!.receiptRate, 0.6);
});

test('工作提醒函 needs a feedback deadline; overdue feedback is flagged', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const units = await fiveUnits(h);
  const noDue = await h.raw('reminderLetters.create', { ...letter, kind: '工作提醒函', occasion: '其他', unitIds: units });
  assert.ok(!noDue.ok && noDue.error.fields?.feedbackDueDate);
  let d = await h.call('reminderLetters.create', {
    ...letter,
    kind: '工作提醒函',
    occasion: '其他',
    feedbackDueDate: '2025-10-15',
    unitIds: units.slice(0, 2),
  });
  d = await h.call('reminderLetters.issue', { id: d.id, rev: d.rev });
  assert.ok(d.addressees.every((a) => a.feedbackDueDate === '2025-10-15' && a.feedbackOverdue)); // today is past 2025-10-15
  const a = d.addressees[0]!;
  d = await h.call('reminderLetters.recordReceipt', {
    addresseeId: a.id,
    rev: a.rev,
    receiptSigner: '李四',
    receiptDate: '2025-09-26',
    feedbackDueDate: '2025-10-15',
    feedbackDate: '2025-10-10',
  });
  assert.equal(d.feedbackOverdueCount, 1);
});

test('reuse: next year starts from last year’s letter for the same occasion', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const units = await fiveUnits(h);
  const last = await h.call('reminderLetters.create', { ...letter, unitIds: units.slice(0, 2) });
  await h.call('reminderLetters.issue', { id: last.id, rev: last.rev });
  const found = await h.call('reminderLetters.lastForOccasion', { occasion: '中秋国庆', beforeYear: 2026 });
  assert.equal(found?.id, last.id);
  const copy = await h.call('reminderLetters.copy', { sourceId: last.id, year: 2026, letterDate: '2026-09-20' });
  assert.equal(copy.title, '关于2026年中秋国庆期间严明纪律要求的廉洁提醒函');
  assert.deepEqual(copy.keyPoints, letter.keyPoints);
  assert.equal(copy.addresseeCount, 2);
  assert.equal(copy.status, 'draft');
  assert.equal(copy.derivedFromId, last.id);
  // a copied 工作提醒函 has no deadline yet and is not issued without one
  const work = await h.call('reminderLetters.create', {
    ...letter,
    kind: '工作提醒函',
    occasion: '其他',
    feedbackDueDate: '2025-10-15',
    unitIds: units.slice(0, 1),
  });
  await h.call('reminderLetters.issue', { id: work.id, rev: work.rev });
  const workCopy = await h.call('reminderLetters.copy', { sourceId: work.id, year: 2026, letterDate: '2026-09-20' });
  assert.equal(workCopy.feedbackDueDate, null);
  const noDue = await h.raw('reminderLetters.issue', { id: workCopy.id, rev: workCopy.rev });
  assert.ok(!noDue.ok && noDue.error.message.includes('反馈期限'));
});

test('the reusable 严禁 list refuses duplicates', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  await h.call('reminderPoints.create', { text: '严禁违规收送节礼' });
  const dup = await h.raw('reminderPoints.create', { text: '严禁违规收送节礼' });
  assert.ok(!dup.ok && dup.error.code === 'CONFLICT');
  assert.equal((await h.call('reminderPoints.list', {})).length, 1);
});
