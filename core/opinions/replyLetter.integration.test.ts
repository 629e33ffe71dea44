import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { makeHost, type TestHost } from '../testing';
import { renderDocument } from '../print/compose';
import { DEFAULT_LETTER_SETTINGS } from '../print/contract';
import { resolveFonts } from '../print/fonts';
import { closeSharedPdfRenderer, findChromium, PdfRenderer } from '../print/pdf';
import { writePdf } from '../print/pdfWriter';
import { layoutReplyLetter, type ReplyLetterData } from './replyLetter';
import { assertLetterGeometry, cells, linesOf, measurePdf, pdfFontTypes, pdfTitle, RADICALS } from '../print/testing/pdfMeasure';
import { breakLines, chineseDate, escapeHtml, lineCells } from '../print/text';

const chromium = findChromium();
const renderer = chromium ? new PdfRenderer(chromium, { idleMs: 5_000 }) : null;
after(async () => {
  await renderer?.close();
  await closeSharedPdfRenderer();
});
const needsChromium = chromium ? {} : { skip: '本机没有 Chromium（/usr/bin/chromium）：PDF 测试跳过' };

const XSS = '<img src=x onerror=alert(1)>';

test('text: escaping, Chinese dates, 28 characters a line with 避头尾', () => {
  assert.equal(escapeHtml(`${XSS}"'&`), '&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;');
  assert.equal(chineseDate('2025-07-01'), '2025年7月1日');
  assert.equal(chineseDate('2025-12-31'), '2025年12月31日');
  const m = { sizeMm: 16 * (25.4 / 72), letterSpacingMm: 156 / 28 - 16 * (25.4 / 72) - 0.01, widthMm: 156 };
  const text = '经查阅信访举报、问题线索、案件审查调查和党纪政务处分等有关资料，现将有关情况函复如下：未发现影响提拔使用的问题。'.repeat(3);
  const lines = breakLines(text, m);
  for (const l of lines) {
    assert.ok(lineCells(l) <= 28, l);
    assert.ok(!/^[，。、；：）》]/.test(l), `line starts with closing punctuation: ${l}`);
    assert.ok(!/[（《]$/.test(l), `line ends with opening punctuation: ${l}`);
  }
  assert.equal(lines.join(''), text);
  assert.ok(
    lines.slice(0, -1).every((l) => lineCells(l) >= 27),
    'full lines hold 27–28 characters',
  );
  // numbers stay whole
  assert.ok(breakLines('联系电话：13800001111，'.repeat(4), m).every((l) => !/^\d/.test(l) || /^13800001111/.test(l)));
});

function letterData(n: number, over: Partial<ReplyLetterData> = {}): ReplyLetterData {
  const names = ['张三', '李四', '王五', '赵六', '孙七', '周八', '吴九', '郑十', '钱明', '冯亮'];
  return {
    authorityName: '某某县纪委监委',
    docNumber: '某纪廉复〔2025〕7号',
    issued: true,
    date: '2025-07-01',
    requester: '中共某某县委组织部',
    requestTitle: '关于征求张三等同志党风廉政意见的函',
    requesterDocNumber: '某组函〔2025〕12号',
    persons: Array.from({ length: n }, (_, i) => ({
      name: names[i % names.length]! + (i >= names.length ? String(i) : ''),
      unitPosition: '县财政局副局长',
      wording:
        '经查阅信访举报、问题线索、案件审查调查和党纪政务处分等有关资料，未发现该同志有违反党风廉政建设规定的问题，未发现影响提拔使用的问题',
      remark: null,
    })),
    supersedesDocNumber: null,
    watermark: null,
    ...over,
  };
}

async function pdfOf(data: ReplyLetterData, settings = DEFAULT_LETTER_SETTINGS) {
  const pages = layoutReplyLetter(data, { settings, letter: 1 });
  return { pages, pdf: await writePdf({ title: 't', pages, fonts: resolveFonts('bundled-only'), landscape: false }) };
}

