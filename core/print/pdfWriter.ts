/**
 * PDFs written straight from the page model (core/letters/compose.ts), the same pages
 * the HTML preview and paper print come from, with no browser (docs/decisions.md 30).
 * Every box is drawn where the HTML's CSS puts it: text lines with their indent,
 * alignment, letter-spacing and justification (the extra width spread over the gaps the
 * browser uses), centred in their line pitch by the primary face's ascent and descent;
 * lead runs and characters a face lacks in the next face of the chain (pdfFonts.ts);
 * rects, frames, the seal's small text and the watermark.
 *
 * Fonts go in as CID TrueType subsets (Identity-H, ToUnicode: copied text is the real
 * characters). The output is deterministic: no dates, subset tags from the glyphs used,
 * resources named in order, so the same pages always give the same bytes.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { Font as FontkitFont, Glyph as FontkitGlyph } from '@pdf-lib/fontkit';
import { PDFDocument, PDFName, type PDFFont, type PDFRef } from 'pdf-lib';
import { AppError } from '../errors';
import type { Box, Page, TextBox } from './compose';
import type { FontRole, ResolvedFont } from './contract';
import { A4, PT } from './geometry';
import { resolveFonts } from './fonts';
import { cachedFontkit, fileFor, fontsReady, preloadBodyFace, preloadFonts, primaryFile, type FontFile } from './pdfFonts';

/** What a PDF is written from: renderDocument's input. */
export interface PdfSource {
  title: string;
  pages: Page[];
  fonts: ResolvedFont[];
  landscape: boolean;
}

export interface WriteOptions {
  /** Report pages done after every `partPages` pages (a PDF job's progress); cancelled between parts. */
  partPages?: number;
  signal?: AbortSignal;
  onPages?: (done: number, total: number) => void;
}

const pt = (mm: number) => mm / PT;
/** Numbers in content streams: 3 decimals, no exponent, no "-0". */
const n = (v: number) => {
  const r = Math.round(v * 1000) / 1000;
  return r === 0 ? '0' : String(r);
};

interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

/** CSS colours the templates use: #rgb, #rrggbb, rgb()/rgba(). */
export function parseColor(css: string | undefined): Rgba {
  if (!css) return { r: 0, g: 0, b: 0, a: 1 };
  const s = css.trim();
  let m = /^#([0-9a-f]{3})$/i.exec(s);
  if (m) {
    const [r, g, b] = [...m[1]!].map((c) => parseInt(c + c, 16) / 255) as [number, number, number];
    return { r, g, b, a: 1 };
  }
  m = /^#([0-9a-f]{6})$/i.exec(s);
  if (m) {
    const v = parseInt(m[1]!, 16);
    return { r: (v >> 16) / 255, g: ((v >> 8) & 255) / 255, b: (v & 255) / 255, a: 1 };
  }
  m = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+)\s*)?\)$/i.exec(s);
  if (m) return { r: Number(m[1]) / 255, g: Number(m[2]) / 255, b: Number(m[3]) / 255, a: m[4] === undefined ? 1 : Number(m[4]) };
  return { r: 0, g: 0, b: 0, a: 1 };
}

/**
 * Whether the browser may stretch the space before and after a character when justifying
 * (Chromium's ideographs and CJK symbols and punctuation; spaces separately).
 */
const CJK =
  /[\u1100-\u11ff\u2e80-\u2fff\u3000-\u303f\u3040-\u31ff\u3200-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]|[\u{20000}-\u{3ffff}]/u;
const isSpace = (ch: string) => ch === ' ' || ch === '\u00a0';

const codeOf = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** The refusal of a print holding characters no font here can draw, naming each one. */
export function undrawableInPrint(chars: string[]): string {
  const named = [...new Set(chars)].map((c) => `“${c}”（${codeOf(c)}）`).join('、');
  return `打印内容中的${named}无法用公文字体打印，打印件会出现空白。请修改该处文字（人员姓名、单位名称或正文）后再打印；如确为此字，请联系管理员安装含该字的字体。`;
}

const INVISIBLE = /[\p{Cf}\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}]/gu;

/** One character to draw: its face, its advance in mm, and where it starts. */
interface Glyph {
  ch: string;
  file: FontFile | null;
  advance: number;
  x: number;
}

