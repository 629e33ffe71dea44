/**
 * Fonts: rare characters in names print with the bundled fonts (CID TrueType, real text),
 * names the fonts cannot draw are refused at entry, and the generated coverage data is
 * in step with the font packages.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { coverageSource } from '../../scripts/glyphCoverage';
import { makeHost } from '../testing';
import { renderDocument } from './compose';
import { DEFAULT_LETTER_SETTINGS } from './contract';
import { bundledFontFaces, detectSystemFonts, fontAdvice, resolveFonts } from './fonts';
import { undrawableChars, undrawableMessage } from './glyphCoverage';
import { findChromium, PdfRenderer } from './pdf';
import { writePdf } from './pdfWriter';
import { layoutReplyLetter, type ReplyLetterData } from '../opinions/replyLetter';
import { measurePdf, pdfFontTypes, RADICALS } from './testing/pdfMeasure';

const chromium = findChromium();
const renderer = chromium ? new PdfRenderer(chromium, { idleMs: 5_000, concurrency: 1 }) : null;
after(() => renderer?.close());
const needsChromium = chromium ? {} : { skip: '本机没有 Chromium（/usr/bin/chromium）：PDF 测试跳过' };

/** 䶮 U+4DAE (CJK Ext-A), 𠮷 U+20BB7 and 𪚥 U+2A6A5 (Ext-B): none is in the Noto faces. */
const RARE_NAMES = ['刘䶮', '吉𠮷', '张𪚥'];

test('the generated coverage data matches the bundled font packages', () => {
  const file = path.join(__dirname, 'glyphCoverageData.ts');
  assert.equal(fs.readFileSync(file, 'utf8'), coverageSource(), 'run: npx tsx scripts/glyphCoverage.ts');
});

test('coverage: Ext-A and Ext-B names are drawable; an Ext-G character is named in the refusal', () => {
  for (const n of RARE_NAMES) assert.deepEqual(undrawableChars(n), [], n);
  assert.deepEqual(undrawableChars('张三'), []);
  assert.deepEqual(undrawableChars('王𰻞𰻞'), ['𰻞']);
  const msg = undrawableMessage('姓名', '王𰻞')!;
  assert.match(msg, /姓名中的“𰻞”（U\+30EDE）无法用公文字体打印/);
  // the rare face is only brought in for characters the role's own face lacks
  assert.ok(!bundledFontFaces(new Map([['fangsong', new Set([...'张三'])]])).includes('QL Bundled rare'));
  assert.ok(
    bundledFontFaces(new Map([['fangsong', new Set([...'刘䶮'])]]), 'served').includes(
      'HanaMinA.CJK-Unified-Ideographs-Extension-A-7.woff2',
    ),
  );
});

test('a name the fonts cannot draw is refused at entry with the character named; rare names are accepted', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const bad = await h.raw('people.create', { name: '王𰻞' });
  assert.ok(!bad.ok);
  assert.equal(bad.error.code, 'VALIDATION');
  assert.match(bad.error.message, /“𰻞”（U\+30EDE）/);
  for (const name of RARE_NAMES) {
    const p = await h.call('people.create', { name });
    assert.equal(p.name, name);
  }
});

function letter(): ReplyLetterData {
  return {
    authorityName: '某某县纪委监委',
    docNumber: '某纪廉复〔2025〕9号',
    issued: true,
    date: '2025-07-01',
    requester: '中共某某县委组织部',
    requestTitle: '关于征求刘䶮等同志党风廉政意见的函',
    requesterDocNumber: null,
    persons: RARE_NAMES.map((name) => ({ name, unitPosition: '县财政局科长', wording: '未发现影响提拔使用的问题', remark: null })),
    supersedesDocNumber: null,
    watermark: null,
  };
}

// The core's own PDF (pdfWriter.ts), and Chromium printing the HTML (paper print) with either font source.
for (const fontSource of ['writer', 'served', 'inline'] as const)
  test(
    `rare-character names print in bundled fonts: CID TrueType only, the names extract as typed (${fontSource})`,
    fontSource === 'writer' ? {} : needsChromium,
    async () => {
      const pages = layoutReplyLetter(letter(), { settings: DEFAULT_LETTER_SETTINGS, letter: 1 });
      const source = { title: '关于刘䶮等同志党风廉政情况的复函', pages, fonts: resolveFonts('bundled-only'), landscape: false };
      const pdf = fontSource === 'writer' ? await writePdf(source) : await renderer!.render(renderDocument({ ...source, fontSource }));
      const types = pdfFontTypes(pdf);
      if (types) {
        assert.ok(types.length > 0);
        assert.deepEqual([...new Set(types)], ['CID TrueType'], `fonts: ${types.join(', ')}`);
      }
      const text = (await measurePdf(pdf)).map((p) => p.text.replace(/\s/g, '')).join('');
      for (const name of RARE_NAMES) assert.ok(text.includes(name), `${name} in the extracted text`);
      assert.ok(text.includes('关于刘䶮等同志党风廉政情况的复函'), 'the title (小标宋) with the rare character');
      assert.ok(!RADICALS.test(text));
    },
  );