test(
  'a long body fills pages of exactly 22 lines of ≤ 28 characters; numbers from page 2, odd right, even left',
  needsChromium,
  async () => {
    const base = letterData(10);
    const data = { ...base, persons: base.persons.map((p) => ({ ...p, wording: `${p.wording}；${p.wording}` })) };
    const { pages, pdf } = await pdfOf(data, {
      ...DEFAULT_LETTER_SETTINGS,
      inlineMaxPersons: 10,
      contactPerson: '李明',
      contactPhone: '0731-84561234',
    });

    assert.ok(pages.length >= 3, `${pages.length} pages`);
    const measured = await measurePdf(pdf);
    assert.equal(measured.length, pages.length);
    assertLetterGeometry(measured, {
      titleLines: 1,
      names: data.persons.map((p) => p.name),
      docNumber: data.docNumber,
      date: '2025年7月1日',
    });
    // page 2 is a full page: 22 body lines, the first at the block's top row
    const body2 = linesOf(measured[1]!.runs.filter((r) => Math.abs(r.size - 16) < 0.3 && r.baseline < 263));
    if (body2.length !== 22) console.log(body2.map((l) => `${l.baseline.toFixed(1)} ${l.text}`).join('\n'));
    assert.equal(body2.length, 22);
    assert.ok(Math.abs(body2[0]!.baseline - 0.88 * 16 * (25.4 / 72) - (37 + (225 / 22 - 16 * (25.4 / 72)) / 2)) < 1);
    const full = body2.filter((l) => cells(l.text) >= 27.5);
    if (full.length < 12) console.log(body2.map((l) => `${cells(l.text)} ${l.x.toFixed(1)}-${l.right.toFixed(1)} ${l.text}`).join('\n'));
    assert.ok(full.length >= 12, 'most lines are full');
    for (const l of full)
      assert.ok(
        Math.abs(l.x - 28) < 1 && Math.abs(l.right - 184) < 1.2,
        `full line spans the block: ${l.x.toFixed(1)}–${l.right.toFixed(1)}`,
      );
    // bundled fonts embed as CID TrueType (no Type 3), and the text has no Kangxi radicals
    const types = pdfFontTypes(pdf);
    if (types) assert.ok(types.length && types.every((t) => t === 'CID TrueType'), types.join(','));
    assert.ok(!RADICALS.test(measured.map((p) => p.text).join('')));
    assert.ok(
      measured
        .map((p) => p.text.replace(/\s/g, ''))
        .join('')
        .includes('（联系人：李明，电话：0731-84561234）'),
    );
  },
);

test('the date and seal never stand alone on the last page', needsChromium, async () => {
  // Grow the body one person at a time: wherever the page break falls, the sign-off page still has text.
  for (let n = 1; n <= 10; n++) {
    const data = letterData(n, {
      persons: letterData(n).persons.map((p, i) => ({ ...p, wording: '未发现影响提拔使用的问题'.repeat(1 + ((i + n) % 4)) })),
    });
    const pages = layoutReplyLetter(data, { settings: { ...DEFAULT_LETTER_SETTINGS, inlineMaxPersons: 10 }, letter: 1 });
    const last = pages[pages.length - 1]!;
    const bodyLines = last.boxes.filter(
      (b) => b.type === 'text' && (b.part === 'body' || b.part === 'body-first' || b.part === 'addressee'),
    );
    assert.ok(bodyLines.length >= 2, `${n} persons: ${bodyLines.length} body lines with the date`);
  }
});

