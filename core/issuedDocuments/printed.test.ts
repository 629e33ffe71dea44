/**
 * Issue 14: batches of issued replies, the 签收单 of an issued 提醒函 and pre-filled 承诺书
 * are kept as first printed (printed_documents): a later print of the same content returns
 * those bytes. Real host, real SQLite file, the real PDF writer (which gives the same pages
 * the same bytes anyway: the kept copy is checked in printed_documents, not by the bytes alone).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeHost, type TestHost } from '../testing';
import { measurePdf } from '../print/testing/pdfMeasure';
import { sha256Hex } from '../shared/canonical';

const now = () => new Date('2025-07-01T09:00:00+08:00');

const bytes = (f: { pdfBase64: string }) => Buffer.from(f.pdfBase64, 'base64');
const textOf = async (f: { pdfBase64: string }) => (await measurePdf(bytes(f))).map((p) => p.text.replace(/\s/g, '')).join('');
const kept = (h: TestHost, kind: string) =>
  h.host.db.prepare('SELECT count(*) FROM printed_documents WHERE kind = ?').pluck().get(kind) as number;

async function issuedReplies(h: TestHost, n: number) {
  await h.call('opinionSettings.update', { dueWorkingDays: 3, checkSections: [], holidays: [], workingWeekendDays: [] });
  const unit = await h.call('units.create', { name: '市财政局' });
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const p = await h.call('people.create', { name: `张${'一二三四'[i]}`, unitId: unit.id, position: '科长' });
    const request = await h.call('opinionRequests.create', {
      requester: '市委组织部',
      requesterDocNumber: `市组函〔2025〕${i + 1}号`,
      title: '关于征求有关同志党风廉政意见的函',
      receivedDate: '2025-06-30',
      purpose: '提拔',
      persons: [{ personId: p.id }],
    });
    const draft = await h.call('opinionReplies.create', { requestId: request.id, replyDate: '2025-07-01' });
    const reviewed = await h.call('opinionReplies.review', { id: draft.id, rev: draft.rev, contentHash: draft.contentHash });
    ids.push((await h.call('opinionReplies.issue', { id: reviewed.id, rev: reviewed.rev, reviewedHash: reviewed.reviewedHash! })).id);
  }
  return { unit, ids };
}

/** 批量打印: the replyLetters kind as a PDF job (print.pdfStart), polled to its end. */
async function batchPdf(h: TestHost, replyIds: string[]) {
  const job = await h.call('print.pdfStart', { request: { kind: 'replyLetters', replyIds, duplex: false } });
  let status = job;
  while (status.state === 'running') {
    await new Promise((r) => setTimeout(r, 100));
    status = await h.call('print.pdfJob', { jobId: job.id });
  }
  assert.equal(status.state, 'done', status.error?.message ?? '');
  return status.result!;
}

test('a batch of issued replies prints the same bytes every time, through the job and through print.pdf', async (t) => {
  const h = await makeHost({ now });
  t.after(() => h.close());
  const { ids } = await issuedReplies(h, 3);
  const first = await batchPdf(h, ids);
  assert.ok((await textOf(first)).includes('张一') && (await textOf(first)).includes('张三'));
  assert.equal(kept(h, 'replyBatch'), 1);
  const ls = await h.call('letterSettings.get', {});
  await h.call('letterSettings.update', { ...ls, contactPerson: '王联系', redHeader: !ls.redHeader });
  const again = await batchPdf(h, ids);
  assert.equal(sha256Hex(bytes(again)), sha256Hex(bytes(first)), 'the batch as first printed');
  assert.equal(again.fileName, first.fileName);
  const direct = await h.call('print.pdf', { request: { kind: 'replyLetters', replyIds: ids } });
  assert.equal(sha256Hex(bytes(direct)), sha256Hex(bytes(first)), 'print.pdf of the same replies: the same bytes');
  // another order is another paper
  const other = await batchPdf(h, [...ids].reverse());
  assert.notEqual(sha256Hex(bytes(other)), sha256Hex(bytes(first)));
  assert.equal(kept(h, 'replyBatch'), 2);
  const audit = h.host.db
    .prepare("SELECT count(*) FROM audit_log WHERE action = 'archivePdf' AND entity = 'printed_documents'")
    .pluck()
    .get();
  assert.equal(audit, 2, 'each kept printout is in the audit log');
});