/** A line's characters with the face that draws each: white-space collapsed as `white-space: nowrap` does. */
function lineChars(text: string, lead: { role: FontRole; length: number } | undefined, role: FontRole): { ch: string; role: FontRole }[] {
  // Invisible format characters (zero-width space and joiners, BOM, variation selectors) come
  // in with pasted text: the browser gives them no width and draws nothing, and so do we.
  const chars = [...text.replace(INVISIBLE, '')].map((ch, i) => ({
    ch: /[\t\n\r]/.test(ch) ? ' ' : ch,
    role: lead && i < lead.length ? lead.role : role,
  }));
  const out: { ch: string; role: FontRole }[] = [];
  for (const c of chars) {
    if (c.ch === ' ' && (!out.length || out[out.length - 1]!.ch === ' ')) continue;
    out.push(c);
  }
  while (out.length && out[out.length - 1]!.ch === ' ') out.pop();
  return out;
}

/** The document being written: fonts embedded once, resources named in order. */
class Writer {
  readonly doc: PDFDocument;
  private readonly embedded = new Map<FontFile, { font: PDFFont; name: string }>();
  private readonly alphas = new Map<number, string>();
  private alphaRefs = new Map<string, PDFRef>();
  private readonly roleFonts: Map<FontRole, ResolvedFont>;

  constructor(
    doc: PDFDocument,
    fonts: ResolvedFont[],
    private readonly usedBy: Map<FontFile, Set<number>>,
  ) {
    this.doc = doc;
    this.roleFonts = new Map(fonts.map((f) => [f.role, f]));
  }

  roleFont(role: FontRole): ResolvedFont {
    return (
      this.roleFonts.get(role) ?? {
        role,
        source: 'bundled',
        family: role,
        file: null,
        bundled: '',
        bundledPackage: '',
        note: '',
      }
    );
  }

  /** The embedded font for a file, its name in every page's resources (F1, F2 … in order of first use). */
  async font(file: FontFile): Promise<{ font: PDFFont; name: string }> {
    let e = this.embedded.get(file);
    if (!e) {
      const codes = [...(this.usedBy.get(file) ?? [])].sort((a, b) => a - b);
      const hash = createHash('sha256').update(file.postscriptName).update(codes.join(',')).digest();
      // A subset tag of six capitals derived from the glyphs in it (PDF 32000 9.6.4), never random.
      const tag = [...hash.subarray(0, 6)].map((x) => String.fromCharCode(65 + (x % 26))).join('');
      const font = await this.doc.embedFont(file.bytes, {
        subset: true,
        customName: `${tag}+${file.postscriptName}`,
      });
      e = { font, name: `F${this.embedded.size + 1}` };
      this.embedded.set(file, e);
    }
    return e;
  }

  /** An ExtGState name for a fill opacity (the watermark's rgba). */
  alpha(a: number): string {
    let name = this.alphas.get(a);
    if (!name) {
      name = `GS${this.alphas.size + 1}`;
      this.alphas.set(a, name);
      this.alphaRefs.set(name, this.doc.context.register(this.doc.context.obj({ Type: 'ExtGState', ca: a, CA: a })));
    }
    return name;
  }

  fontsOnPage = new Set<FontFile>();
  alphasOnPage = new Set<string>();

  resources(page: ReturnType<PDFDocument['addPage']>) {
    for (const f of this.fontsOnPage) {
      const e = this.embedded.get(f)!;
      page.node.setFontDictionary(PDFName.of(e.name), e.font.ref);
    }
    for (const a of this.alphasOnPage) page.node.setExtGState(PDFName.of(a), this.alphaRefs.get(a)!);
    this.fontsOnPage = new Set();
    this.alphasOnPage = new Set();
  }
}

