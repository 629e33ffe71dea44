import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { makeHost, type TestHost } from '../testing';
import type { Page } from '../print/compose';
import { DEFAULT_LETTER_SETTINGS } from '../print/contract';
import { mergePdfs } from '../print/pdf';
import { layoutPledgeForms, pledgeFormTitle } from '../pledges/pledgeForm';
import { layoutReceiptSheet, layoutReminderLetter, type ReminderLetterData } from '../reminders/reminderLetter';
import { measurePdf, pdfTitle } from '../print/testing/pdfMeasure';

const XSS = '<img src=x onerror=alert(1)>';

/** Nothing may stick out of the A4 page (Chromium would shrink the whole page to fit). */
function assertInsidePage(pages: Page[]) {
  for (const p of pages)
    for (const b of p.boxes) {
      if (b.type === 'text' || b.type === 'rect' || b.type === 'frame') {
        assert.ok(b.x >= 0 && b.x + b.w <= 210 + 1e-6, `box outside the page width: ${JSON.stringify(b).slice(0, 120)}`);
        assert.ok(b.y >= 0 && b.y <= 297, `box outside the page height: ${JSON.stringify(b).slice(0, 120)}`);
      }
    }
}

async function seed(h: TestHost) {
  const units: string[] = [];
  for (const name of ['市财政局', '市教育局', '市公安局', '市民政局', '市审计局']) units.push((await h.call('units.create', { name })).id);
  return units;
}

test('reminder letter: letter format, escaped text, numbered 严禁事项, 抄送; receipt sheet lists every addressee', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const units = await seed(h);
  let d = await h.call('reminderLetters.create', {
    title: `关于2025年中秋国庆期间严明纪律要求的廉洁提醒函${XSS}`,
    kind: '工作提醒函',
    occasion: '中秋国庆',
    year: 2025,
    letterDate: '2025-09-25',
    feedbackDueDate: '2025-10-15',
    keyPoints: ['严禁违规收送节礼', '严禁公款吃喝'],
    body: `中秋、国庆将至，为进一步严明纪律要求，现提醒如下。${XSS}`,
    attachments: ['廉洁过节承诺书'],
    copyTo: '市委办公室',
    unitIds: units,
  });
  const draft = await h.call('print.document', { request: { kind: 'reminderLetter', letterId: d.id } });
  assert.ok(draft.warnings.some((w) => w.includes('未印发')));
  assert.ok(draft.html.includes('未印发'));
  d = await h.call('reminderLetters.issue', { id: d.id, rev: d.rev });
  const doc = await h.call('print.document', { request: { kind: 'reminderLetter', letterId: d.id } });
  assert.equal(doc.warnings.length, 0);
  assert.ok(!doc.html.includes(XSS) && doc.html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  assert.ok(doc.html.includes(d.docNumber!));
  assert.ok(doc.html.includes('市财政局、市教育局、市公安局、市民政局、市审计局：'));
  assert.ok(doc.html.includes('1.严禁违规收送节礼。'));
  assert.ok(doc.html.includes('请于2025年10月15日前将落实情况书面反馈。'));
  assert.ok(doc.html.includes('抄送：市委办公室。'));
  assert.match(doc.fileName, /^某纪廉提〔\d{4}〕1号 /);

  const sheet = await h.call('print.document', { request: { kind: 'reminderReceipts', letterId: d.id } });
  assert.equal(sheet.pageCount, 1);
  for (const u of ['市财政局', '市教育局', '市公安局', '市民政局', '市审计局']) assert.ok(sheet.html.includes(u));
  assert.ok(sheet.html.includes('签收人') && sheet.html.includes('签收日期'));
});

