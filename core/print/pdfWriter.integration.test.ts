/**
 * The PDF writer against the reference: the same pages written by pdfWriter.ts and printed
 * by Chromium from their HTML (the preview and paper print). Every text item must say the
 * same and stand in the same place (±0.5 mm), with the same embedded fonts, for each kind of
 * document: a reply letter, a reminder letter with 抄送 and level headings, a 承诺书, a
 * landscape list, and a letter with hostile names (Ext-A 䶮, Ext-B 𠮷 𪚥). Real Chromium.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { layoutReplyLetter, type ReplyLetterData } from '../opinions/replyLetter';
import { layoutPledgeForms } from '../pledges/pledgeForm';
import { layoutReminderLetter, placeKeyPoints } from '../reminders/reminderLetter';
import { renderDocument, type Page } from './compose';
import { DEFAULT_LETTER_SETTINGS } from './contract';
import { resolveFonts } from './fonts';
import { layoutList } from './listPrintout';
import { findChromium, PdfRenderer } from './pdf';
import { writePdf, type PdfSource } from './pdfWriter';
import { measurePdf, pdfFontTypes, pdfTitle, RADICALS } from './testing/pdfMeasure';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const chromium = findChromium();
const renderer = chromium ? new PdfRenderer(chromium, { idleMs: 5_000, concurrency: 1 }) : null;
after(() => renderer?.close());
const needsChromium = chromium ? {} : { skip: '本机没有 Chromium（/usr/bin/chromium）：对照测试跳过' };

const TOLERANCE_MM = 0.5;

function reply(names: string[], over: Partial<ReplyLetterData> = {}): ReplyLetterData {
  return {
    authorityName: '某某县纪委监委',
    docNumber: '某纪廉复〔2025〕7号',
    issued: true,
    date: '2025-07-01',
    requester: '中共某某县委组织部',
    requestTitle: `关于征求${names[0]}等同志党风廉政意见的函`,
    requesterDocNumber: '某组函〔2025〕12号',
    persons: names.map((name) => ({
      name,
      unitPosition: '县财政局副局长',
      wording: '经查阅信访举报、问题线索、案件审查调查和党纪政务处分等有关资料，未发现该同志有违反党风廉政建设规定的问题',
      remark: null,
    })),
    supersedesDocNumber: null,
    watermark: null,
    ...over,
  };
}

/** The embedded fonts by name without their subset tag (ABCDEF+), sorted, and their types. */
function fontsOf(pdf: Uint8Array): { names: string[]; types: string[] } | null {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-fonts-'));
  const file = path.join(dir, 'x.pdf');
  fs.writeFileSync(file, pdf);
  try {
    const out = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    const names = out
      .split('\n')
      .slice(2)
      .filter((l) => l.trim())
      .map((l) => l.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''));
    return { names: [...new Set(names)].sort(), types: [...new Set(pdfFontTypes(pdf) ?? [])] };
  } catch {
    return null;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Dark pixels of each page at 50 dpi (pdftoppm, poppler-utils): the ink on paper. Null without pdftoppm. */
function inkOf(pdf: Uint8Array): number[] | null {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-ink-'));
  const file = path.join(dir, 'x.pdf');
  fs.writeFileSync(file, pdf);
  try {
    execFileSync('pdftoppm', ['-r', '50', '-gray', file, path.join(dir, 'p')]);
    return fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.pgm'))
      .sort()
      .map((f) => {
        const pgm = fs.readFileSync(path.join(dir, f));
        // P5 header: "P5\n<w> <h>\n255\n", then one byte a pixel
        const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.toString('latin1', 0, 40))!;
        let dark = 0;
        for (let i = header[0].length; i < pgm.length; i++) if (pgm[i]! < 128) dark++;
        return dark;
      });
  } catch {
    return null;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function compare(what: string, source: PdfSource) {
  const mine = await writePdf(source);
  const reference = await renderer!.render(renderDocument({ ...source, fontSource: 'served' }));
  const [a, b] = [await measurePdf(mine), await measurePdf(reference)];
  assert.equal(a.length, b.length, `${what}: pages`);
  for (let p = 0; p < b.length; p++) {
    const [pa, pb] = [a[p]!, b[p]!];
    assert.ok(Math.abs(pa.widthMm - pb.widthMm) < 0.1 && Math.abs(pa.heightMm - pb.heightMm) < 0.1, `${what} p${p + 1}: page size`);
    assert.equal(pa.runs.map((r) => r.text).join('|'), pb.runs.map((r) => r.text).join('|'), `${what} p${p + 1}: text items`);
    pb.runs.forEach((rb, i) => {
      const ra = pa.runs[i]!;
      for (const k of ['x', 'right', 'baseline'] as const)
        assert.ok(
          Math.abs(ra[k] - rb[k]) <= TOLERANCE_MM,
          `${what} p${p + 1} “${rb.text}” ${k}: writer ${ra[k].toFixed(2)} mm, Chromium ${rb[k].toFixed(2)} mm`,
        );
      assert.ok(Math.abs(ra.size - rb.size) < 0.05, `${what} p${p + 1} “${rb.text}” size`);
    });
  }
  const [fa, fb] = [fontsOf(mine), fontsOf(reference)];
  if (fa && fb) {
    assert.deepEqual(fa.types, ['CID TrueType'], `${what}: font types ${fa.types.join(', ')}`);
    assert.deepEqual(fa.names, fb.names, `${what}: embedded fonts`);
  }
  // The glyphs themselves: about as much ink on every page (a blank or wrong outline would show here, not in the text).
  const [ia, ib] = [inkOf(mine), inkOf(reference)];
  if (ia && ib)
    ib.forEach((dark, i) =>
      assert.ok(Math.abs(ia[i]! - dark) <= dark * 0.1 + 20, `${what} p${i + 1}: ${ia[i]} dark pixels, Chromium ${dark}`),
    );
  const text = a.map((pg) => pg.text).join('');
  assert.ok(!RADICALS.test(text), `${what}: Kangxi radicals in the text`);
  assert.equal(await pdfTitle(mine), source.title || null, `${what}: title`);
  return { mine, text: text.replace(/\s/g, '') };
}

const bundled = resolveFonts('bundled-only');
const doc = (title: string, pages: Page[], landscape = false): PdfSource => ({ title, pages, fonts: bundled, landscape });

test('a six-person reply letter: the writer puts every text item where Chromium prints it', needsChromium, async () => {
  const pages = layoutReplyLetter(reply(['张三', '李四', '王五', '赵六', '孙七', '周八'], { watermark: '未签发' }), {
    settings: DEFAULT_LETTER_SETTINGS,
    letter: 1,
  });
  await compare('reply letter', doc('关于张三等同志党风廉政情况的复函', pages));
});

test('a reminder letter with 抄送, 严禁事项 and 黑体/楷体 headings', needsChromium, async () => {
  const pages = layoutReminderLetter(
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
          '（一）压实责任。各单位主要负责同志要切实履行第一责任人职责。',
          '1.加强教育。',
          '监督举报电话：12388。',
        ],
        ['严禁违规收送节礼', '严禁公款吃喝'],
      ),
      attachments: [],
      copyTo: '市纪委监委，市委组织部，市委宣传部，市委政法委，市人大常委会办公室，市政府办公室，市政协办公室',
      watermark: null,
    },
    { settings: DEFAULT_LETTER_SETTINGS },
  );
  const { text } = await compare('reminder letter', doc('廉洁提醒函', pages));
  assert.ok(text.includes('抄送：市纪委监委'));
});