// ---------------------------------------------------------------------------------
// which installed faces a PC has, and what 设置 › 字体 says about the rest

function folder(files: string[]): { root: string; cleanup: () => void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-fonts-'));
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    fs.writeFileSync(path.join(root, f), '');
  }
  return { root, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}

const byRole = (fonts: ReturnType<typeof resolveFonts>) =>
  Object.fromEntries(fonts.map((f) => [f.role, f.source === 'system' ? f.family : 'bundled']));

test('Windows-style Fonts folder: known files found by name; a missing 楷体 is said once with where to install', () => {
  const { root, cleanup } = folder(['Fonts/simfang.ttf', 'Fonts/SIMHEI.TTF', 'Fonts/FZXBSJW.TTF', 'Fonts/simsun.ttc', 'Fonts/arial.ttf']);
  try {
    const sys = detectSystemFonts('win32', { WINDIR: root });
    const fonts = resolveFonts('system-first', sys);
    assert.deepEqual(byRole(fonts), { fangsong: '仿宋', xiaobiaosong: '方正小标宋简体', heiti: '黑体', kaiti: 'bundled', songti: '宋体' });
    assert.equal(fonts.find((f) => f.role === 'fangsong')!.file, path.join(root, 'Fonts', 'simfang.ttf'));
    const advice = fontAdvice('system-first', fonts, 'win32')!;
    assert.match(advice, /^本机缺少楷体：/);
    assert.match(advice, /楷体用霞鹜文楷/);
    assert.match(advice, /为所有用户安装/);
    assert.equal(
      fontAdvice('bundled-only', resolveFonts('bundled-only', sys), 'win32'),
      null,
      'bundled fonts chosen on purpose: nothing to say',
    );
  } finally {
    cleanup();
  }
});

test('UOS-style font folders (CESI faces under /usr/share/fonts): found by name; nothing missing, nothing said', () => {
  const { root, cleanup } = folder([
    'usr/share/fonts/fonts-cesi/CESI_FS_GB2312.TTF',
    'usr/share/fonts/fonts-cesi/CESI_XBS_GB2312.TTF',
    'usr/share/fonts/fonts-cesi/CESI_HT_GB2312.TTF',
    'usr/share/fonts/fonts-cesi/CESI_KT_GB2312.TTF',
    'usr/share/fonts/fonts-cesi/CESI_SS_GB2312.TTF',
  ]);
  try {
    const sys = detectSystemFonts('linux', {}, { fcList: false, dirs: [path.join(root, 'usr/share/fonts')] });
    const fonts = resolveFonts('system-first', sys);
    assert.deepEqual(byRole(fonts), {
      fangsong: 'CESI仿宋-GB2312',
      xiaobiaosong: 'CESI小标宋-GB2312',
      heiti: 'CESI黑体-GB2312',
      kaiti: 'CESI楷体-GB2312',
      songti: 'CESI宋体-GB2312',
    });
    assert.equal(fontAdvice('system-first', fonts, 'linux'), null);
  } finally {
    cleanup();
  }
});

test('a UOS PC with no office fonts: every face is the bundled one, and the note names all four and fc-cache', () => {
  const { root, cleanup } = folder(['usr/share/fonts/truetype/dejavu/DejaVuSans.ttf']);
  try {
    const sys = detectSystemFonts('linux', {}, { fcList: false, dirs: [path.join(root, 'usr/share/fonts')] });
    const fonts = resolveFonts('system-first', sys);
    assert.ok(fonts.every((f) => f.source === 'bundled'));
    const advice = fontAdvice('system-first', fonts, 'linux')!;
    assert.match(advice, /^本机缺少仿宋、小标宋、黑体、楷体：/);
    assert.match(advice, /fc-cache -f/);
  } finally {
    cleanup();
  }
});
