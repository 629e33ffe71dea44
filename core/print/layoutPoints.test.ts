/**
 * The points a 公文 reviewer marks (issue 14 §2), each measured from the PDF the core
 * writes (pdfWriter.ts): the red double lines, 抄送 and 版记, where the 严禁事项 stand, the attached
 * table's columns, lone last lines, letter-spacing around numbers, level headings.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Page, type TextBox } from './compose';
import { DEFAULT_LETTER_SETTINGS } from './contract';
import { resolveFonts } from './fonts';
import { CELL } from './geometry';
import { paragraphRows } from './letterFormat';
import { writePdf } from './pdfWriter';
import { layoutPledgeForms } from '../pledges/pledgeForm';
import { layoutReminderLetter, placeKeyPoints, type ReminderLetterData } from '../reminders/reminderLetter';
import { layoutReplyLetter, type ReplyLetterData } from '../opinions/replyLetter';
import { colourRuns, linesOf, measurePdf, pixelColumn, runsWithFonts } from './testing/pdfMeasure';
import { breakLines } from './text';

const pdfOf = (pages: Page[]) => writePdf({ title: 't', pages, fonts: resolveFonts('bundled-only'), landscape: false });

function reminder(over: Partial<ReminderLetterData> = {}): ReminderLetterData {
  return {
    authorityName: '某某县纪委监委',
    docNumber: '某纪廉提〔2025〕3号',
    issued: true,
    date: '2025-09-25',
    title: '关于2025年中秋国庆期间严明纪律要求的廉洁提醒函',
    addressees: ['县财政局', '县教育局'],
    paragraphs: placeKeyPoints(
      [
        '中秋、国庆将至，为进一步严明纪律要求，现就有关事项提醒如下：',
        '一、总体要求',
        '（一）压实责任。各单位主要负责同志要切实履行第一责任人职责。',
        '监督举报电话：12388。',
      ],
      ['严禁违规收送节礼', '严禁公款吃喝'],
    ),
    attachments: [],
    copyTo: '市纪委监委，市委组织部，市委宣传部，市委政法委，市人大常委会办公室，市政府办公室，市政协办公室，市监察委员会派驻机构',
    watermark: null,
    ...over,
  };
}

test('the 严禁事项 stand where the text introduces them, before the paragraphs after it', () => {
  const body = placeKeyPoints(['现就有关事项提醒如下：', '监督举报电话：12388。'], ['严禁违规收送节礼', '严禁公款吃喝。']);
  assert.deepEqual(body, ['现就有关事项提醒如下：', '1.严禁违规收送节礼。', '2.严禁公款吃喝。', '监督举报电话：12388。']);
  assert.deepEqual(placeKeyPoints(['节日将至。'], ['严禁公款吃喝']), ['节日将至。', '1.严禁公款吃喝。'], 'no introduction: after the body');
});

test('reminder letter PDF: 严禁事项 after “提醒如下”; 抄送 hangs after the colon, units whole, no rules; headings in 黑体 and 楷体', async () => {
  const pages = layoutReminderLetter(reminder(), { settings: DEFAULT_LETTER_SETTINGS });
  const pdf = await pdfOf(pages);
  const measured = await measurePdf(pdf);
  const text = measured.map((p) => p.text.replace(/\s/g, '')).join('');
  const at = (s: string) => {
    const i = text.indexOf(s);
    assert.ok(i >= 0, `${s} in the PDF`);
    return i;
  };
  assert.ok(
    at('提醒如下：') < at('1.严禁违规收送节礼。') && at('2.严禁公款吃喝。') < at('一、总体要求') && at('一、总体要求') < at('监督举报电话'),
  );

  // 抄送 (4号 14 pt) at the foot of the last page
  const last = measured[measured.length - 1]!;
  const copy = linesOf(last.runs.filter((r) => Math.abs(r.size - 14) < 0.3 && r.baseline > 200 && r.baseline < 263));
  assert.ok(copy.length >= 2, `抄送 on ${copy.length} lines`);
  assert.ok(copy[0]!.text.replace(/\s/g, '').startsWith('抄送：'));
  const colonEnd = copy[0]!.x + 3 * 14 * (25.4 / 72);
  for (const l of copy.slice(1))
    assert.ok(Math.abs(l.x - colonEnd) < 0.8, `continuation at ${l.x.toFixed(1)} mm, after “抄送：” at ${colonEnd.toFixed(1)} mm`);
  const units = [
    '市纪委监委',
    '市委组织部',
    '市委宣传部',
    '市委政法委',
    '市人大常委会办公室',
    '市政府办公室',
    '市政协办公室',
    '市监察委员会派驻机构',
  ];
  for (const u of units)
    assert.ok(
      copy.some((l) => l.text.replace(/\s/g, '').includes(u)),
      `${u} whole on one line`,
    );

  // letter format: no 版记 rules across the block (the old ones were at the 抄送's top and at 262 mm)
  const column = pixelColumn(pdf, measured.length, 181, 200, 265);
  if (column) assert.deepEqual(colourRuns(column, 'dark', 200), [], 'no rule across the text block');

  // level headings: 一、 in 黑体 (the 黑体 stand-in), （一） in 楷体 up to its full stop, then 仿宋
  const fonts = (await Promise.all(measured.map((p) => runsWithFonts(pdf, p.number)))).flat();
  // runs come one per font subset: each character with its font, in reading order
  const chars = fonts.flatMap((r) => [...r.text.replace(/\s/g, '')].map((ch) => ({ ch, font: r.font })));
  const joined = chars.map((c) => c.ch).join('');
  const fontsOf = (s: string) => {
    const i = joined.indexOf(s);
    assert.ok(i >= 0, `${s} in the PDF`);
    return [...new Set(chars.slice(i, i + [...s].length).map((c) => c.font.replace(/^[A-Z]{6}\+/, '')))];
  };
  for (const f of fontsOf('一、总体要求')) assert.match(f, /NotoSansSC/, `一、 heading in ${f}`);
  for (const f of fontsOf('（一）压实责任。')) assert.match(f, /WenKai/i, `（一） heading in ${f}`);
  for (const f of fontsOf('各单位主要负责同志')) assert.match(f, /NotoSerifSC.*Regular/, `body in ${f}`);
});

test('the red double lines read 上粗下细 at the head and 上细下粗 at the foot', async () => {
  const pdf = await pdfOf(layoutReminderLetter(reminder({ copyTo: null }), { settings: DEFAULT_LETTER_SETTINGS }));
  const head = pixelColumn(pdf, 1, 105, 42, 48);
  const foot = pixelColumn(pdf, 1, 105, 270, 280);
  if (!head || !foot) return;
  const [thick, thin] = colourRuns(head, 'red', 42);
  assert.ok(thick && thin, 'two red lines under the authority name');
  assert.ok(
    thick.height >= 0.9 && thin.height <= 0.4 && thick.height >= 2.5 * thin.height,
    `head: ${thick.height.toFixed(2)} over ${thin.height.toFixed(2)} mm`,
  );
  const gap = thin.top - (thick.top + thick.height);
  assert.ok(gap > 0.3 && gap < 0.7, `gap ${gap.toFixed(2)} mm`);
  const [fThin, fThick] = colourRuns(foot, 'red', 270);
  assert.ok(fThin && fThick && fThick.height >= 2.5 * fThin.height, 'foot: thin over thick');
  assert.ok(Math.abs(fThick.top + fThick.height - 277) < 0.3, 'the foot line ends 20 mm above the bottom edge');
});

function reply(n: number, over: Partial<ReplyLetterData> = {}): ReplyLetterData {
  return {
    authorityName: '某某县纪委监委',
    docNumber: '某纪廉复〔2025〕7号',
    issued: true,
    date: '2025-07-01',
    requester: '中共某某县委组织部',
    requestTitle: '关于征求有关同志党风廉政意见的函',
    requesterDocNumber: '某组函〔2025〕12号',
    persons: Array.from({ length: n }, (_, i) => ({
      name: `测试${i + 1}`,
      unitPosition: '县财政局副局长',
      wording: '未发现影响提拔使用的问题',
      remark: null,
    })),
    supersedesDocNumber: null,
    watermark: null,
    ...over,
  };
}

test('attached table: the standard wording stays on one line in 意见 (no “题。” alone); an empty 备注 stays narrow', async () => {
  const pages = layoutReplyLetter(reply(40), { settings: DEFAULT_LETTER_SETTINGS, letter: 1 });
  const measured = await measurePdf(await pdfOf(pages));
  const tableLines = measured.slice(1).flatMap((p) => linesOf(p.runs.filter((r) => Math.abs(r.size - 12) < 0.3)));
  const wording = tableLines.filter((l) => l.text.includes('未发现影响提拔使用的问'));
  assert.equal(wording.length, 40);
  for (const l of wording) assert.ok(l.text.replace(/\s/g, '').endsWith('未发现影响提拔使用的问题。'), l.text);
  // runs of the same baseline: a lone “题。” would be a line of its own
  const lone = measured.flatMap((p) => p.runs).filter((r) => r.text.replace(/\s/g, '') === '题。');
  assert.equal(lone.length, 0);
});

test('no paragraph ends on a line of one character; no lone last line at the top of a page', async () => {
  // 27 characters after the indent's 26 leave “贴。” alone without the rule
  const text = '本人郑重承诺严格遵守廉洁自律各项规定，自觉接受组织和群众监督，如有违反愿接受组织处理，此承诺书由单位留存归档并张贴。';
  const lines = breakLines(text, { sizeMm: 16 * (25.4 / 72), letterSpacingMm: 0, widthMm: 156, firstWidthMm: 156 - 2 * 16 * (25.4 / 72) });
  assert.ok([...lines[lines.length - 1]!].length >= 3, lines.join('|'));
  const forms = layoutPledgeForms({
    title: '廉洁承诺书',
    text: `${text}\n${text}`,
    cosigner: null,
    persons: [{ name: '张三', unit: '县财政局', position: '科员' }],
  });
  const measured = await measurePdf(await pdfOf(forms));
  for (const l of linesOf(measured[0]!.runs)) {
    const t = l.text.replace(/\s/g, '');
    assert.ok(!/^[\u4e00-\u9fa5][。，；！？]?$/.test(t), `lone line “${t}”`);
  }
  // across pages: grow a letter person by person; a paragraph's last line never opens a page alone
  for (let n = 1; n <= 10; n++) {
    const data = reply(n, {
      persons: reply(n).persons.map((p, i) => ({ ...p, wording: '未发现影响提拔使用的问题'.repeat(1 + ((i + n) % 5)) })),
    });
    const pages = layoutReplyLetter(data, { settings: { ...DEFAULT_LETTER_SETTINGS, inlineMaxPersons: 10 }, letter: 1 });
    for (const p of pages.slice(1)) {
      const body = p.boxes.filter((b) => b.type === 'text' && (b.part === 'body' || b.part === 'body-first'));
      const top = body[0];
      if (!top || top.type !== 'text' || top.y > 37.5) continue;
      const second = body[1];
      const continues = !top.lines[0]!.indent; // not a paragraph's first line
      const ends = !second || (second.type === 'text' && !!second.lines[0]!.indent);
      assert.ok(!(continues && ends), `${n} persons, page ${p.number}: “${top.lines[0]!.text}” alone at the top`);
    }
  }
});

test('a line cut short by a long number is not letter-spaced', async () => {
  // 2 + 22 + 3 cells, then a number that does not fit in the last one: the line ends a cell short
  const rows = paragraphRows('如对本函所列意见有异议，请在五个工作日内联系电话：0731-84561234，逾期视为无异议。', 'body');
  const cut = rows.findIndex((r, i) => rows[i + 1]?.line?.text.startsWith('0731'));
  assert.ok(cut >= 0, rows.map((r) => r.line?.text).join('|'));
  assert.ok(!rows[cut]!.line!.justify, 'the line before the number is left ragged');
  const pdf = await pdfOf(
    layoutReminderLetter(reminder({ paragraphs: [rows.map((r) => r.line!.text).join('')], copyTo: null }), {
      settings: DEFAULT_LETTER_SETTINGS,
    }),
  );
  const line = linesOf((await measurePdf(pdf))[0]!.runs).find((l) => l.text.replace(/\s/g, '').endsWith('电话：'));
  assert.ok(line, 'the line ending before the number');
  const chars = [...line.text.replace(/\s/g, '')].length;
  assert.ok(
    Math.abs(line.right - line.x - chars * CELL) < 1.2,
    `set on the grid: ${(line.right - line.x).toFixed(1)} mm for ${chars} characters`,
  );
});

/** The body lines of each page, top to bottom: whether each opens a paragraph (indented) and its text. */
function bodyLinesByPage(pages: Page[]): { opens: boolean; text: string }[][] {
  return pages.map((p) =>
    p.boxes
      .filter((b): b is TextBox => b.type === 'text' && (b.part === 'body' || b.part === 'body-first'))
      .sort((a, b) => a.y - b.y)
      .map((b) => ({ opens: !!b.lines[0]!.indent, text: b.lines[0]!.text })),
  );
}

