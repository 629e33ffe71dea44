/**
 * Pre-filled 承诺书 for a whole roster: one A4 page per person (姓名, 单位, 职务 filled in;
 * the campaign's text; blank signature and date lines; a family co-signer line when the
 * campaign needs one). The text block and fonts follow GB/T 9704 (3号仿宋 on the 22-row
 * grid, 2号小标宋 title); a long text steps down to 4号 and then 小四 to stay on one page,
 * and only beyond that continues on a second page — breaking as a 公文 is broken: no
 * paragraph leaves one line alone at a page's foot or top, and the signatures go over
 * with at least the text's last two lines (breakPages).
 *
 * Templates only place text in boxes; compose.ts escapes every string when it renders.
 */
import type { CampaignDetail, RosterEntry } from './contract';
import type { Page, TextBox } from '../print/compose';
import { BLOCK, BLOCK_RIGHT, BODY_PT, PT, SIZE, TITLE_PT } from '../print/geometry';
import { breakLines, splitTitle, textWidthMm } from '../print/text';

export interface PledgeFormPerson {
  name: string;
  unit: string;
  position: string;
}

export interface PledgeFormData {
  /** "不操办升学宴谢师宴承诺书" */
  title: string;
  text: string;
  /** "家属" / "配偶", or null when nobody co-signs. */
  cosigner: string | null;
  persons: PledgeFormPerson[];
}

/** The printed title of a type: 廉洁过节 → 廉洁过节承诺书, 任前廉政承诺 → 任前廉政承诺书. */
export function pledgeFormTitle(pledgeType: string): string {
  const t = pledgeType.trim();
  if (t.endsWith('承诺书')) return t;
  if (t.endsWith('承诺')) return `${t}书`;
  return `${t}承诺书`;
}

export function pledgeFormData(c: CampaignDetail, roster: RosterEntry[]): PledgeFormData {
  return {
    title: pledgeFormTitle(c.pledgeType),
    text: c.templateText,
    cosigner: c.needsCosigner ? (c.cosignerLabel ?? '家属') : null,
    persons: roster.map((r) => ({
      name: r.person.name,
      unit: r.person.unitPath?.split('／').join('') ?? r.person.unitName ?? '',
      position: r.person.position ?? '',
    })),
  };
}

/** Type sizes tried in turn (pt) with their line pitch (mm): 3号 on the GB/T grid, then 4号, 小四. */
const STEPS = [
  { pt: BODY_PT, pitch: BLOCK.height / 22 },
  { pt: SIZE.四号, pitch: BLOCK.height / 26 },
  { pt: SIZE.小四, pitch: BLOCK.height / 30 },
] as const;

type Line = {
  text: string;
  indent?: number;
  justify?: boolean;
  align?: 'left' | 'right' | 'center';
  underline?: { from: number; to: number };
  part: string;
  /** The pledge text's paragraph this line belongs to (0-based). */
  para?: number;
};

function linesFor(d: PledgeFormData, p: PledgeFormPerson, pt: number): Line[] {
  const m = { sizeMm: pt * PT, letterSpacingMm: 0 };
  const em = pt * PT;
  const w = BLOCK.width;
  const out: Line[] = [];
  // filled-in particulars
  const info = [`姓名：${p.name}`, `单位：${p.unit || '　'}`, `职务：${p.position || '　'}`];
  const oneLine = info.join('　　');
  if (textWidthMm(oneLine, m) <= w) out.push({ text: oneLine, part: 'person-info' });
  else for (const t of info) for (const l of breakLines(t, { ...m, widthMm: w })) out.push({ text: l, part: 'person-info' });
  out.push({ text: '', part: 'blank' });
  // the pledge text, paragraph by paragraph, first lines indented two characters
  d.text
    .split(/\n+/)
    .map((s) => s.trim())
    .filter(Boolean)
    .forEach((para, k) => {
      const lines = breakLines(para, { ...m, widthMm: w, firstWidthMm: w - 2 * em });
      lines.forEach((l, i) =>
        out.push({ text: l, justify: i < lines.length - 1, ...(i === 0 ? { indent: 2 * em } : {}), part: 'pledge-text', para: k }),
      );
    });
  out.push({ text: '', part: 'blank' });
  // signatures: label, then a line to write on
  const sign = (label: string, part: string) => {
    const x = w / 2 - 6 * em;
    const labelW = textWidthMm(label, m);
    out.push({ text: label, indent: x, part, underline: { from: x + labelW + 1, to: w } });
    out.push({ text: '', part: 'blank' });
  };
  sign('承诺人（签名）：', 'signature');
  if (d.cosigner) sign(`${d.cosigner}（共同签名）：`, 'cosigner');
  if (d.cosigner) sign('与承诺人关系：', 'cosigner-relation');
  out.push({ text: '　　　　年　　月　　日', align: 'right', part: 'sign-date' });
  return out;
}