/** Where each character of a line goes (mm), as the browser sets it. */
function placeLine(w: Writer, b: TextBox, line: TextBox['lines'][number]): Glyph[] {
  const size = b.pt * PT; // em, mm
  const ls = b.letterSpacing ?? 0;
  const glyphs: Glyph[] = lineChars(line.text, line.lead, b.role).map(({ ch, role }) => {
    const file = fileFor(w.roleFont(role), ch.codePointAt(0)!);
    return { ch, file, advance: (file ? file.advance(ch.codePointAt(0)!) : /[\x20-\x7e]/.test(ch) ? 0.5 : 1) * size + ls, x: 0 };
  });
  // A character no face can draw would print as a gap (the browser would reach for a system
  // font and embed it as Type 3): refuse the print, naming the character, so it can be corrected.
  const missing = glyphs.filter((g) => !g.file && !/\s/u.test(g.ch)).map((g) => g.ch);
  if (missing.length) throw new AppError('VALIDATION', undrawableInPrint(missing));
  const indent = line.indent ?? 0;
  const avail = b.w - indent;
  const natural = glyphs.reduce((s, g) => s + g.advance, 0);
  const left = b.x + indent;
  // Justified lines: the extra width shared out over the places the browser stretches: after
  // each space, and before and after each CJK character, but never before the first or after the last.
  let gaps: number[] = glyphs.map(() => 0);
  let extra = 0;
  if (line.justify && natural < avail && glyphs.length > 1) {
    let afterGap = true; // no stretch before the line's first character
    gaps = glyphs.map((g) => {
      let before = 0;
      if (isSpace(g.ch)) {
        afterGap = true;
        return 0x10; // one after
      }
      if (CJK.test(g.ch)) {
        if (!afterGap) before = 1;
        afterGap = true;
        return before | 0x10;
      }
      afterGap = false;
      return 0;
    });
    const last = gaps.length - 1;
    gaps[last] = gaps[last]! & ~0x10; // nothing after the last
    const count = gaps.reduce((s, g) => s + (g & 1) + (g >> 4), 0);
    if (count) extra = (avail - natural) / count;
  }
  let x =
    line.justify || natural >= avail || b.align === 'left'
      ? left
      : b.align === 'right'
        ? left + avail - natural
        : left + (avail - natural) / 2;
  glyphs.forEach((g, i) => {
    const k = gaps[i]!;
    x += (k & 1) * extra;
    g.x = x;
    x += g.advance + (k >> 4) * extra;
  });
  return glyphs;
}

/** The baseline of line `i` of a box (mm from the top): centred in its pitch by the primary face's metrics, as CSS does. */
function baselineOf(w: Writer, b: TextBox, i: number): number {
  const primary = primaryFile(w.roleFont(b.role));
  const [ascent, descent] = primary ? [primary.ascent, primary.descent] : [0.88, 0.12];
  const size = b.pt * PT;
  return b.y + i * b.lineHeight + b.lineHeight / 2 + ((ascent - descent) * size) / 2;
}

interface Laid {
  ops: ((w: Writer, pageHeight: number) => Promise<string>)[];
}

/** Text of a box, as content-stream operators: one TJ per run of one face, every character at its own place. */
async function textOps(w: Writer, b: TextBox, pageHeight: number, glyphsByLine: Glyph[][], alpha?: number): Promise<string> {
  const c = parseColor(b.color);
  const out: string[] = [`${n(c.r)} ${n(c.g)} ${n(c.b)} rg`];
  const a = alpha ?? c.a;
  if (a < 1) {
    const gs = w.alpha(a);
    w.alphasOnPage.add(gs);
    out.push(`/${gs} gs`);
  }
  out.push('BT');
  for (let i = 0; i < glyphsByLine.length; i++) {
    const glyphs = glyphsByLine[i]!;
    const y = pageHeight - pt(baselineOf(w, b, i));
    // Runs of one face; blanks (spaces, U+3000) are not drawn, only skipped over.
    const drawn = glyphs.filter((g) => g.file && !/\s/u.test(g.ch));
    let start = 0;
    while (start < drawn.length) {
      const file = drawn[start]!.file!;
      let end = start + 1;
      while (end < drawn.length && drawn[end]!.file === file) end++;
      const run = drawn.slice(start, end);
      start = end;
      const { font, name } = await w.font(file);
      w.fontsOnPage.add(file);
      const hex = codesOf(
        font,
        run.map((g) => g.ch),
      );
      // TJ: each glyph, then the shift (thousandths of an em, negative = right) to the next one's place.
      const parts: string[] = [];
      for (let k = 0; k < run.length; k++) {
        parts.push(`<${hex[k]}>`);
        if (k < run.length - 1) {
          const natural = file.advance(run[k]!.ch.codePointAt(0)!) * b.pt * PT;
          const shift = run[k + 1]!.x - run[k]!.x - natural;
          if (Math.abs(shift) > 1e-6) parts.push(n((-shift / (b.pt * PT)) * 1000));
        }
      }
      out.push(`/${name} ${n(b.pt)} Tf 1 0 0 1 ${n(pt(run[0]!.x))} ${n(y)} Tm [${parts.join('')}] TJ`);
    }
  }
  out.push('ET');
  return out.join('\n');
}