test('many persons go into an attached table whose header repeats on every page', needsChromium, async () => {
  const data = letterData(40, {
    persons: letterData(40).persons.map((p, i) => ({
      ...p,
      name: `测试${i + 1}`,
      wording: i % 3 ? '未发现影响提拔使用的问题' : '受到党纪警告处分，处于影响期内，不宜提拔',
      remark: i === 0 ? XSS : null,
    })),
  });
  const { pages, pdf } = await pdfOf(data);
  const measured = await measurePdf(pdf);
  assert.ok(measured.length >= 4, `${measured.length} pages`);
  assertLetterGeometry(measured, {
    titleLines: 1,
    names: data.persons.map((p) => p.name),
    docNumber: data.docNumber,
    date: '2025年7月1日',
    letterPages: 1,
  });
  const text = measured.map((p) => p.text.replace(/\s/g, '')).join('');
  assert.ok(text.includes('附件：测试1等40名同志党风廉政情况意见表'));
  assert.ok(text.includes('<imgsrc=xonerror=alert(1)>'), 'the hostile remark prints as text');
  for (const p of measured.slice(1))
    assert.ok(p.text.replace(/\s/g, '').includes('序号姓名单位职务意见备注'), `page ${p.number} repeats the header`);
  assert.equal(pages.length, measured.length);
});

test('red header off (pre-printed paper): no authority line, everything else in place', needsChromium, async () => {
  const data = letterData(2);
  const { pdf } = await pdfOf(data, { ...DEFAULT_LETTER_SETTINGS, redHeader: false });
  const measured = await measurePdf(pdf);
  assert.ok(!measured[0]!.runs.some((r) => r.size > 22.5));
  assertLetterGeometry(measured, { titleLines: 1, names: ['张三', '李四'], docNumber: data.docNumber, date: '2025年7月1日' });
});

// ---------------------------------------------------------------------------------
// through the contract, on a real database

let requestNo = 0;
const SURNAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许';
const GIVEN = '伟芳娜敏静丽强磊军洋';
const chineseName = (i: number) => SURNAMES[i % 20]! + GIVEN[Math.floor(i / 20) % 10]! + GIVEN[(i * 3) % 10]!;

async function issuedReply(h: TestHost, n: number) {
  await h.call('opinionSettings.update', { dueWorkingDays: 3, checkSections: [], holidays: [], workingWeekendDays: [] });
  const unit = await h.call('units.create', { name: `市财政局第${chineseName(requestNo)}科` });
  const persons = [];
  for (let i = 0; i < n; i++)
    persons.push({
      personId: (await h.call('people.create', { name: chineseName(i), unitId: unit.id, position: i === 0 ? XSS : '科长' })).id,
    });
  const request = await h.call('opinionRequests.create', {
    requester: '市委组织部',
    requesterDocNumber: `市组函〔2025〕${++requestNo}号`,
    title: `关于征求意见的函${XSS}`,
    receivedDate: '2025-06-30',
    purpose: '提拔',
    persons,
  });
  const draft = await h.call('opinionReplies.create', { requestId: request.id, replyDate: '2025-07-01' });
  const reviewed = await h.call('opinionReplies.review', { id: draft.id, rev: draft.rev });
  return h.call('opinionReplies.issue', { id: reviewed.id, rev: reviewed.rev, reviewedHash: reviewed.reviewedHash! });
}

test('print.document: escaped, self-contained HTML; drafts are marked 未签发', async (t) => {
  const h = await makeHost({ now: () => new Date('2025-07-01T09:00:00+08:00') });
  t.after(() => h.close());
  const issued = await issuedReply(h, 3);
  const doc = await h.call('print.document', { request: { kind: 'replyLetters', replyIds: [issued.id] } });
  assert.ok(!doc.html.includes('<img'), 'no markup from user text');
  assert.ok(doc.html.includes('&lt;img src=x onerror'));
  assert.ok(!/<script/i.test(doc.html) && doc.html.includes("default-src 'none'"));
  assert.match(doc.fileName, /^某纪廉复〔2025〕1号 关于.*的复函\.pdf$/);
  assert.equal(doc.warnings.length, 0);
  const list = await h.call('print.document', { request: { kind: 'replyPersons', replyId: issued.id } });
  assert.equal(list.orientation, 'landscape');
  assert.ok(list.html.includes('size:A4 landscape'));
});