/** One page (rarely two) per person. */
export function layoutPledgeForms(d: PledgeFormData): Page[] {
  const pages: Page[] = [];
  d.persons.forEach((person, index) => {
    const letter = index + 1;
    const titleLines = splitTitle(d.title, Math.floor(BLOCK.width / (TITLE_PT * PT)) - 1);
    // Title: two grid rows of 3号 per line, then one blank row.
    const titleHeight = titleLines.length * (BLOCK.height / 22) + BLOCK.height / 22;
    let step: (typeof STEPS)[number] = STEPS[0];
    let lines = linesFor(d, person, step.pt);
    for (const s of STEPS) {
      step = s;
      lines = linesFor(d, person, s.pt);
      if (titleHeight + lines.length * s.pitch <= BLOCK.height + 1e-6) break;
    }
    let own = 0;
    const start = (): Page => {
      own++;
      const p: Page = { boxes: [], number: own, letter };
      pages.push(p);
      return p;
    };
    const rows = (height: number) => Math.floor(height / step.pitch + 1e-6);
    breakPages(lines, rows(BLOCK.height - titleHeight), rows(BLOCK.height)).forEach((onPage, n) => {
      const page = start();
      if (n === 0)
        page.boxes.push({
          type: 'text',
          x: BLOCK.left,
          y: BLOCK.top,
          w: BLOCK.width,
          lineHeight: BLOCK.height / 22,
          role: 'xiaobiaosong',
          pt: TITLE_PT,
          align: 'center',
          lines: titleLines.map((text) => ({ text })),
          part: 'pledge-title',
        });
      let y = BLOCK.top + (n === 0 ? titleHeight : 0);
      for (const l of onPage) {
        if (l.text) {
          const box: TextBox = {
            type: 'text',
            x: BLOCK.left,
            y,
            w: BLOCK.width,
            lineHeight: step.pitch,
            role: 'fangsong',
            pt: step.pt,
            align: l.align ?? 'left',
            lines: [{ text: l.text, ...(l.justify ? { justify: true } : {}), ...(l.indent ? { indent: l.indent } : {}) }],
            part: l.part,
          };
          page.boxes.push(box);
          if (l.underline) {
            page.boxes.push({
              type: 'rect',
              x: BLOCK.left + l.underline.from,
              y: y + step.pitch * 0.8,
              w: Math.min(BLOCK_RIGHT, BLOCK.left + l.underline.to) - (BLOCK.left + l.underline.from),
              h: 0.3,
              color: '#000',
              part: `${l.part}-line`,
            });
          }
        }
        y += step.pitch;
      }
    });
  });
  return pages;
}

/**
 * The lines of each page, `firstRows` on the first (below the title), `rows` on the next.
 * A break that would leave a paragraph's first line alone at a page's foot (孤行) or its
 * last line alone at the next page's top (寡行, the “贴。” alone) moves up so at least two
 * lines stand on each side, or the whole paragraph goes over; the signature block (the
 * lines after the text) never opens a page without the text's last two lines. A blank
 * line does not open a page.
 */
export function breakPages<L extends { text: string; para?: number }>(lines: L[], firstRows: number, rows: number): L[][] {
  const paraRange = new Map<number, { s: number; e: number }>();
  lines.forEach((l, i) => {
    if (l.para === undefined) return;
    const r = paraRange.get(l.para);
    if (r) r.e = i;
    else paraRange.set(l.para, { s: i, e: i });
  });
  const lastText = Math.max(-1, ...[...paraRange.values()].map((r) => r.e));
  /** The span a break at `b` falls in: a paragraph, the last one running on through the signatures. */
  const spanOf = (b: number) => {
    const para = lines[b]!.para ?? (b > lastText && lastText >= 0 ? lines[lastText]!.para : undefined);
    return para === undefined ? null : paraRange.get(para)!;
  };
  const pages: L[][] = [];
  let i = 0;
  while (i < lines.length) {
    if (pages.length) while (i < lines.length && !lines[i]!.text) i++;
    if (i >= lines.length) break;
    const end = Math.min(lines.length, i + (pages.length ? rows : firstRows));
    let b = end;
    const span = end < lines.length ? spanOf(end) : null;
    if (span && b > span.s) {
      if (b > span.e)
        b = Math.max(span.s, span.e - 1); // signatures: the last two lines go with them
      else if (b === span.e) b--; // the last line would stand alone at the top
      if (b - span.s < 2) b = span.s; // the first line would stand alone at the foot
      if (b <= i) b = end; // longer than a page: break where it falls
    }
    pages.push(lines.slice(i, b));
    i = b;
  }
  return pages;
}
