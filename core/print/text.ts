/**
 * Text for printing: HTML escaping, a width model of characters, and line breaking
 * with the Chinese line-start/line-end rules (避头尾). The templates break every line
 * themselves, so the layout (and with it the page breaks) is known before Chromium
 * sees the document; Chromium only justifies each line inside its box.
 */

/** Escapes text for HTML element content and attribute values. All user text goes through here. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[c]!);
}

/**
 * Advance widths in em of half-width characters: the larger of the bundled Noto Serif SC
 * (仿宋 and 宋体 stand-in) and Noto Sans SC (黑体 stand-in) as measured in Chromium, and
 * at least the 0.5 em of the Windows 仿宋/黑体, plus 0.01 em. Over-estimating only leaves
 * a little more space for justification; under-estimating would push text past the
 * margin. (The 楷体 stand-in's digits are 0.6 em: no template sets digits in 楷体.)
 */
const HALF_WIDTH_EM: Record<string, number> = {
  '0': 0.56,
  '1': 0.56,
  '2': 0.56,
  '3': 0.56,
  '4': 0.56,
  '5': 0.56,
  '6': 0.56,
  '7': 0.56,
  '8': 0.56,
  '9': 0.56,
  a: 0.57,
  b: 0.65,
  c: 0.55,
  d: 0.64,
  e: 0.56,
  f: 0.51,
  g: 0.58,
  h: 0.67,
  i: 0.51,
  j: 0.51,
  k: 0.62,
  l: 0.51,
  m: 0.98,
  n: 0.67,
  o: 0.62,
  p: 0.65,
  q: 0.63,
  r: 0.51,
  s: 0.51,
  t: 0.51,
  u: 0.66,
  v: 0.56,
  w: 0.85,
  x: 0.57,
  y: 0.56,
  z: 0.51,
  A: 0.73,
  B: 0.68,
  C: 0.7,
  D: 0.78,
  E: 0.66,
  F: 0.64,
  G: 0.75,
  H: 0.86,
  I: 0.51,
  J: 0.54,
  K: 0.74,
  L: 0.63,
  M: 0.98,
  N: 0.81,
  O: 0.78,
  P: 0.65,
  Q: 0.78,
  R: 0.72,
  S: 0.61,
  T: 0.67,
  U: 0.81,
  V: 0.72,
  W: 1.06,
  X: 0.71,
  Y: 0.7,
  Z: 0.61,
  ' ': 0.51,
  '.': 0.51,
  ',': 0.51,
  '-': 0.51,
  '(': 0.51,
  ')': 0.51,
  '/': 0.51,
  ':': 0.51,
  ';': 0.51,
  '@': 0.96,
  '#': 0.58,
  '%': 0.93,
  '&': 0.79,
  '*': 0.51,
  '+': 0.59,
  '=': 0.59,
  '?': 0.51,
  '!': 0.51,
  _: 0.57,
  '<': 0.59,
  '>': 0.59,
  '[': 0.51,
  ']': 0.51,
  '{': 0.51,
  '}': 0.51,
  "'": 0.51,
  '"': 0.51,
  '`': 0.51,
  '|': 0.51,
  '\\': 0.51,
  '~': 0.59,
  '^': 0.59,
  $: 0.58,
};

const CJK_OR_FULL =
  /[\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u3000-\u303F\u2014\u2026\u201C\u201D\u2018\u2019\u00B7]|[\uD840-\uD87F][\uDC00-\uDFFF]/;

/** Width of one character (code point) in em. */
export function charEm(ch: string): number {
  const half = HALF_WIDTH_EM[ch];
  if (half !== undefined) return half;
  if (CJK_OR_FULL.test(ch)) return 1;
  // Anything else (Latin letters with accents, symbols): assume full width.
  return 1;
}

/** Width in the layout's 28-per-line grid: a CJK character is 1, half-width characters about half. */
export function isHalfWidth(ch: string): boolean {
  return HALF_WIDTH_EM[ch] !== undefined;
}

/** Characters that may not start a line (避头). */
const NO_LINE_START = new Set([...'，。、；：？！）》」』”’〕】〉…—%‰℃,.;:?!)]}·～']);
/** Characters that may not end a line (避尾). */
const NO_LINE_END = new Set([...'（《「『“‘〔【〈([{']);

export interface TextMetrics {
  /** Font size in mm. */
  sizeMm: number;
  /** Letter-spacing in mm (added after every character, as CSS does). */
  letterSpacingMm: number;
}

export function textWidthMm(text: string, m: TextMetrics): number {
  let w = 0;
  for (const ch of text) w += charEm(ch) * m.sizeMm + m.letterSpacingMm;
  return w;
}

/** Splits text into tokens that do not break: runs of half-width letters/digits stay whole ("2025", "13800001111"). */
function tokens(text: string): string[] {
  const out: string[] = [];
  let run = '';
  for (const ch of text) {
    if (/[A-Za-z0-9.@_\-+%]/.test(ch)) {
      run += ch;
      continue;
    }
    if (run) {
      out.push(run);
      run = '';
    }
    out.push(ch);
  }
  if (run) out.push(run);
  return out;
}