/** The parts of pdf-lib's (1.17.1, pinned) subset embedder that encodeText uses. */
interface SubsetEmbedder {
  font: FontkitFont;
  subset: { includeGlyph(glyph: FontkitGlyph): number };
  glyphs: FontkitGlyph[];
  glyphIdMap: Map<number, number>;
  glyphCache: { invalidate(): void };
}

/**
 * Each character's glyph code (4 hex digits) in the embedded subset: the character's own
 * glyph, as pdf-lib's encodeText would put it in the subset but without shaping the text
 * first (the HTML turns ligatures and kerning off, and shaping was a third of a letter's time).
 */
function codesOf(font: PDFFont, chars: string[]): string[] {
  const e = (font as unknown as { embedder: SubsetEmbedder }).embedder;
  const codes = chars.map((ch) => {
    const glyph = e.font.glyphForCodePoint(ch.codePointAt(0)!);
    const id = e.subset.includeGlyph(glyph);
    e.glyphs[id - 1] = glyph;
    e.glyphIdMap.set(glyph.id, id);
    return id.toString(16).padStart(4, '0');
  });
  e.glyphCache.invalidate();
  return codes;
}

function rect(pageHeight: number, x: number, y: number, w: number, h: number, color: string | undefined): string {
  const c = parseColor(color);
  return `${n(c.r)} ${n(c.g)} ${n(c.b)} rg ${n(pt(x))} ${n(pageHeight - pt(y + h))} ${n(pt(w))} ${n(pt(h))} re f`;
}

/** The page's boxes laid out (fonts chosen, characters placed) before anything is embedded. */
function layPage(w: Writer, page: Page, usedBy: Map<FontFile, Set<number>>, width: number, height: number): Laid {
  const ops: Laid['ops'] = [];
  const use = (glyphs: Glyph[][]) => {
    for (const line of glyphs)
      for (const g of line)
        if (g.file) {
          let set = usedBy.get(g.file);
          if (!set) usedBy.set(g.file, (set = new Set()));
          set.add(g.ch.codePointAt(0)!);
        }
  };
  const text = (b: TextBox, transform?: string, alpha?: number) => {
    const glyphs = b.lines.map((l) => placeLine(w, b, l));
    use(glyphs);
    ops.push(async (wr, ph) => {
      const body = await textOps(wr, b, ph, glyphs, alpha);
      return transform ? `q ${transform} cm\n${body}\nQ` : `q\n${body}\nQ`;
    });
  };
  for (const b of page.boxes as Box[]) {
    switch (b.type) {
      case 'text':
        text(b);
        break;
      case 'rect':
        ops.push(async (_w, ph) => rect(ph, b.x, b.y, b.w, b.h, b.color));
        break;
      case 'frame': {
        const { x, y, w: bw, h, width: t } = b;
        const sides: [number, number, number, number][] = [];
        if (b.borders.top) sides.push([x, y, bw, t]);
        if (b.borders.bottom) sides.push([x, y + h - t, bw, t]);
        if (b.borders.left) sides.push([x, y, t, h]);
        if (b.borders.right) sides.push([x + bw - t, y, t, h]);
        ops.push(async (_w, ph) => sides.map(([sx, sy, sw, sh]) => rect(ph, sx, sy, sw, sh, '#000')).join('\n'));
        break;
      }
      case 'seal':
        // On paper only the small text in its middle (the dashed guide is for the screen).
        if (b.text)
          text({
            type: 'text',
            x: b.cx - b.d / 2,
            y: b.cy - 3,
            w: b.d,
            lineHeight: 6,
            role: 'songti',
            pt: 10.5,
            align: 'center',
            color: '#999',
            lines: [{ text: b.text }],
          });
        break;
      case 'watermark': {
        // 60 pt 黑体 in a 40 mm line across the page's middle, turned 30° about the page's centre, 13% red.
        const box: TextBox = {
          type: 'text',
          x: 0,
          y: height / 2 - 20,
          w: width,
          lineHeight: 40,
          role: 'heiti',
          pt: 60,
          align: 'center',
          color: 'rgb(200,0,0)',
          lines: [{ text: b.text }],
        };
        const [cx, cy] = [pt(width / 2), pt(height / 2)];
        const r = (30 * Math.PI) / 180;
        const [cos, sin] = [Math.cos(r), Math.sin(r)];
        // rotate(-30deg) in the page's y-down space is +30° in the PDF's y-up space, about the centre
        text(box, `${n(cos)} ${n(sin)} ${n(-sin)} ${n(cos)} ${n(cx - cos * cx + sin * cy)} ${n(cy - sin * cx - cos * cy)}`, 0.13);
        break;
      }
    }
  }
  return { ops };
}