test('letterSettings: defaults, admin-only update with Chinese validation; fonts report each role', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const s = await h.call('letterSettings.get', {});
  assert.equal(s.redHeader, true);
  const bad = await h.raw('letterSettings.update', { ...s, inlineMaxPersons: 99 });
  assert.ok(!bad.ok && bad.error.code === 'VALIDATION' && /最多为10/.test(bad.error.message));
  const saved = await h.call('letterSettings.update', {
    ...s,
    redHeader: false,
    contactPerson: '李明',
    contactPhone: '0731-1234567',
    sealText: '（盖章）',
  });
  assert.equal(saved.contactPerson, '李明');
  assert.equal((await h.call('letterSettings.get', {})).redHeader, false);
  await h.call('users.create', { username: 'clerk', displayName: '王承办', password: 'Clerk12345', roles: ['handler'] });
  await h.login('clerk', 'Clerk12345');
  const denied = await h.raw('letterSettings.update', s);
  assert.ok(!denied.ok && denied.error.code === 'FORBIDDEN');
  const fonts = await h.call('print.fonts', {});
  assert.deepEqual(
    fonts.fonts.map((f) => f.role),
    ['fangsong', 'xiaobiaosong', 'heiti', 'kaiti', 'songti'],
  );
  for (const f of fonts.fonts) assert.ok(f.source === 'system' ? f.family && f.note.includes(f.family) : f.family.startsWith('QL Bundled'));
  assert.ok(fonts.method.length > 10);
});

test('print.pdf for 3 and 40 persons through the contract: geometry, names, number, date', needsChromium, async (t) => {
  const h = await makeHost({ now: () => new Date('2025-07-01T09:00:00+08:00') });
  t.after(() => h.close());
  for (const n of [3, 40]) {
    const reply = await issuedReply(h, n);
    const file = await h.call('print.pdf', { request: { kind: 'replyLetters', replyIds: [reply.id] } });
    const measured = await measurePdf(Buffer.from(file.pdfBase64, 'base64'));
    assert.equal(measured.length, file.pageCount);
    assertLetterGeometry(measured, {
      titleLines: 1,
      names: reply.items.map((i) => i.person.name),
      docNumber: reply.docNumber!,
      date: '2025年7月1日',
      ...(n > 5 ? { letterPages: 1 } : {}),
    });
  }
});

test('batch: a job renders many letters into one PDF with progress; only its owner sees it', needsChromium, async (t) => {
  const h = await makeHost({ now: () => new Date('2025-07-01T09:00:00+08:00') });
  t.after(() => h.close());
  const ids = [];
  for (let i = 0; i < 12; i++) ids.push((await issuedReply(h, 2)).id);
  // 批量打印 is the replyLetters kind as a PDF job: its layout counts the letters, then the pages
  const started = await h.call('print.pdfStart', { request: { kind: 'replyLetters', replyIds: ids, duplex: true } });
  assert.equal(started.progress.total, 12);
  let status = started;
  const seen = new Set<number>();
  while (status.state === 'running') {
    await new Promise((r) => setTimeout(r, 50));
    status = await h.call('print.pdfJob', { jobId: started.id });
    seen.add(status.progress.done);
  }
  assert.equal(status.state, 'done', status.error?.message ?? '');
  assert.equal(status.progress.done, status.progress.total);
  const file = status.result!;
  const measured = await measurePdf(Buffer.from(file.pdfBase64, 'base64'));
  assert.equal(await pdfTitle(Buffer.from(file.pdfBase64, 'base64')), '廉政意见回复复函12份', 'the batch PDF carries a title');
  assert.equal(measured.length, file.pageCount);
  // duplex: every letter starts on a front side (odd page of the file)
  const starts = measured.filter((p) => p.runs.some((r) => Math.abs(r.size - 22) < 0.3)).map((p) => p.number);
  assert.equal(starts.length, 12);
  assert.ok(
    starts.every((n) => n % 2 === 1),
    starts.join(','),
  );
  const text = measured.map((p) => p.text.replace(/\s/g, '')).join('');
  for (let k = 1; k <= 12; k++) assert.ok(text.includes(`某纪廉复〔2025〕${k}号`), `number ${k}`);
  const gone = await h.raw('print.pdfJob', { jobId: started.id }); // told once, then forgotten
  assert.ok(!gone.ok && gone.error.code === 'NOT_FOUND');
});

