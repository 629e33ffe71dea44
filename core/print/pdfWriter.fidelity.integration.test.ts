/**
 * What a 公文 reviewer checks in the PDFs the core writes (pdfWriter.ts), read back with
 * poppler's own tools (pdffonts, pdftotext, pdftoppm) rather than the pdfjs reader the
 * writer's own tests use: every kind of document embeds only CID TrueType subsets with
 * ToUnicode; hostile names (Ext-A 䶮, Ext-B 𠀾 𪚥, long Latin and digit runs, a very long
 * unit) come out as typed and in reading order, and really drawn; body lines sit on the
 * 22-row grid inside the 156 mm text block; the same content gives the same bytes whatever
 * was written before; a 1000-person letter keeps every name once.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { layoutReplyLetter, type ReplyLetterData } from '../opinions/replyLetter';
import { layoutPledgeForms } from '../pledges/pledgeForm';
import { layoutReceiptSheet, layoutReminderLetter, placeKeyPoints } from '../reminders/reminderLetter';
import type { Page } from './compose';
import { DEFAULT_LETTER_SETTINGS } from './contract';
import { resolveFonts } from './fonts';
import { BLOCK, BLOCK_RIGHT, ROW, rowTop } from './geometry';
import { layoutList } from './listPrintout';
import { pdfWriter, writePdf, type PdfSource } from './pdfWriter';
import { measurePdf } from './testing/pdfMeasure';

const WORDING = '经查阅信访举报、问题线索、案件审查调查和党纪政务处分等有关资料，未发现该同志有违反党风廉政建设规定的问题';
const SIX = ['张三', '李四', '王五', '赵六', '孙七', '周八'];

function reply(names: string[], over: Partial<ReplyLetterData> = {}, unitPosition = '县财政局副局长'): ReplyLetterData {
  return {
    authorityName: '某某县纪委监委',
    docNumber: '某纪廉复〔2025〕7号',
    issued: true,
    date: '2025-07-01',
    requester: '中共某某县委组织部',
    requestTitle: `关于征求${names[0] ?? ''}等同志党风廉政意见的函`,
    requesterDocNumber: '某组函〔2025〕12号',
    persons: names.map((name) => ({ name, unitPosition, wording: WORDING, remark: null })),
    supersedesDocNumber: null,
    watermark: null,
    ...over,
  };
}

const fonts = resolveFonts('bundled-only');
const doc = (title: string, pages: Page[], landscape = false): PdfSource => ({ title, pages, fonts, landscape });
const letterOptions = (letter = 1) => ({ settings: DEFAULT_LETTER_SETTINGS, letter });

const HOSTILE = ['刘䶮', '吉𠀾', '张𪚥', 'Muhammad Abdullah bin Abdul Rahman Al-Something', '1234567890123456789012345678901234567890'];
const LONG_UNIT =
  '某某省某某市某某县某某乡镇人民政府某某某某某某某某办公室某某某某科室副主任科员兼任某某某某某某某某某某工作领导小组办公室副主任';

/** One document of every kind the office prints. */
const KINDS: Record<string, () => PdfSource> = {
  'reply letter (6 persons, watermark)': () =>
    doc('关于张三等同志党风廉政情况的复函', layoutReplyLetter(reply(SIX, { watermark: '未签发' }), letterOptions())),
  'batch of three replies': () =>
    doc(
      '廉政意见回复复函3份',
      [1, 2, 3].flatMap((i) => layoutReplyLetter(reply(SIX.slice(0, i * 2)), letterOptions(i))),
    ),
  'reminder letter (抄送, headings, 附件)': () =>
    doc(
      '廉洁提醒函',
      layoutReminderLetter(
        {
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
              '（一）压实责任。各单位主要负责同志要切实履行第一责任人职责，ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789012345678901234567890。',
              '1.加强教育。',
              '监督举报电话：12388。',
            ],
            ['严禁违规收送节礼', '严禁公款吃喝'],
          ),
          attachments: ['2025年中秋国庆期间廉洁提醒要点'],
          copyTo: '市纪委监委，市委组织部，市委宣传部，市委政法委，市人大常委会办公室，市政府办公室，市政协办公室',
          watermark: null,
        },
        { settings: DEFAULT_LETTER_SETTINGS },
      ),
    ),
  '签收单 over several pages': () =>
    doc(
      '签收单',
      layoutReceiptSheet({
        authorityName: '某某县纪委监委',
        docNumber: '某纪廉提〔2025〕3号',
        title: '关于2025年中秋国庆期间严明纪律要求的廉洁提醒函',
        date: '2025-09-25',
        addressees: Array.from({ length: 40 }, (_, i) => `县第${i + 1}局`),
        watermark: null,
      }),
    ),
  '承诺书 over one page, with 䶮': () =>
    doc(
      '廉洁承诺书',
      layoutPledgeForms({
        title: '廉洁承诺书',
        text: Array.from(
          { length: 14 },
          () => '本人郑重承诺严格遵守廉洁自律各项规定，自觉接受组织和群众监督，如有违反愿接受组织处理。',
        ).join('\n'),
        cosigner: '单位负责人',
        persons: [
          { name: '张三', unit: '县财政局', position: '科员' },
          { name: '刘䶮', unit: '县教育局', position: '' },
        ],
      }),
    ),
  'landscape list with rare names': () =>
    doc(
      '廉政意见回复台账',
      layoutList({
        title: '廉政意见回复台账',
        subtitle: '共3条\u3000打印日期：2025年7月1日',
        columns: [
          { label: '序号', width: 12, align: 'center' },
          { label: '回复文号', width: 40, align: 'left' },
          { label: '人员', width: 55, align: 'left' },
          { label: '状态', width: 18, align: 'center' },
        ],
        rows: [1, 2, 3].map((i) => [String(i), `某纪廉复〔2025〕${i}号`, '张三、刘䶮、吉𠀾、O\u2019Neil', '已签发']),
      }),
      true,
    ),
  'reply letter with hostile names and an empty name': () =>
    doc('关于刘䶮等同志党风廉政情况的复函', layoutReplyLetter(reply([...HOSTILE, ''], {}, LONG_UNIT), letterOptions())),
};

