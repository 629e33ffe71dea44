/**
 * The writer's handling of text that arrives pasted or hostile: invisible characters take
 * no room, a character no face can draw refuses the print by name, and fonts asked for
 * before the decoder is loaded are not remembered as missing.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { AppError } from '../errors';
import type { Page } from './compose';
import { resolveFonts } from './fonts';
import { writePdf } from './pdfWriter';
import { measurePdf } from './testing/pdfMeasure';

const one = (text: string): Page => ({
  number: 1,
  letter: 1,
  boxes: [{ type: 'text', x: 20, y: 20, w: 170, lineHeight: 10, role: 'fangsong', pt: 16, align: 'left', lines: [{ text }] }],
});
const write = (text: string) => writePdf({ title: '测试', pages: [one(text)], fonts: resolveFonts('bundled-only'), landscape: false });

test('a zero-width space, joiner or BOM pasted into a field takes no room on paper (as in the HTML print)', async () => {
  const [page] = await measurePdf(await write('张\u200b三\ufeff丰\u200d'));
  const xs = page!.runs.map((r) => r.x.toFixed(2));
  // 16 pt = 5.64 mm a character: 三 at 25.64, 丰 at 31.29
  assert.deepEqual(xs, ['20.00', '25.64', '31.29'], JSON.stringify(page!.runs.map((r) => [r.text, r.x])));
  assert.equal(page!.runs.map((r) => r.text).join(''), '张三丰');
});

test('text with a character no font here has is refused in Chinese naming it, never printed with a gap', async () => {
  await assert.rejects(
    write('县𰻞𰻞面馆经理'),
    (e: unknown) =>
      e instanceof AppError && e.code === 'VALIDATION' && e.message.includes('“𰻞”（U+30EDE）') && e.message.includes('无法用公文字体打印'),
  );
  // the refusal leaves the writer working: the next letter prints
  const [page] = await measurePdf(await write('县面馆经理'));
  assert.equal(page!.runs.map((r) => r.text).join(''), '县面馆经理');
});

test('a font asked for before the decoder is ready is not remembered as missing', () => {
  // In a fresh process: look a character up too early (refused), then write a letter with it.
  const root = path.resolve(__dirname, '..', '..');
  const script = `
    const { fileFor } = require('./core/print/pdfFonts');
    const { resolveFonts } = require('./core/print/fonts');
    const { writePdf } = require('./core/print/pdfWriter');
    const { measurePdf } = require('./core/print/testing/pdfMeasure');
    const fonts = resolveFonts('bundled-only');
    let early = 'none';
    try { fileFor(fonts[0], 0x5f20); } catch (e) { early = e.message; }
    const page = { number: 1, letter: 1, boxes: [{ type: 'text', x: 20, y: 20, w: 170, lineHeight: 10, role: fonts[0].role, pt: 16, align: 'left', lines: [{ text: '张三' }] }] };
    writePdf({ title: 't', landscape: false, fonts, pages: [page] })
      .then(measurePdf)
      .then((pages) => console.log(JSON.stringify({ early, text: pages[0].runs.map((r) => r.text).join('') })));
  `;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { early: string; text: string };
  assert.match(out.early, /fontsReady/);
  assert.equal(out.text, '张三');
});
