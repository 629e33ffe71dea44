/**
 * Test helper: reads a PDF with pdfjs-dist and reports, per page, its size and every
 * text run with its position and font size in millimetres, plus checks shared by the
 * unit and end-to-end tests of letters (GB/T 9704 geometry measured from the PDF itself).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type * as PdfJsModule from 'pdfjs-dist';

type PdfJs = typeof PdfJsModule;
const PT = 25.4 / 72;

export interface Run {
  text: string;
  /** Left edge, mm from the page's left. */
  x: number;
  /** Right edge, mm. */
  right: number;
  /** Baseline, mm from the page's top. */
  baseline: number;
  /** Top of the em box (baseline − 0.88 em: the ideographic em box of CJK faces), mm. */
  emTop: number;
  /** Font size, pt. */
  size: number;
}

export interface MeasuredPage {
  number: number;
  widthMm: number;
  heightMm: number;
  runs: Run[];
  text: string;
}

export async function measurePdf(pdf: Uint8Array): Promise<MeasuredPage[]> {
  const pdfjs = (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as PdfJs;
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: MeasuredPage[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const [x0, y0, x1, y1] = page.view as [number, number, number, number];
    const heightPt = y1 - y0;
    const content = await page.getTextContent();
    const runs: Run[] = [];
    for (const item of content.items) {
      if (!('str' in item) || !item.str.trim()) continue;
      const [a, b, , , e, f] = item.transform as number[];
      const size = Math.hypot(a!, b!);
      const baseline = (heightPt - (f! - y0)) * PT;
      runs.push({
        text: item.str,
        x: (e! - x0) * PT,
        right: (e! - x0 + item.width) * PT,
        baseline,
        emTop: baseline - 0.88 * size * PT,
        size,
      });
    }
    pages.push({ number: n, widthMm: (x1 - x0) * PT, heightMm: heightPt * PT, runs, text: runs.map((r) => r.text).join('\n') });
  }
  await doc.destroy();
  return pages;
}

/** The PDF's document title (Info /Title), or null. */
export async function pdfTitle(pdf: Uint8Array): Promise<string | null> {
  const pdfjs = (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as PdfJs;
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  try {
    const { info } = await doc.getMetadata();
    const title = (info as { Title?: unknown }).Title;
    return typeof title === 'string' && title ? title : null;
  } finally {
    await doc.destroy();
  }
}

/** Each text run of a page with the embedded font's name (e.g. “AAAAAB+NotoSansSC-Medium”), in reading order. */
export async function runsWithFonts(
  pdf: Uint8Array,
  pageNumber: number,
): Promise<{ text: string; font: string; x: number; baseline: number }[]> {
  const pdfjs = (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as PdfJs;
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(pdf),
    useSystemFonts: false,
    isEvalSupported: false,
    fontExtraProperties: true,
  }).promise;
  try {
    const page = await doc.getPage(pageNumber);
    const heightPt = page.view[3]! - page.view[1]!;
    await page.getOperatorList(); // loads the fonts into commonObjs
    const content = await page.getTextContent();
    const out: { text: string; font: string; x: number; baseline: number }[] = [];
    for (const item of content.items) {
      if (!('str' in item) || !item.str.trim()) continue;
      const font = page.commonObjs.has(item.fontName) ? (page.commonObjs.get(item.fontName) as { name?: string }).name : undefined;
      const t = item.transform as number[];
      out.push({ text: item.str, font: font ?? item.fontName, x: t[4]! * PT, baseline: (heightPt - t[5]!) * PT });
    }
    return out;
  } finally {
    await doc.destroy();
  }
}

/**
 * A one-pixel-wide column of a page rendered at 600 dpi (pdftoppm, poppler-utils), from
 * `fromMm` to `toMm` down the page at `xMm`: each pixel's colour class. Null without pdftoppm.
 */
export function pixelColumn(
  pdf: Uint8Array,
  pageNumber: number,
  xMm: number,
  fromMm: number,
  toMm: number,
): ('red' | 'dark' | 'light')[] | null {
  const DPI = 600;
  const px = (mm: number) => Math.round((mm / 25.4) * DPI);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-px-'));
  const file = path.join(dir, 'x.pdf');
  fs.writeFileSync(file, pdf);
  try {
    const ppm = execFileSync(
      'pdftoppm',
      [
        '-r',
        String(DPI),
        '-f',
        String(pageNumber),
        '-l',
        String(pageNumber),
        '-x',
        String(px(xMm)),
        '-y',
        String(px(fromMm)),
        '-W',
        '1',
        '-H',
        String(px(toMm) - px(fromMm)),
        file,
      ],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    // P6 header: "P6\n<w> <h>\n255\n"
    let pos = 0;
    const fields: string[] = [];
    while (fields.length < 4) {
      while (/\s/.test(String.fromCharCode(ppm[pos]!))) pos++;
      let f = '';
      while (!/\s/.test(String.fromCharCode(ppm[pos]!))) f += String.fromCharCode(ppm[pos++]!);
      fields.push(f);
    }
    pos++;
    const out: ('red' | 'dark' | 'light')[] = [];
    for (let i = pos; i + 2 < ppm.length; i += 3) {
      const [r, g, b] = [ppm[i]!, ppm[i + 1]!, ppm[i + 2]!];
      out.push(r > 160 && g < 110 && b < 110 ? 'red' : r < 120 && g < 120 && b < 120 ? 'dark' : 'light');
    }
    return out;
  } catch {
    return null;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs of one colour in a pixel column, in mm (600 dpi): [start, length]. */
export function colourRuns(
  column: ('red' | 'dark' | 'light')[],
  colour: 'red' | 'dark',
  fromMm: number,
): { top: number; height: number }[] {
  const mmPerPx = 25.4 / 600;
  const runs: { top: number; height: number }[] = [];
  let start = -1;
  column.forEach((c, i) => {
    if (c === colour && start < 0) start = i;
    if ((c !== colour || i === column.length - 1) && start >= 0) {
      const end = c === colour ? i + 1 : i;
      runs.push({ top: fromMm + start * mmPerPx, height: (end - start) * mmPerPx });
      start = -1;
    }
  });
  return runs;
}

/** Runs on the same baseline (±0.5 mm), left to right: the printed lines. */
export function linesOf(runs: Run[]): { baseline: number; x: number; right: number; size: number; text: string }[] {
  const sorted = [...runs].sort((p, q) => p.baseline - q.baseline || p.x - q.x);
  const lines: { baseline: number; x: number; right: number; size: number; text: string }[] = [];
  for (const r of sorted) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(last.baseline - r.baseline) < 0.5) {
      last.text += r.text;
      last.right = Math.max(last.right, r.right);
      last.x = Math.min(last.x, r.x);
    } else lines.push({ baseline: r.baseline, x: r.x, right: r.right, size: r.size, text: r.text });
  }
  return lines;
}

/** Kangxi radicals and CJK radicals supplement: what bad ToUnicode maps give instead of 月, 日, 人. */
export const RADICALS = /[\u2E80-\u2EFF\u2F00-\u2FDF]/;

/** `pdffonts` (poppler-utils): the font types embedded, e.g. ["CID TrueType", …]. Null when pdffonts is missing. */
export function pdfFontTypes(pdf: Uint8Array): string[] | null {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ql-pdf-')), 'x.pdf');
  fs.writeFileSync(file, pdf);
  try {
    const out = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    return out
      .split('\n')
      .slice(2)
      .filter((l) => l.trim())
      .map((l) => /\s(Type 3|Type 1C?|CID TrueType|CID Type 0C?|TrueType|Type 1)\s/.exec(l)?.[1] ?? 'unknown');
  } catch {
    return null;
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

/** Layout cells of a printed line: CJK characters 1, ASCII ½ (the 28-per-line grid). */
export function cells(text: string): number {
  let n = 0;
  for (const ch of text.replace(/\s/g, '')) n += /[\x21-\x7e]/.test(ch) ? 0.5 : 1;
  return n;
}

export interface LetterExpectations {
  /** Lines the title wraps to (the addressee sits one blank row under it). */
  titleLines: number;
  names: string[];
  docNumber: string;
  /** "2025年7月1日" */
  date: string;
  /** Pages the letter itself takes (before any attachment). */
  letterPages?: number;
}

const near = (actual: number, expected: number, what: string, tol = 1) => {
  if (Math.abs(actual - expected) > tol) throw new Error(`${what}: ${actual.toFixed(2)} mm, expected ${expected.toFixed(2)} ± ${tol} mm`);
};

/**
 * The GB/T 9704 checks on a reply letter's PDF; throws with what is off.
 * Expected numbers come from the standard (docs/letters.md), not from the layout code.
 */
export function assertLetterGeometry(pages: MeasuredPage[], e: LetterExpectations): void {
  const ROW = 225 / 22;
  const body = (p: MeasuredPage) => p.runs.filter((r) => Math.abs(r.size - 16) < 0.3 && r.baseline > 37 && r.baseline < 262 + 1);
  for (const p of pages) {
    near(p.widthMm, 210, `page ${p.number} width`, 0.5);
    near(p.heightMm, 297, `page ${p.number} height`, 0.5);
  }
  const first = pages[0]!;
  // title: 22 pt, from the 5th row (two blank rows under the number in row 2)
  const title = first.runs.filter((r) => Math.abs(r.size - 22) < 0.3 && r.baseline > 37);
  if (!title.length) throw new Error('no 22 pt title on page 1');
  near(Math.min(...title.map((r) => r.emTop)), 37 + 4 * ROW + (ROW - 22 * PT) / 2, 'title top');
  // the red 发文机关标志, when printed: its top edge 30 mm from the top of the page
  const authority = first.runs.find((r) => r.size > 22.5 && r.baseline < 50);
  if (authority) near(authority.emTop, 30, 'authority name top');
  const pageNumbers = (p: MeasuredPage) =>
    linesOf(p.runs.filter((r) => r.baseline > 262 + 3)).filter((l) => /^—\s*\d+\s*—$/.test(l.text.trim()));
  // document number: 16 pt, flush right at 184 mm, with 〔〕
  const num = linesOf(first.runs.filter((r) => r.baseline > 37 && r.baseline < 37 + 3 * ROW)).find((r) => r.text.includes('〔'));
  if (!num || !/〔\d{4}〕\d+号/.test(num.text) || !num.text.includes(e.docNumber))
    throw new Error(`document number not found: ${num?.text}`);
  near(num.right, 184, 'document number right edge');
  if (Math.abs(num.size - 16) > 0.3) throw new Error(`document number size ${num.size} pt`);
  // the addressee: first body line, flush left at 28 mm, one blank row under the title
  const addresseeRow = 4 + e.titleLines + 1;
  const lines1 = linesOf(body(first)).filter((l) => l.baseline > 37 + addresseeRow * ROW);
  const addressee = lines1[0]!;
  near(addressee.x, 28, 'text block left edge');
  near(addressee.baseline - 0.88 * 16 * PT, 37 + addresseeRow * ROW + (ROW - 16 * PT) / 2, 'first body line top');
  // every body line: 16 pt, inside the block, ≤ 28 characters; ≤ 22 lines a page, on the 10.23 mm grid
  for (const p of pages) {
    const runs = body(p);
    for (const r of runs)
      if (r.x < 28 - 1 || r.right > 184 + 1)
        throw new Error(`page ${p.number}: "${r.text}" outside the text block (${r.x.toFixed(1)}–${r.right.toFixed(1)} mm)`);
    const lines = linesOf(runs);
    if (lines.length > 22) throw new Error(`page ${p.number}: ${lines.length} lines`);
    for (const l of lines) {
      if (cells(l.text) > 28) throw new Error(`page ${p.number}: ${cells(l.text)} characters in "${l.text}"`);
      const row = (l.baseline - 0.88 * 16 * PT - (ROW - 16 * PT) / 2 - 37) / ROW;
      if (Math.abs(row - Math.round(row)) * ROW > 1)
        throw new Error(`page ${p.number}: line "${l.text}" off the grid (row ${row.toFixed(2)})`);
    }
  }
  // page numbers: none on page 1; "— N —" 14 pt from page 2, odd right, even left, one character in, 7 mm under the block
  for (const p of pages) {
    const pn = pageNumbers(p);
    if (p.number === 1) {
      if (pn.length) throw new Error('page number on page 1');
      continue;
    }
    if (pn.length !== 1 || Number(/\d+/.exec(pn[0]!.text)![0]) !== p.number)
      throw new Error(`page ${p.number}: page number ${pn.map((r) => r.text).join('|') || 'missing'}`);
    const r = pn[0]!;
    if (Math.abs(r.size - 14) > 0.3) throw new Error(`page number size ${r.size}`);
    if (p.number % 2 === 1) near(r.right, 184 - 14 * PT, `page ${p.number} number right edge`);
    else near(r.x, 28 + 14 * PT, `page ${p.number} number left edge`);
    near(r.baseline - 0.88 * 14 * PT + (14 * PT) / 2, 262 + 7, `page ${p.number} number centre`, 1.2);
  }
  // the last page holds text besides the date and seal
  const last = pages[(e.letterPages ?? pages.length) - 1]!;
  const dateLine = linesOf(body(last)).findIndex((l) => l.text.replace(/\s/g, '') === e.date);
  if (dateLine < 0) throw new Error(`date ${e.date} not on page ${last.number}`);
  if (dateLine < 3) throw new Error(`page ${last.number}: only ${dateLine} lines before the sender and date`);
  // text: names, number, date, real 月/日
  const all = pages.map((p) => p.text.replace(/\s/g, '')).join('');
  for (const n of e.names) if (!all.includes(n)) throw new Error(`name ${n} not in the PDF text`);
  if (!all.includes(e.docNumber) || !all.includes(e.date)) throw new Error('number or date not in the PDF text');
  if (RADICALS.test(all)) throw new Error(`Kangxi radicals in the PDF text: ${all.match(RADICALS)}`);
}