function tmpPdf(pdf: Uint8Array): { file: string; done: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-fidelity-'));
  const file = path.join(dir, 'x.pdf');
  fs.writeFileSync(file, pdf);
  return { file, done: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** pdffonts' table: name, type, embedded, subset, ToUnicode per font. */
function pdffonts(pdf: Uint8Array): { name: string; type: string; emb: string; sub: string; uni: string }[] {
  const { file, done } = tmpPdf(pdf);
  try {
    const out = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    return out
      .split('\n')
      .slice(2)
      .filter((l) => l.trim())
      .map((l) => {
        const m = /^(\S+)\s+(.+?)\s{2,}(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(l);
        assert.ok(m, `pdffonts line not understood: ${l}`);
        return { name: m[1]!, type: m[2]!, emb: m[4]!, sub: m[5]!, uni: m[6]! };
      });
  } finally {
    done();
  }
}

/** poppler's text of the PDF in content order, without white space. */
function popplerText(pdf: Uint8Array): string {
  const { file, done } = tmpPdf(pdf);
  try {
    return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }).replace(/\s/g, '');
  } finally {
    done();
  }
}

/** Dark pixels of a page region (mm) rendered at 300 dpi in grey (pdftoppm). */
function inkIn(pdf: Uint8Array, page: number, x: number, y: number, w: number, h: number): number {
  const DPI = 300;
  const px = (mm: number) => Math.round((mm / 25.4) * DPI);
  const { file, done } = tmpPdf(pdf);
  try {
    const pgm = execFileSync('pdftoppm', [
      '-r', String(DPI), '-gray', '-f', String(page), '-l', String(page),
      '-x', String(px(x)), '-y', String(px(y)), '-W', String(px(w)), '-H', String(px(h)), file,
    ]); // prettier-ignore
    // P5 header: "P5\n<w> <h>\n255\n"
    let pos = 0;
    for (let fields = 0; fields < 4; pos++) if (pgm[pos] === 0x0a || pgm[pos] === 0x20) fields++;
    let dark = 0;
    for (let i = pos; i < pgm.length; i++) if (pgm[i]! < 128) dark++;
    return dark;
  } finally {
    done();
  }
}

for (const [kind, make] of Object.entries(KINDS)) {
  test(`${kind}: only CID TrueType subsets, embedded, with ToUnicode (never Type 3)`, async () => {
    const rows = pdffonts(await writePdf(make()));
    assert.ok(rows.length > 0, 'fonts listed');
    for (const r of rows) {
      assert.equal(r.type, 'CID TrueType', `${r.name}: ${r.type}`);
      assert.deepEqual([r.emb, r.sub, r.uni], ['yes', 'yes', 'yes'], `${r.name}: embedded, subset, ToUnicode`);
      assert.match(r.name, /^[A-Z]{6}\+/, `${r.name}: subset tag`);
    }
  });
}

test('hostile names come out as typed, in reading order, drawn in the bundled faces', async () => {
  const source = KINDS['reply letter with hostile names and an empty name']!();
  const pdf = await writePdf(source);
  const text = popplerText(pdf);
  // The attachment table: each name then its unit, in the order entered (the empty name leaves nothing behind).
  let from = 0;
  for (const name of HOSTILE) {
    const at = text.indexOf(`${name.replace(/\s/g, '')}${LONG_UNIT}`, from);
    assert.ok(at >= from, `“${name}” followed by its unit, after the previous name`);
    from = at + 1;
  }
  assert.ok(!/[\u2f00-\u2fdf\u2e80-\u2eff]/u.test(text), 'no Kangxi or supplement radicals in place of ideographs');
  assert.ok(!text.includes('\ufffd'), 'no replacement characters');
  const names = pdffonts(pdf).map((r) => r.name.replace(/^[A-Z]{6}\+/, ''));
  assert.ok(names.includes('HanaMinA'), '䶮 from the bundled Ext-A face');
  assert.ok(names.includes('HanaMinB'), '𠀾 and 𪚥 from the bundled Ext-B face');
});

test('a rare character is drawn, not a blank: 䶮 and 𠀾 leave ink where they stand', async () => {
  for (const ch of ['䶮', '𠀾']) {
    const page: Page = {
      number: 1,
      letter: 1,
      boxes: [{ type: 'text', x: 40, y: 40, w: 100, lineHeight: 10, role: 'fangsong', pt: 16, align: 'left', lines: [{ text: ch }] }],
    };
    const pdf = await writePdf(doc('t', [page]));
    assert.equal(popplerText(pdf), ch, `${ch} extracted`);
    // A 16 pt glyph in the first 5.64 mm of the line, and nothing after it.
    assert.ok(inkIn(pdf, 1, 40, 40, 5.7, 10) > 200, `${ch}: ink in its em box`);
    assert.equal(inkIn(pdf, 1, 46.5, 40, 50, 10), 0, `${ch}: nothing beside it`);
  }
});

test('body lines of a reply letter sit on the 22-row grid inside the 156 mm text block', async () => {
  const pdf = await writePdf(KINDS['reply letter (6 persons, watermark)']!());
  const [first] = await measurePdf(pdf);
  // Body text: 16 pt runs within the text block, below the title; the watermark (60 pt) and title (22 pt) are other sizes.
  const body = first!.runs.filter((r) => Math.abs(r.size - 16) < 0.01 && r.baseline > rowTop(5) && r.baseline < BLOCK.top + BLOCK.height);
  assert.ok(body.length > 20, 'body runs found');
  const offsets = body.map((r) => (r.baseline - BLOCK.top) % ROW);
  const spread = Math.max(...offsets) - Math.min(...offsets);
  assert.ok(spread < 0.05, `every baseline at the same place in its row (spread ${spread.toFixed(3)} mm)`);
  for (const r of body) {
    assert.ok(r.x >= BLOCK.left - 0.01, `“${r.text}” starts inside the block (${r.x.toFixed(2)} mm)`);
    // The em box of a line's last character may overhang by the letter-spacing the grid takes off (−0.083 mm).
    assert.ok(r.right <= BLOCK_RIGHT + 0.1, `“${r.text}” ends inside the block (${r.right.toFixed(2)} mm)`);
  }
  // Justified lines end flush with the block's right edge.
  const byLine = new Map<string, number>();
  for (const r of body) byLine.set(r.baseline.toFixed(2), Math.max(byLine.get(r.baseline.toFixed(2)) ?? 0, r.right));
  const flush = [...byLine.values()].filter((right) => Math.abs(right - BLOCK_RIGHT) < 0.3);
  assert.ok(flush.length >= 3, `justified lines end at ${BLOCK_RIGHT} mm`);
});

test('the same content gives the same bytes, whatever was written or warmed before', async () => {
  const make = KINDS['reply letter (6 persons, watermark)']!;
  const first = await writePdf(make());
  await writePdf(KINDS['reply letter with hostile names and an empty name']!());
  await writePdf(KINDS['reminder letter (抄送, headings, 附件)']!());
  await pdfWriter.warm();
  const again = await pdfWriter.render(make());
  assert.ok(first.equals(again), 'byte for byte');
  assert.ok(!/CreationDate|ModDate/.test(first.toString('latin1')), 'no dates in the file');
});

test('a 1000-person letter keeps every name exactly once in its attached table', async () => {
  const names = Array.from({ length: 1000 }, (_, i) => `张${'一二三四五六七八九十'[i % 10]}甲${i}乙`);
  const data = reply(names, { requestTitle: '关于征求意见的函' });
  const pages = layoutReplyLetter(data, letterOptions());
  const pdf = await writePdf(doc('千人复函', pages));
  const measured = await measurePdf(pdf);
  assert.equal(measured.length, pages.length, 'one PDF page per laid-out page');
  const text = popplerText(pdf);
  for (const name of names) assert.equal(text.split(`${name}县财政局副局长`).length - 1, 1, `${name} once with its unit`);
  for (const r of pdffonts(pdf)) assert.equal(r.type, 'CID TrueType', r.name);
});

test('page numbers: from each letter’s second page, even pages one character in from the left, odd ones from the right', async () => {
  const inset = 14 * (25.4 / 72); // one 4号 character
  const check = async (source: PdfSource, expected: { page: number; text: string; side: 'left' | 'right' }[]) => {
    const measured = await measurePdf(await writePdf(source));
    const found = measured.flatMap((p) => p.runs.filter((r) => /^—\s*\d+\s*—$/.test(r.text)).map((r) => ({ page: p.number, r })));
    assert.deepEqual(
      found.map(({ page, r }) => ({ page, text: r.text.replace(/\s/g, '') })),
      expected.map(({ page, text }) => ({ page, text })),
    );
    found.forEach(({ r }, i) => {
      if (expected[i]!.side === 'left') assert.ok(Math.abs(r.x - (BLOCK.left + inset)) < 0.05, `${r.text} at ${r.x.toFixed(2)} mm`);
      else assert.ok(Math.abs(r.right - (BLOCK_RIGHT - inset)) < 0.05, `${r.text} ends at ${r.right.toFixed(2)} mm`);
    });
  };
  // Letters of 1, 2 and 2 pages in one batch: only each letter's own page 2 is numbered.
  const batch = KINDS['batch of three replies']!();
  assert.equal(batch.pages.length, 5);
  await check(batch, [
    { page: 3, text: '—2—', side: 'left' },
    { page: 5, text: '—2—', side: 'left' },
  ]);
  await check(KINDS['reply letter with hostile names and an empty name']!(), [
    { page: 2, text: '—2—', side: 'left' },
    { page: 3, text: '—3—', side: 'right' },
  ]);
});
