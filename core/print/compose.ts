/**
 * The page model every template produces, and its HTML. A page is a fixed A4 box
 * (210 × 297 mm, or turned) with everything on it placed absolutely in millimetres;
 * text comes in lines the template has already broken. Nothing is wider than its page
 * and every page clips its content, so Chromium never shrinks a page to fit (the trap
 * in docs/pitfalls.md) and print, PDF and preview show the same pages.
 */
import type { FontRole, ResolvedFont } from './contract';
import { FONT_URL_BASE, bundledFontFaces, familyList, resolveFonts, type FontSource } from './fonts';
import { A4, PT } from './geometry';
import { escapeHtml } from './text';

export interface TextLine {
  text: string;
  /** Stretch the line to the box's width (all but the last line of a paragraph). */
  justify?: boolean;
  /** Extra space before the text (first-line indent), mm. */
  indent?: number;
  /** The line's first `length` characters in another face: a level heading (一、 in 黑体, （一） in 楷体) followed by body text. */
  lead?: { role: FontRole; length: number };
}

export interface TextBox {
  type: 'text';
  x: number;
  y: number;
  w: number;
  /** Line pitch, mm; the text is centred vertically in each line. */
  lineHeight: number;
  role: FontRole;
  pt: number;
  align: 'left' | 'center' | 'right';
  letterSpacing?: number;
  color?: string;
  lines: TextLine[];
  /** Marks for tests and the preview (data-part). */
  part?: string;
}

export interface RectBox {
  type: 'rect';
  x: number;
  y: number;
  w: number;
  h: number;
  color: string;
  part?: string;
}

/** A table cell frame (borders only). */
export interface FrameBox {
  type: 'frame';
  x: number;
  y: number;
  w: number;
  h: number;
  borders: { top?: boolean; right?: boolean; bottom?: boolean; left?: boolean };
  width: number;
}

/** The seal area: a dashed circle on screen only, with optional small text printed in its middle. */
export interface SealBox {
  type: 'seal';
  cx: number;
  cy: number;
  d: number;
  text: string | null;
}

export interface WatermarkBox {
  type: 'watermark';
  text: string;
}

export type Box = TextBox | RectBox | FrameBox | SealBox | WatermarkBox;

export interface Page {
  landscape?: boolean;
  boxes: Box[];
  /** 1-based number within its letter (for tests and data attributes). */
  number: number;
  letter: number;
}

const mm = (n: number) => `${Math.round(n * 1000) / 1000}mm`;

function renderText(b: TextBox): string {
  const style = [
    `left:${mm(b.x)}`,
    `top:${mm(b.y)}`,
    `width:${mm(b.w)}`,
    `font-size:${b.pt}pt`,
    `line-height:${mm(b.lineHeight)}`,
    `text-align:${b.align}`,
    b.letterSpacing ? `letter-spacing:${mm(b.letterSpacing)}` : '',
    b.color ? `color:${b.color}` : '',
  ]
    .filter(Boolean)
    .join(';');
  const lines = b.lines
    .map((l) => {
      const cls = l.justify ? 'ln j' : 'ln';
      const indent = l.indent ? ` style="padding-left:${mm(l.indent)}"` : '';
      if (l.lead) {
        const chars = [...l.text];
        const head = chars.slice(0, l.lead.length).join('');
        const rest = chars.slice(l.lead.length).join('');
        return `<div class="${cls}"${indent}><span class="f-${l.lead.role}">${escapeHtml(head)}</span>${escapeHtml(rest)}</div>`;
      }
      return `<div class="${cls}"${indent}>${escapeHtml(l.text) || '&nbsp;'}</div>`;
    })
    .join('');
  return `<div class="b f-${b.role}"${b.part ? ` data-part="${b.part}"` : ''} style="${style}">${lines}</div>`;
}

function renderBox(b: Box): string {
  switch (b.type) {
    case 'text':
      return renderText(b);
    case 'rect':
      return `<div class="r"${b.part ? ` data-part="${b.part}"` : ''} style="left:${mm(b.x)};top:${mm(b.y)};width:${mm(b.w)};height:${mm(b.h)};background:${b.color}"></div>`;
    case 'frame': {
      const side = (on: boolean | undefined) => (on ? `${mm(b.width)} solid #000` : 'none');
      return `<div class="r" style="left:${mm(b.x)};top:${mm(b.y)};width:${mm(b.w)};height:${mm(b.h)};border-top:${side(b.borders.top)};border-right:${side(b.borders.right)};border-bottom:${side(b.borders.bottom)};border-left:${side(b.borders.left)}"></div>`;
    }
    case 'seal': {
      const text = b.text
        ? `<div class="b f-songti seal-text" style="left:${mm(b.cx - b.d / 2)};top:${mm(b.cy - 3)};width:${mm(b.d)};font-size:10.5pt;line-height:6mm;text-align:center;color:#999">${escapeHtml(b.text)}</div>`
        : '';
      return `<div class="r seal-guide" style="left:${mm(b.cx - b.d / 2)};top:${mm(b.cy - b.d / 2)};width:${mm(b.d)};height:${mm(b.d)}"></div>${text}`;
    }
    case 'watermark':
      return `<div class="wm f-heiti">${escapeHtml(b.text)}</div>`;
  }
}