test('the renderer warms up ahead of the click, and keeps one page and its fonts for the next letters', needsChromium, async () => {
  const r = new PdfRenderer(chromium!, { idleMs: 5_000, concurrency: 1 });
  try {
    await r.warm();
    const shell = (r as unknown as { free: { page: { url(): string }; faces: Set<string> }[] }).free;
    assert.equal(shell.length, 1, 'warm-up leaves a page ready');
    const page = shell[0]!.page;
    const facesAfterWarmUp = shell[0]!.faces.size;
    assert.ok(facesAfterWarmUp > 0, 'the common subsets are loaded at warm-up');
    const pages = layoutReplyLetter(letterData(3), { settings: DEFAULT_LETTER_SETTINGS, letter: 1 });
    const html = renderDocument({
      title: '关于张三等同志党风廉政情况的复函',
      pages,
      fonts: resolveFonts('bundled-only'),
      landscape: false,
      fontSource: 'served',
    });
    const pdf = await r.render(html);
    const again = await r.render(html);
    assert.equal(shell[0]!.page, page, 'the same page prints every letter');
    for (const p of [pdf, again]) {
      const measured = await measurePdf(p);
      assertLetterGeometry(measured, {
        titleLines: 1,
        names: ['张三', '李四', '王五'],
        docNumber: '某纪廉复〔2025〕7号',
        date: '2025年7月1日',
      });
      assert.equal(await pdfTitle(p), '关于张三等同志党风廉政情况的复函');
    }
    const types = pdfFontTypes(again);
    if (types) assert.ok(types.length && types.every((t) => t === 'CID TrueType'), types.join(','));
  } finally {
    await r.close();
  }
});

test(
  'asked to, the renderer prints in one Chromium process, and falls back to the usual processes where that mode will not start',
  needsChromium,
  async () => {
    const single = new PdfRenderer(chromium!, { idleMs: 5_000, concurrency: 1, singleProcess: true });
    try {
      await single.render(
        renderDocument({
          title: '一',
          pages: layoutReplyLetter(letterData(1), { settings: DEFAULT_LETTER_SETTINGS, letter: 1 }),
          fonts: resolveFonts('bundled-only'),
          landscape: false,
          fontSource: 'served',
        }),
      );
      assert.equal(single.runsSingleProcess, true, 'a browser that starts as one process keeps doing so');
    } finally {
      await single.close();
    }
    // A browser that refuses --single-process (as a build may): the renderer starts it the usual way and prints all the same.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-refuses-single-'));
    const wrapper = path.join(dir, 'chromium');
    fs.writeFileSync(wrapper, `#!/bin/sh\nfor a in "$@"; do [ "$a" = --single-process ] && exit 1; done\nexec "${chromium!}" "$@"\n`, {
      mode: 0o755,
    });
    const r = new PdfRenderer(wrapper, { idleMs: 5_000, concurrency: 1, singleProcess: true });
    try {
      const pages = layoutReplyLetter(letterData(3), { settings: DEFAULT_LETTER_SETTINGS, letter: 1 });
      const pdf = await r.render(
        renderDocument({
          title: '关于张三等同志党风廉政情况的复函',
          pages,
          fonts: resolveFonts('bundled-only'),
          landscape: false,
          fontSource: 'served',
        }),
      );
      assert.equal(r.runsSingleProcess, false);
      assertLetterGeometry(await measurePdf(pdf), {
        titleLines: 1,
        names: ['张三', '李四', '王五'],
        docNumber: '某纪廉复〔2025〕7号',
        date: '2025年7月1日',
      });
    } finally {
      await r.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
);