test('a 承诺书 over two pages', needsChromium, async () => {
  const para = '本人郑重承诺严格遵守廉洁自律各项规定，自觉接受组织和群众监督，如有违反愿接受组织处理。';
  const pages = layoutPledgeForms({
    title: '廉洁承诺书',
    text: Array.from({ length: 14 }, () => para).join('\n'),
    cosigner: '单位负责人',
    persons: [{ name: '张三', unit: '县财政局', position: '科员' }],
  });
  await compare('pledge', doc('2025年廉洁过节承诺', pages));
});

test('a landscape list printout (台账)', needsChromium, async () => {
  const pages = layoutList({
    title: '廉政意见回复台账',
    subtitle: '共3条\u3000打印日期：2025年7月1日\u3000某某县纪委监委',
    columns: [
      { label: '序号', width: 12, align: 'center' },
      { label: '回复文号', width: 40, align: 'left' },
      { label: '来函单位', width: 40, align: 'left' },
      { label: '人员', width: 55, align: 'left' },
      { label: '状态', width: 18, align: 'center' },
    ],
    rows: [1, 2, 3].map((i) => [
      String(i),
      `某纪廉复〔2025〕${i}号`,
      '中共某某县委组织部',
      '张三、李四、王五、赵六、孙七、周八、吴九、郑十',
      '已签发',
    ]),
  });
  await compare('list', doc('廉政意见回复台账', pages, true));
});

test('hostile names (䶮 in Ext-A, 𠮷 and 𪚥 in Ext-B) come out as typed, in the bundled rare face', needsChromium, async () => {
  const names = ['刘䶮', '吉𠮷', '张𪚥', 'O\u2019Neil', '<b>李</b>'];
  const pages = layoutReplyLetter(reply(names), { settings: DEFAULT_LETTER_SETTINGS, letter: 1 });
  const { text } = await compare('hostile names', doc('关于刘䶮等同志党风廉政情况的复函', pages));
  for (const n of names) assert.ok(text.includes(n.replace(/\s/g, '')), `${n} in the text`);
});

test('the same pages give the same bytes; the title is the document title', async () => {
  const pages = layoutReplyLetter(reply(['张三', '李四']), { settings: DEFAULT_LETTER_SETTINGS, letter: 1 });
  const source = doc('廉政意见回复复函2份', pages);
  const first = await writePdf(source);
  const again = await writePdf(source);
  assert.ok(first.equals(again), 'byte for byte');
  assert.equal(await pdfTitle(first), '廉政意见回复复函2份');
  assert.ok(!/CreationDate|ModDate/.test(first.toString('latin1')), 'no dates');
});