export function renderPage(p: Page): string {
  return `<section class="page${p.landscape ? ' landscape' : ''}" data-letter="${p.letter}" data-page="${p.number}">${p.boxes.map(renderBox).join('')}</section>`;
}

/** Every character drawn in each role (to pick font subsets). */
export function usedChars(pages: Page[]): Map<FontRole, Set<string>> {
  const used = new Map<FontRole, Set<string>>();
  const add = (role: FontRole, text: string) => {
    let set = used.get(role);
    if (!set) used.set(role, (set = new Set()));
    for (const ch of text) set.add(ch);
  };
  for (const p of pages)
    for (const b of p.boxes) {
      if (b.type === 'text')
        for (const l of b.lines) {
          if (!l.lead) add(b.role, l.text);
          else {
            const chars = [...l.text];
            add(l.lead.role, chars.slice(0, l.lead.length).join(''));
            add(b.role, chars.slice(l.lead.length).join(''));
          }
        }
      else if (b.type === 'seal' && b.text) add('songti', b.text);
      else if (b.type === 'watermark') add('heiti', b.text);
    }
  return used;
}

export interface DocumentParts {
  title: string;
  pages: Page[];
  fonts: ResolvedFont[];
  landscape: boolean;
  /** Inline the fonts (default: the document stands alone) or let our PDF renderer serve them. */
  fontSource?: FontSource;
}

/** A complete, self-contained HTML document: fonts inlined, no scripts (a CSP forbids them), nothing fetched. */
export function renderDocument({ title, pages, fonts, landscape, fontSource = 'inline' }: DocumentParts): string {
  const faces = bundledFontFaces(usedChars(pages), fontSource);
  const fontSrc = fontSource === 'inline' ? 'data:' : `data: ${FONT_URL_BASE}`;
  const families = fonts.map((f) => `.f-${f.role}{font-family:${familyList(f)}}`).join('\n');
  const [w, h] = landscape ? [A4.height, A4.width] : [A4.width, A4.height];
  const css = `
@page{size:A4 ${landscape ? 'landscape' : 'portrait'};margin:0}
*{box-sizing:border-box}
html,body{margin:0;padding:0;background:#fff}
body{-webkit-print-color-adjust:exact;print-color-adjust:exact;font-kerning:none;font-variant-ligatures:none}
.page{position:relative;width:${w}mm;height:${h}mm;overflow:hidden;break-after:page;background:#fff;color:#000}
.page:last-child{break-after:auto}
.b{position:absolute;white-space:nowrap;font-weight:400;font-synthesis:none}
.ln{white-space:nowrap;overflow:visible}
.j{text-align:justify;text-align-last:justify}
.r{position:absolute}
.seal-guide{display:none;border:0.3mm dashed #f3a0a0;border-radius:50%}
.wm{position:absolute;left:0;top:${h / 2 - 20}mm;width:${w}mm;text-align:center;font-size:60pt;line-height:40mm;color:rgba(200,0,0,0.13);transform:rotate(-30deg);pointer-events:none}
${families}
@media screen{
  html,body{background:#d9d9d9}
  body{padding:6mm 0}
  .page{margin:0 auto 6mm;box-shadow:0 1px 4px rgba(0,0,0,.35)}
  .seal-guide{display:block}
}
${faces}`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src ${fontSrc}; img-src data:"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title><style>${css}</style></head><body>${pages.map(renderPage).join('')}</body></html>`;
}

/** Points to mm, for templates. */
export const ptToMm = (pt: number) => pt * PT;

/**
 * A one-page document with `text` in every bundled face (served): the PDF renderer prints
 * it when warming up, so the subsets every letter needs are loaded before the first click.
 */
export function bundledWarmUpDocument(text: string): string {
  const roles: FontRole[] = ['fangsong', 'xiaobiaosong', 'heiti', 'songti'];
  const pages: Page[] = [
    {
      number: 1,
      letter: 1,
      boxes: roles.map((role, i) => ({
        type: 'text',
        x: 10,
        y: 10 + i * 20,
        w: 190,
        lineHeight: 8,
        role,
        pt: 16,
        align: 'left',
        lines: [{ text }],
      })),
    },
  ];
  return renderDocument({ title: '', pages, fonts: resolveFonts('bundled-only'), landscape: false, fontSource: 'served' });
}

/** A blank page (double-sided batches: the next letter starts on a front side). */
export function blankPage(number: number, letter: number): Page {
  return { boxes: [], number, letter };
}