/**
 * The PDF of a document's pages. Long documents report progress and can be cancelled
 * between parts (`partPages`), yielding to the event loop there so polls get answered.
 */
export async function writePdf(source: PdfSource, options: WriteOptions = {}): Promise<Buffer> {
  const stop = () => {
    if (options.signal?.aborted) throw new AppError('CANCELLED', '已取消，PDF没有保存。');
  };
  stop();
  await fontsReady();
  const doc = await PDFDocument.create({ updateMetadata: false });
  // Node's zlib instead of pdf-lib's JavaScript deflate: a letter has ~70 streams (font subsets and their ToUnicode maps).
  const context = doc.context;
  context.flateStream = (contents, dict = {}) =>
    context.stream(deflateSync(typeof contents === 'string' ? Buffer.from(contents, 'latin1') : contents), {
      ...dict,
      Filter: 'FlateDecode',
    });
  doc.registerFontkit(cachedFontkit);
  if (source.title) doc.setTitle(source.title);
  doc.setProducer('清廉台账');
  doc.setCreator('清廉台账');
  const usedBy = new Map<FontFile, Set<number>>();
  const w = new Writer(doc, source.fonts, usedBy);
  const total = source.pages.length;
  const step = options.partPages ?? total;
  const laid: { page: Page; width: number; height: number; laid: Laid }[] = [];
  for (let i = 0; i < total; i++) {
    const page = source.pages[i]!;
    const landscape = page.landscape ?? source.landscape;
    const [width, height] = landscape ? [A4.height, A4.width] : [A4.width, A4.height];
    laid.push({ page, width, height, laid: layPage(w, page, usedBy, width, height) });
    if (step < total && (i + 1) % step === 0 && i + 1 < total) {
      options.onPages?.(i + 1, total);
      await new Promise((r) => setImmediate(r));
      stop();
    }
  }
  for (const l of laid) {
    const page = doc.addPage([pt(l.width), pt(l.height)]);
    const parts: string[] = [];
    for (const op of l.laid.ops) parts.push(await op(w, pt(l.height)));
    w.resources(page);
    const stream = doc.context.flateStream(parts.join('\n'));
    page.node.set(PDFName.of('Contents'), doc.context.register(stream));
  }
  const bytes = await doc.save({ useObjectStreams: true });
  stop();
  options.onPages?.(total, total);
  return Buffer.from(bytes);
}

/** Text in every role that a letter always has (the faces' most used subsets), parsed ahead at warm-up. */
const WARM_TEXT =
  '某某县纪委监委关于张三等同志党风廉政情况的复函中共组织部：你单位《征求意见》收悉。经查阅信访举报、问题线索、案件审查调查和党纪政务处分等有关资料，现将同志的函复如下未发现影响提拔使用的问题特此年月日附件序号姓名单位职务意见备注—1234567890〔〕（）';

/**
 * The process's PDF writer: every PDF the core makes goes through `render` (one object, so
 * a test can count the PDFs made). `warm` parses the fonts a letter always needs, once.
 */
export class PdfWriter {
  private warmed: Promise<void> | null = null;

  render(source: PdfSource, options?: WriteOptions): Promise<Buffer> {
    return writePdf(source, options);
  }

  /** Parses the faces every letter uses (bundled ones and, when set so, the installed ones) ahead of the first PDF. */
  warm(fonts: ResolvedFont[] = resolveFonts('bundled-only')): Promise<void> {
    // 楷体 (only level headings use it) is one 7 MB file: parsed on its first use, not at every login.
    const common = (list: ResolvedFont[]) => list.filter((f) => f.role !== 'kaiti');
    this.warmed ??= Promise.resolve()
      .then(() => preloadFonts(common(resolveFonts('bundled-only')), WARM_TEXT))
      .then(() => preloadBodyFace());
    return this.warmed.then(() => preloadFonts(common(fonts), WARM_TEXT));
  }
}

export const pdfWriter = new PdfWriter();
