/**
 * A preview's PDF made while the clerk looks at it (prefetch.ts): the click takes it, once,
 * and only for the very same document. Real host, real SQLite file, the real PDF writer.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { makeHost } from '../testing';
import { enablePdfWarmUp } from './pdf';
import { pdfWriter, type PdfSource } from './pdfWriter';
import { prefetchesSettled } from './prefetch';
import { measurePdf } from './testing/pdfMeasure';

after(() => enablePdfWarmUp(false));

test('the PDF of a previewed letter is made before the click and handed out once; a changed letter is printed afresh', async (t) => {
  const h = await makeHost({ now: () => new Date('2025-07-01T09:00:00+08:00') });
  t.after(() => h.close());
  await h.call('opinionSettings.update', { dueWorkingDays: 3, checkSections: [], holidays: [], workingWeekendDays: [] });
  const p = await h.call('people.create', { name: '张三', position: '科长' });
  const request = await h.call('opinionRequests.create', {
    requester: '市委组织部',
    title: '关于征求张三同志党风廉政意见的函',
    receivedDate: '2025-06-30',
    purpose: '提拔',
    persons: [{ personId: p.id }],
  });
  const draft = await h.call('opinionReplies.create', { requestId: request.id, replyDate: '2025-07-01' });
  const print = { request: { kind: 'replyLetters' as const, replyIds: [draft.id] } };

  const renders: PdfSource[] = [];
  const render = pdfWriter.render.bind(pdfWriter);
  pdfWriter.render = (source: PdfSource) => (renders.push(source), render(source)); // counts the PDFs really written
  t.after(() => {
    pdfWriter.render = render;
  });
  enablePdfWarmUp(true);

  await h.call('print.document', print); // the preview opens
  await prefetchesSettled();
  assert.equal(renders.length, 1, 'the PDF was started while the preview showed');
  const clicked = await h.call('print.pdf', print);
  assert.equal(renders.length, 1, 'the click took the PDF made ahead');
  assert.ok((await measurePdf(Buffer.from(clicked.pdfBase64, 'base64'))).some((pg) => pg.text.replace(/\s/g, '').includes('张三')));

  await h.call('print.pdf', print);
  assert.equal(renders.length, 2, 'used once: the next click prints again');

  await h.call('print.document', print);
  await prefetchesSettled();
  const before = renders.length;
  await h.call('people.update', { id: p.id, rev: (await h.call('people.get', { id: p.id })).rev, name: '张三丰', position: '科长' });
  const changed = await h.call('print.pdf', print);
  assert.equal(renders.length, before + 1, 'the letter changed after the preview: printed afresh');
  assert.ok((await measurePdf(Buffer.from(changed.pdfBase64, 'base64'))).some((pg) => pg.text.replace(/\s/g, '').includes('张三丰')));
});