/** Page breaks that leave a paragraph's first line alone at the foot of a page (孤行), by page number. */
function orphans(pages: Page[]): number[] {
  const byPage = bodyLinesByPage(pages);
  return byPage.flatMap((lines, i) => {
    const last = lines[lines.length - 1];
    const next = byPage[i + 1]?.[0];
    return last?.opens && next && !next.opens ? [i + 1] : [];
  });
}

test('no paragraph leaves its first line alone at the foot of a page (孤行), in the model and in the PDF', async () => {
  // three-line paragraphs after 0–9 one-line ones: each page break falls at every point of a paragraph in turn
  const three =
    '各单位要严格落实中央八项规定及其实施细则精神，坚决防止“四风”问题反弹回潮，切实加强对党员干部的教育管理监督，确保节日期间风清气正。';
  assert.equal(paragraphRows(three, 'body').length, 3);
  let firstCase: Page[] | null = null;
  for (let k = 0; k < 10; k++) {
    const paragraphs = [
      ...Array.from({ length: k }, (_, i) => `第${i + 1}项要求请各单位认真落实。`),
      ...Array.from({ length: 12 }, () => three),
    ];
    const pages = layoutReminderLetter(reminder({ paragraphs, copyTo: null }), { settings: DEFAULT_LETTER_SETTINGS });
    assert.deepEqual(
      orphans(pages),
      [],
      `${k} one-line paragraphs first: a first line alone at the foot of page ${orphans(pages).join('、')}`,
    );
    const byPage = bodyLinesByPage(pages);
    for (const [i, lines] of byPage.entries()) {
      const top = lines[0];
      if (i > 0 && top && !top.opens && (lines.length === 1 || lines[1]!.opens))
        assert.fail(`${k}: “${top.text}” alone at the top of page ${i + 1}`);
    }
    // the case where the break would fall right after a first line: the one printed below
    if (!firstCase && byPage.some((lines, i) => i > 0 && lines.length < 22 && byPage[i - 1]!.length < 22 && lines[0]?.opens))
      firstCase = pages;
  }
  assert.ok(firstCase, 'a case where a first line was moved to the next page');

  // from the PDF: the last 16 pt body line of a page is not an indented first line whose paragraph goes on over the page
  const measured = await measurePdf(await pdfOf(firstCase));
  const body = (n: number) =>
    linesOf(measured[n]!.runs.filter((r) => Math.abs(r.size - 16) < 0.3 && r.baseline > 37 && r.baseline < 262)).sort(
      (a, b) => a.baseline - b.baseline,
    );
  const indented = (x: number) => Math.abs(x - (28 + 2 * CELL)) < 0.8;
  for (let n = 0; n + 1 < measured.length; n++) {
    const last = body(n).at(-1);
    const next = body(n + 1)[0];
    if (!last || !next) continue;
    assert.ok(!(indented(last.x) && Math.abs(next.x - 28) < 0.8), `page ${n + 1} ends on “${last.text}”, a first line alone`);
  }
});