export interface BreakOptions extends TextMetrics {
  /** Width available for a line, mm. */
  widthMm: number;
  /** Width available for the first line, when it differs (a first-line indent). */
  firstWidthMm?: number;
}

/**
 * Breaks one paragraph into lines no wider than the box, keeping closing punctuation
 * off line starts and opening punctuation off line ends (the character before is
 * carried to the next line with it, as Word does by default). Newlines force breaks.
 */
export function breakLines(text: string, o: BreakOptions): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    const toks = tokens(para);
    let i = 0;
    if (!toks.length) {
      lines.push('');
      continue;
    }
    const own: string[][] = [];
    while (i < toks.length) {
      const limit = (lines.length + own.length === 0 && o.firstWidthMm !== undefined ? o.firstWidthMm : o.widthMm) + 1e-6;
      let w = 0;
      let j = i;
      while (j < toks.length) {
        const tw = textWidthMm(toks[j]!, o);
        if (w + tw > limit) break;
        w += tw;
        j++;
      }
      if (j === i) {
        // One token wider than the line (a very long number): split it by characters.
        const chars = [...toks[i]!];
        let k = 0;
        let cw = 0;
        while (k < chars.length && cw + textWidthMm(chars[k]!, o) <= limit) cw += textWidthMm(chars[k++]!, o);
        k = Math.max(1, k);
        own.push([chars.slice(0, k).join('')]);
        toks[i] = chars.slice(k).join('');
        if (!toks[i]) i++;
        continue;
      }
      if (j < toks.length) {
        // 避头: the next line would start with closing punctuation → carry the token before it along.
        let back = j;
        while (back > i + 1 && NO_LINE_START.has(firstChar(toks[back]!))) back--;
        // 避尾: do not end the line on opening punctuation.
        while (back > i + 1 && NO_LINE_END.has(lastChar(toks[back - 1]!))) back--;
        j = back;
      }
      own.push(toks.slice(i, j));
      i = j;
    }
    avoidLoneLastLine(own);
    for (const l of own) lines.push(l.join(''));
  }
  return lines;
}

/**
 * A paragraph never ends on a line of one character (“贴。” alone): the last word of the
 * line above comes down with it (with the punctuation rules kept), as a typesetter would.
 */
function avoidLoneLastLine(own: string[][]): void {
  if (own.length < 2) return;
  const last = own[own.length - 1]!;
  const prev = own[own.length - 2]!;
  const real = [...last.join('')].filter((c) => !NO_LINE_START.has(c)).length;
  if (real > 1) return;
  let take = 1;
  // the token that comes down may not be closing punctuation, and the line above may not end on opening punctuation
  while (
    take < prev.length - 1 &&
    (NO_LINE_START.has(firstChar(prev[prev.length - take]!)) || NO_LINE_END.has(lastChar(prev[prev.length - take - 1]!)))
  )
    take++;
  if (prev.length - take < 2) return;
  last.unshift(...prev.splice(prev.length - take, take));
}

const firstChar = (s: string) => [...s][0] ?? '';
const lastChar = (s: string) => {
  const a = [...s];
  return a[a.length - 1] ?? '';
};

/** Layout cells a line occupies in the 28-per-line grid (half-width characters count their em width). */
export function lineCells(line: string): number {
  let n = 0;
  for (const ch of line) n += charEm(ch);
  return n;
}

/**
 * Splits a title into balanced lines no wider than `maxChars`, longer lines first
 * (a trapezoid: GB/T 9704 asks titles to wrap into a trapezoid or diamond, keeping
 * words whole where it can: here, breaking only after 的/、/等/关于-phrases is not
 * attempted; the lines are just balanced).
 */
export function splitTitle(title: string, maxCells: number): string[] {
  const chars = [...title];
  const total = lineCells(title);
  if (total <= maxCells) return [title];
  const n = Math.ceil(total / maxCells);
  const lines: string[] = [];
  let start = 0;
  for (let k = 0; k < n; k++) {
    const remaining = chars.slice(start);
    const remainingCells = lineCells(remaining.join(''));
    const target = k === n - 1 ? remainingCells : Math.min(maxCells, Math.ceil(remainingCells / (n - k)));
    let cells = 0;
    let end = start;
    while (end < chars.length && cells + charEm(chars[end]!) <= target + 1e-6) cells += charEm(chars[end++]!);
    // keep closing punctuation with the line before
    while (end < chars.length && NO_LINE_START.has(chars[end]!) && end > start) end--;
    if (end === start) end = Math.min(chars.length, start + 1);
    lines.push(chars.slice(start, end).join(''));
    start = end;
  }
  if (start < chars.length) lines[lines.length - 1] += chars.slice(start).join('');
  return lines.filter((l) => l.length);
}

/** 2025-07-01 → 2025年7月1日 (Arabic numerals, no padding: GB/T 9704 §7.3.5.1). */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}

/** Every distinct character of the strings (for choosing font subsets). */
export function charsOf(...texts: string[]): Set<string> {
  const set = new Set<string>();
  for (const t of texts) for (const ch of t) set.add(ch);
  return set;
}