test('a batch with a reply not yet issued is printed fresh, not kept', async (t) => {
  const h = await makeHost({ now });
  t.after(() => h.close());
  const { ids } = await issuedReplies(h, 1);
  const p = await h.call('people.create', { name: '李四' });
  const request = await h.call('opinionRequests.create', {
    requester: '市委组织部',
    title: '关于征求李四同志党风廉政意见的函',
    receivedDate: '2025-06-30',
    purpose: '提拔',
    persons: [{ personId: p.id }],
  });
  const draft = await h.call('opinionReplies.create', { requestId: request.id, replyDate: '2025-07-01' });
  const file = await batchPdf(h, [ids[0]!, draft.id]);
  assert.ok((await textOf(file)).includes('李四'));
  assert.equal(kept(h, 'replyBatch'), 0);
});

test('the 签收单 of an issued 提醒函 and pre-filled 承诺书 print as first printed; a changed roster is a printout of its own', async (t) => {
  const h = await makeHost({ now });
  t.after(() => h.close());
  const unit = await h.call('units.create', { name: '市财政局' });
  let d = await h.call('reminderLetters.create', {
    title: '关于2025年中秋国庆期间严明纪律要求的廉洁提醒函',
    kind: '节日提醒',
    occasion: '中秋国庆',
    year: 2025,
    letterDate: '2025-07-01',
    keyPoints: ['严禁违规收送节礼'],
    body: '中秋、国庆将至……',
    unitIds: [unit.id],
  });
  d = await h.call('reminderLetters.issue', { id: d.id, rev: d.rev });
  const receipts = { kind: 'reminderReceipts' as const, letterId: d.id };
  const sheet = await h.call('print.pdf', { request: receipts });
  assert.ok((await textOf(sheet)).includes('市财政局'));
  assert.equal((await h.call('print.document', { request: receipts })).archival, true, 'the desktop shell asks the core for it');
  await h.call('units.update', { id: unit.id, rev: unit.rev, name: '市财政局（新）', sortOrder: 0 });
  const sheetAgain = await h.call('print.pdf', { request: receipts });
  assert.equal(sha256Hex(bytes(sheetAgain)), sha256Hex(bytes(sheet)), 'the 签收单 as it went out with the letter');

  const c = await h.call('pledgeCampaigns.create', {
    pledgeType: '不操办升学宴谢师宴',
    title: '2025年承诺',
    year: 2025,
    startDate: '2025-06-20',
    templateText: '本人郑重承诺：不操办升学宴。',
  });
  const zhang = await h.call('people.create', { name: '张三', unitId: unit.id });
  await h.call('pledgeRoster.add', { campaignId: c.id, personIds: [zhang.id] });
  const forms = { kind: 'pledgeForms' as const, campaignId: c.id };
  const first = await h.call('print.pdf', { request: forms });
  const again = await h.call('print.pdf', { request: forms });
  assert.equal(sha256Hex(bytes(again)), sha256Hex(bytes(first)));
  await h.call('pledgeRoster.add', {
    campaignId: c.id,
    personIds: [(await h.call('people.create', { name: '李四', unitId: unit.id })).id],
  });
  const grown = await h.call('print.pdf', { request: forms });
  assert.ok((await textOf(grown)).includes('李四'));
  assert.equal(kept(h, 'pledgeForms'), 2);
  assert.equal(kept(h, 'reminderReceipts'), 1);
});