/** A pledge form's pages as lines of its text: page → [{ opens a paragraph, text }], and whether the page holds the signature. */
function pledgeLinesByPage(pages: Page[]): { lines: { opens: boolean; text: string }[]; signed: boolean }[] {
  return pages.map((p) => ({
    lines: p.boxes
      .filter((b): b is TextBox => b.type === 'text' && b.part === 'pledge-text')
      .sort((a, b) => a.y - b.y)
      .map((b) => ({ opens: !!b.lines[0]!.indent, text: b.lines[0]!.text })),
    signed: p.boxes.some((b) => b.type === 'text' && b.part === 'signature'),
  }));
}

/** Lone lines of a pledge form over several pages: a first line at a page's foot, a last line at a page's top, signatures without text. */
function pledgeLoneLines(pages: Page[]): string[] {
  const byPage = pledgeLinesByPage(pages);
  return byPage.flatMap(({ lines, signed }, i) => {
    const found: string[] = [];
    const next = byPage[i + 1]?.lines[0];
    if (lines.at(-1)?.opens && next && !next.opens) found.push(`page ${i + 1} ends on the first line “${lines.at(-1)!.text}”`);
    const top = lines[0];
    if (i > 0 && top && !top.opens && (lines.length === 1 || lines[1]!.opens))
      found.push(`page ${i + 1} opens on the last line “${top.text}”`);
    if (i > 0 && signed && lines.length < 2) found.push(`page ${i + 1} has the signatures with ${lines.length} line(s) of text`);
    return found;
  });
}