test('layouts stay inside the page; long letters and rosters paginate', () => {
  const data: ReminderLetterData = {
    authorityName: '某某县纪委监委',
    docNumber: '某纪廉提〔2025〕1号',
    issued: true,
    date: '2025-09-25',
    title: '关于2025年中秋国庆期间严明纪律要求的廉洁提醒函',
    addressees: Array.from({ length: 70 }, (_, i) => `某某县第${i + 1}单位`),
    paragraphs: Array.from(
      { length: 12 },
      () => '中秋、国庆将至，为进一步严明纪律要求，弘扬新风正气，确保节日期间风清气正，现就有关事项提醒如下。',
    ),
    attachments: ['廉洁过节承诺书', '节日期间监督举报方式'],
    copyTo: '市委办公室、市政府办公室',
    watermark: null,
  };
  const pages = layoutReminderLetter(data, { settings: DEFAULT_LETTER_SETTINGS });
  assert.ok(pages.length >= 3);
  assertInsidePage(pages);
  const parts = pages.flatMap((p) => p.boxes.flatMap((b) => (b.type === 'text' ? [b.part] : [])));
  assert.equal(parts.filter((p) => p === 'page-number').length, pages.length - 1, 'no page number on page 1');
  assert.ok(parts.includes('copy-to') && parts.includes('sender') && parts.includes('date'));

  const sheet = layoutReceiptSheet({
    authorityName: '某某县纪委监委',
    docNumber: '某纪廉提〔2025〕1号',
    title: data.title,
    date: data.date,
    addressees: data.addressees,
    watermark: null,
  });
  assert.ok(sheet.length >= 4);
  assertInsidePage(sheet);

  const persons = Array.from({ length: 20 }, (_, i) => ({ name: `干部${i}`, unit: '市财政局', position: '科员' }));
  const forms = layoutPledgeForms({
    title: pledgeFormTitle('廉洁过节'),
    text: '节日期间，本人将严格遵守中央八项规定及其实施细则精神。\n'.repeat(8),
    cosigner: '家属',
    persons,
  });
  assert.equal(forms.length, 20, 'one page per person');
  assertInsidePage(forms);
  assert.equal(pledgeFormTitle('任前廉政承诺'), '任前廉政承诺书');
  assert.equal(pledgeFormTitle('不操办升学宴谢师宴'), '不操办升学宴谢师宴承诺书');
  const long = layoutPledgeForms({
    title: '承诺书',
    text: '本人郑重承诺严格遵守廉洁自律各项规定。'.repeat(120),
    cosigner: null,
    persons: persons.slice(0, 2),
  });
  assert.ok(long.length > 2 && long.filter((p) => p.number === 1).length === 2, 'a very long text continues on a second page per person');
});

test('pledge forms for a roster of 20 → a 20-page PDF with each name filled in', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const units = await seed(h);
  const names: string[] = [];
  for (let i = 0; i < 20; i++) {
    const name = `${'赵钱孙李周吴郑王冯陈'[i % 10]}${i < 10 ? '明' : '华'}`;
    names.push(name);
    await h.call('people.create', { name, unitId: units[i < 10 ? 0 : 1]!, position: '科员' });
  }
  const c = await h.call('pledgeCampaigns.create', {
    pledgeType: '不操办升学宴谢师宴',
    title: '2025年不操办升学宴谢师宴承诺',
    year: 2025,
    startDate: '2025-06-20',
    templateText: '本人郑重承诺：不操办、不参加升学宴、谢师宴。',
  });
  await h.call('pledgeRoster.add', { campaignId: c.id, unitIds: units.slice(0, 2) });
  const pdf = await h.call('print.pdf', { request: { kind: 'pledgeForms', campaignId: c.id } });
  assert.equal(pdf.pageCount, 20);
  const bytes = Buffer.from(pdf.pdfBase64, 'base64');
  assert.equal((await PDFDocument.load(bytes)).getPageCount(), 20);
  assert.equal(await pdfTitle(bytes), '2025年不操办升学宴谢师宴承诺', 'the PDF carries the campaign as its title');
  const measured = await measurePdf(bytes);
  for (const m of measured) assert.ok(Math.abs(m.widthMm - 210) < 0.5 && Math.abs(m.heightMm - 297) < 0.5, 'A4');
  const text = measured.map((m) => m.text.replace(/\s+/g, '')).join('\n');
  for (const n of names) assert.ok(text.includes(`姓名：${n}`), n);
  assert.ok(text.includes('不操办升学宴谢师宴承诺书'));
});

test('a printout printed in parts keeps its title when the parts are joined', async () => {
  const part = async () => {
    const d = await PDFDocument.create();
    d.addPage([595, 842]);
    return d.save();
  };
  const merged = await mergePdfs([await part(), await part()], '2025年廉洁过节承诺');
  assert.equal((await PDFDocument.load(merged)).getPageCount(), 2);
  assert.equal(await pdfTitle(merged), '2025年廉洁过节承诺');
});
