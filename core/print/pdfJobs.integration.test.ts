/**
 * 保存PDF as a job (issue 16): a long document shows “第 N 页/共 M 页” as it prints, and
 * 取消 stops it: nothing is returned. Real host, real SQLite file, the real PDF writer.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeHost, type TestHost } from '../testing';
import { PART_PAGES } from './pdfJobs';
import { measurePdf } from '../print/testing/pdfMeasure';

/** A draft reply; printed twelve times over it makes a document of more than PART_PAGES pages. */
async function draftReply(h: TestHost) {
  await h.call('opinionSettings.update', { dueWorkingDays: 3, checkSections: [], holidays: [], workingWeekendDays: [] });
  const p = await h.call('people.create', { name: '张三', position: '科长' });
  const request = await h.call('opinionRequests.create', {
    requester: '市委组织部',
    title: '关于征求张三同志党风廉政意见的函',
    receivedDate: '2025-06-30',
    purpose: '提拔',
    persons: [{ personId: p.id }],
  });
  return h.call('opinionReplies.create', { requestId: request.id, replyDate: '2025-07-01' });
}

test('a long PDF reports its pages as they print and comes back whole', async (t) => {
  const h = await makeHost({ now: () => new Date('2025-07-01T09:00:00+08:00') });
  t.after(() => h.close());
  const draft = await draftReply(h);
  const request = { kind: 'replyLetters' as const, replyIds: Array.from({ length: 12 }, () => draft.id) };
  let view = await h.call('print.pdfStart', { request });
  const labels = new Set<string>();
  while (view.state === 'running') {
    labels.add(view.progress.label);
    await new Promise((r) => setTimeout(r, 20));
    view = await h.call('print.pdfJob', { jobId: view.id });
  }
  assert.equal(view.state, 'done', view.error?.message);
  const pdf = Buffer.from(view.result!.pdfBase64, 'base64');
  const pages = await measurePdf(pdf);
  assert.equal(pages.length, view.result!.pageCount);
  assert.ok(pages.length > PART_PAGES, `${pages.length} pages`);
  assert.ok(pages.every((p) => p.text.replace(/\s/g, '').includes('张三')));
  assert.equal(view.progress.done, view.progress.total);
  // the labels the clerk saw: 正在排版, then 第N页/共M页 with N moving by PART_PAGES
  for (const l of labels) assert.match(l, /^(正在排版|正在生成PDF：第\d+页\/共\d+页)$/, l);
  assert.equal(view.progress.label, `正在生成PDF：第${pages.length}页/共${pages.length}页`);
  const other = await h.raw('print.pdfJob', { jobId: view.id }, await otherClerk(h));
  assert.ok(!other.ok && other.error.code === 'NOT_FOUND', 'another account does not see the job');
});

test('取消 stops a PDF job: it ends cancelled with a Chinese message and no PDF', async (t) => {
  const h = await makeHost({ now: () => new Date('2025-07-01T09:00:00+08:00') });
  t.after(() => h.close());
  const draft = await draftReply(h);
  const request = { kind: 'replyLetters' as const, replyIds: Array.from({ length: 30 }, () => draft.id) };
  const started = await h.call('print.pdfStart', { request });
  const cancelled = await h.call('print.pdfCancel', { jobId: started.id });
  let view = cancelled;
  while (view.state === 'running') {
    await new Promise((r) => setTimeout(r, 20));
    view = await h.call('print.pdfJob', { jobId: started.id });
  }
  assert.equal(view.state, 'cancelled');
  assert.equal(view.result, null);
  assert.match(view.error!.message, /已取消/);
});

test('批量打印: at most two batches run at once; a third is refused in Chinese, a single letter is not', async (t) => {
  const h = await makeHost({ now: () => new Date('2025-07-01T09:00:00+08:00') });
  t.after(() => h.close());
  const draft = await draftReply(h);
  const batch = { kind: 'replyLetters' as const, replyIds: Array.from({ length: 30 }, () => draft.id) };
  // all asked together: the jobs lay out their first letters only once the three calls are answered
  const answers = await Promise.all([0, 1, 2].map(() => h.raw('print.pdfStart', { request: batch })));
  const refused = answers.filter((a) => !a.ok);
  assert.equal(refused.length, 1);
  assert.ok(!refused[0]!.ok && refused[0]!.error.code === 'BUSY');
  assert.equal(refused[0]!.error.message, '已有批量打印任务正在进行，请稍后再试。');
  const single = await h.call('print.pdfStart', { request: { kind: 'replyLetters', replyIds: [draft.id] } });
  for (const a of answers) if (a.ok) await h.call('print.pdfCancel', { jobId: (a.value as { id: string }).id });
  for (const id of [...answers.flatMap((a) => (a.ok ? [(a.value as { id: string }).id] : [])), single.id]) {
    let view = await h.call('print.pdfJob', { jobId: id });
    while (view.state === 'running') {
      await new Promise((r) => setTimeout(r, 20));
      view = await h.call('print.pdfJob', { jobId: id });
    }
    assert.equal(view.state, id === single.id ? 'done' : 'cancelled', view.error?.message);
  }
});

async function otherClerk(h: TestHost): Promise<string> {
  await h.call('users.create', { username: 'clerk2', displayName: '承办二', password: 'Clerk12345', roles: ['handler'] });
  const env = await h.host.invoke('auth.login', { username: 'clerk2', password: 'Clerk12345' });
  assert.ok(env.ok);
  return (env.value as { sessionId: string }).sessionId;
}