test('a 承诺书 over one page leaves no line alone at a page’s foot or top, and keeps text with the signatures (model and PDF)', async () => {
  const three =
    '本人郑重承诺严格遵守中央八项规定及其实施细则精神，不违规收送礼品礼金，不违规操办婚丧喜庆事宜，不接受可能影响公正执行公务的宴请，自觉接受组织和群众监督，如有违反，愿接受组织处理并承担相应责任，此承诺书由单位留存归档并张贴。';
  let moved: Page[] | null = null;
  for (let k = 0; k < 12; k++) {
    for (const cosigner of [null, '家属']) {
      const text = [...Array.from({ length: k }, (_, i) => `第${i + 1}条：认真落实。`), ...Array.from({ length: 9 }, () => three)].join(
        '\n',
      );
      const pages = layoutPledgeForms({
        title: '廉洁承诺书',
        text,
        cosigner,
        persons: [{ name: '张三', unit: '县财政局', position: '科员' }],
      });
      assert.ok(pages.length >= 2, `${k}: runs over one page`);
      assert.deepEqual(pledgeLoneLines(pages), [], `${k} short paragraphs first, co-signer ${cosigner ?? 'none'}`);
      // a break moved up: page 1 leaves a row or more empty at its foot, and page 2 opens in mid-paragraph
      const first = pages[0]!.boxes.filter((b): b is TextBox => b.type === 'text');
      const foot = Math.max(...first.map((b) => b.y + b.lineHeight));
      const top = pledgeLinesByPage(pages)[1]!.lines[0];
      if (!moved && 262 - foot > first.at(-1)!.lineHeight - 0.01 && top && !top.opens) moved = pages;
    }
  }
  assert.ok(moved, 'a case where lines were carried over to keep a paragraph together');

  // measured from the PDF: page 2's first line of text continues a paragraph and is not its last; page 1's last is not a first line
  const measured = await measurePdf(await pdfOf(moved));
  const text = (n: number) =>
    linesOf(measured[n]!.runs.filter((r) => r.size < 16.1 && r.baseline > 37 && r.baseline < 262 && !/签名|年|关系/.test(r.text))).sort(
      (a, b) => a.baseline - b.baseline,
    );
  const indented = (x: number) => x > 28 + 4;
  const p1 = text(0);
  const p2 = text(1);
  assert.ok(p2.length >= 2, `page 2 has ${p2.length} lines`);
  assert.ok(!indented(p2[0]!.x) && !indented(p2[1]!.x), `page 2 opens with two lines of one paragraph: “${p2[0]!.text}”, “${p2[1]!.text}”`);
  assert.ok(!indented(p1.at(-1)!.x), `page 1 ends on a first line: “${p1.at(-1)!.text}”`);
  for (const p of measured)
    for (const l of linesOf(p.runs)) assert.ok(!/^[\u4e00-\u9fa5]。$/.test(l.text.replace(/\s/g, '')), `lone “${l.text}”`);
});
