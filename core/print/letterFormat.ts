/**
 * Building blocks of the GB/T 9704-2012 letter format (信函格式) shared by every letter
 * kind (复函, 廉洁提醒函, …): page 1's head, the flowing body rows on the 22 × 28 grid,
 * the sign-off, page numbers, and the red header with its double lines.
 */
import type { Box, Page, TextBox, TextLine } from './compose';
import type { FontRole } from './contract';
import type { IsoDate } from '../shared/dates';
import {
  BLOCK,
  BLOCK_RIGHT,
  BODY_LETTER_SPACING,
  BODY_PT,
  CELL,
  LETTER,
  PAGE_NUMBER,
  PAGE_NUMBER_PT,
  PT,
  ROW,
  LINES_PER_PAGE,
  SIGN,
  TITLE_PT,
  firstLineTop,
  rowTop,
  secondLineTop,
} from './geometry';
import { breakLines, chineseDate, splitTitle, textWidthMm } from './text';

/** A row of the flowing text: one line, or a blank row. */
export type FlowRow = {
  line: TextLine | null;
  role: 'fangsong' | 'heiti';
  part: string;
  /** The last line of a paragraph of several lines: never alone at the top of a page. */
  paragraphEnd?: boolean;
  /** The first line of a paragraph of several lines: never alone at the foot of a page (孤行). */
  paragraphStart?: boolean;
};

export const BODY_METRICS = { sizeMm: BODY_PT * PT, letterSpacingMm: BODY_LETTER_SPACING };

/**
 * Justify only lines that are nearly full. A line cut short because a run of Latin letters
 * or digits did not fit stays ragged unless it is within half a character of full: spreading
 * it would letter-space the whole line around the number.
 */
function justified(line: string, width: number, next: string | undefined): boolean {
  const slack = width - textWidthMm(line, BODY_METRICS);
  if (slack > 2 * CELL) return false;
  return !(next && /^[A-Za-z0-9]/.test(next) && slack > CELL / 2);
}

/**
 * GB/T 9704 §7.3.3 level headings: “一、” in 黑体, “（一）” in 楷体 (“1.” and “（1）” stay in
 * 仿宋). The heading is the text up to its first full stop, or the whole paragraph.
 */
export function levelHeading(text: string): { role: FontRole; length: number } | null {
  const role = /^[一二三四五六七八九十]+、/.test(text) ? 'heiti' : /^（[一二三四五六七八九十]+）/.test(text) ? 'kaiti' : null;
  if (!role) return null;
  const stop = text.indexOf('。');
  return { role, length: [...(stop < 0 ? text : text.slice(0, stop + 1))].length };
}

export function paragraphRows(text: string, part: string, indentCells = 2): FlowRow[] {
  const indent = indentCells * CELL;
  const lines = breakLines(text, { ...BODY_METRICS, widthMm: BLOCK.width, firstWidthMm: BLOCK.width - indent });
  const heading = indentCells ? levelHeading(text) : null;
  let before = 0;
  return lines.map((l, i) => {
    const n = [...l].length;
    const lead = heading && heading.length > before ? { role: heading.role, length: Math.min(n, heading.length - before) } : null;
    before += n;
    return {
      line: {
        text: l,
        justify: i < lines.length - 1 && justified(l, i === 0 ? BLOCK.width - indent : BLOCK.width, lines[i + 1]),
        ...(i === 0 && indent ? { indent } : {}),
        ...(lead ? { lead } : {}),
      },
      role: 'fangsong',
      part,
      ...(i === lines.length - 1 && lines.length > 1 ? { paragraphEnd: true } : {}),
      ...(i === 0 && lines.length > 1 ? { paragraphStart: true } : {}),
    };
  });
}

export function bodyLineBox(row: number, r: FlowRow): TextBox {
  return {
    type: 'text',
    x: BLOCK.left,
    y: rowTop(row),
    w: BLOCK.width,
    lineHeight: ROW,
    role: r.role,
    pt: BODY_PT,
    align: 'left',
    letterSpacing: BODY_LETTER_SPACING,
    lines: [r.line!],
    part: r.part,
  };
}

export function pageNumberBox(n: number): TextBox {
  const size = PAGE_NUMBER_PT * PT;
  const w = 40;
  const odd = n % 2 === 1;
  return {
    type: 'text',
    x: odd ? BLOCK_RIGHT - PAGE_NUMBER.inset - w : BLOCK.left + PAGE_NUMBER.inset,
    y: PAGE_NUMBER.centerY - size / 2,
    w,
    lineHeight: size,
    role: 'songti',
    pt: PAGE_NUMBER_PT,
    align: odd ? 'right' : 'left',
    lines: [{ text: `— ${n} —` }],
    part: 'page-number',
  };
}

export function redHeader(authorityName: string): Box[] {
  // The name fits in 165 mm: long names (联合署名) get a smaller size.
  const chars = [...authorityName].length || 1;
  const pt = Math.min(LETTER.authorityPt, 165 / chars / PT);
  const top = firstLineTop(LETTER.authorityPt);
  const bottom = secondLineTop();
  const { lineLeft: x, lineLength: w, thick, gap, thin, color } = LETTER;
  return [
    {
      type: 'text',
      x: LETTER.lineLeft,
      y: LETTER.authorityTop + ((LETTER.authorityPt - pt) * PT) / 2,
      w: LETTER.lineLength,
      lineHeight: pt * PT,
      role: 'xiaobiaosong',
      pt,
      align: 'center',
      color,
      lines: [{ text: authorityName }],
      part: 'authority',
    },
    { type: 'rect', x, y: top, w, h: thick, color, part: 'red-line-1' },
    { type: 'rect', x, y: top + thick + gap, w, h: thin, color },
    { type: 'rect', x, y: bottom, w, h: thin, color, part: 'red-line-2' },
    { type: 'rect', x, y: bottom + thin + gap, w, h: thick, color },
  ];
}

/**
 * Page 1's head of a letter: the red header (when printed on plain paper), the document
 * number flush right on its row, and the title centred in 小标宋 from the title row.
 * Returns the boxes and how many rows the title took (the flow starts after it).
 */
export function letterHead(h: { authorityName: string; redHeader: boolean; docNumber: string; title: string }): {
  boxes: Box[];
  titleRows: number;
} {
  const boxes: Box[] = h.redHeader ? redHeader(h.authorityName) : [];
  boxes.push({
    type: 'text',
    x: BLOCK.left,
    y: rowTop(LETTER.docNumberRow),
    w: BLOCK.width,
    lineHeight: ROW,
    role: 'fangsong',
    pt: BODY_PT,
    align: 'right',
    lines: [{ text: h.docNumber }],
    part: 'doc-number',
  });
  const titleLines = splitTitle(h.title, Math.floor(BLOCK.width / (TITLE_PT * PT)) - 1);
  boxes.push({
    type: 'text',
    x: BLOCK.left,
    y: rowTop(LETTER.titleRow),
    w: BLOCK.width,
    lineHeight: ROW,
    role: 'xiaobiaosong',
    pt: TITLE_PT,
    align: 'center',
    lines: titleLines.map((t) => ({ text: t })),
    part: 'title',
  });
  return { boxes, titleRows: titleLines.length };
}

/** A flow row placed on a page of the 22-row grid. */
export type Placed = { page: number; row: number; r: FlowRow };

/**
 * Whether a page break just before text line `next` (with `above` the line before it)
 * leaves a line alone: a paragraph's last line alone at the top of the new page (寡行), or
 * its first line alone at the foot of the old one (孤行).
 */
function leavesLineAlone(above: FlowRow, next: FlowRow): boolean {
  if (next.paragraphEnd && !above.paragraphEnd) return true; // `above` is the same paragraph's line before
  return !!above.paragraphStart; // `next` is that paragraph's second line
}

/**
 * Lays the flow onto the 22-row grid, from `startRow` of the first page on; a blank row
 * never opens a page, and no paragraph leaves its first line alone at the foot of a page
 * or its last line alone at the top of the next (the lines above come down with it, as
 * Word's widow/orphan control does). Returns the placed rows and the page and row after
 * the last one.
 */
function paginateFlow(flow: FlowRow[], startRow: number): { placed: Placed[]; page: number; row: number } {
  const placed: Placed[] = [];
  let page = 0;
  let row = startRow;
  for (const r of flow) {
    if (row >= LINES_PER_PAGE) {
      page++;
      row = 0;
      if (r.line) {
        const moved: FlowRow[] = [];
        let next = r;
        for (;;) {
          const above = placed[placed.length - 1];
          // never the whole page: a page keeps at least one line of text
          if (!above?.r.line || above.page !== page - 1 || above.row === 0 || !leavesLineAlone(above.r, next)) break;
          placed.pop();
          moved.unshift(above.r);
          next = above.r;
        }
        for (const m of moved) placed.push({ page, row: row++, r: m });
      }
    }
    if (r.line === null && row === 0) continue;
    placed.push({ page, row, r });
    row++;
  }
  return { placed, page, row };
}

/** The 附注 under the date: （联系人：…，电话：…）, or null when neither is set. */
function contactNote(settings: { contactPerson: string | null; contactPhone: string | null }): string | null {
  const parts = [
    settings.contactPerson ? `联系人：${settings.contactPerson}` : null,
    settings.contactPhone ? `电话：${settings.contactPhone}` : null,
  ].filter(Boolean);
  return parts.length ? `（${parts.join('，')}）` : null;
}

/**
 * Where the sign-off (sender, date and, if any, the contact line) goes after the flow.
 * GB/T 9704: a page may not hold only the seal and date — if the sign-off does not fit,
 * or the page it lands on would hold fewer than two lines of text, the last two lines of
 * text move with it to a new page. `placed` is changed in place.
 */
function placeSignOff(placed: Placed[], page: number, row: number, hasContact: boolean): { signPage: number; senderRow: number } {
  const signRows = SIGN.blankRowsBefore + 2 + (hasContact ? 1 : 0);
  const textOnLastPage = placed.filter((p) => p.page === page && p.r.line !== null).length;
  if (row + signRows > LINES_PER_PAGE || textOnLastPage < 2) {
    const lines = placed.filter((p) => p.r.line !== null);
    // the break before the lines carried over may not leave a line alone on either side
    let from = Math.max(0, lines.length - 2);
    while (from > 0 && lines.length - from < 5 && leavesLineAlone(lines[from - 1]!.r, lines[from]!.r)) from--;
    const carry = lines.slice(from);
    const moved = placed.splice(carry.length ? placed.indexOf(carry[0]!) : placed.length);
    page = placed.length ? placed[placed.length - 1]!.page + 1 : page + 1;
    row = 0;
    for (const m of moved) {
      if (m.r.line === null && row === 0) continue;
      placed.push({ page, row, r: m.r });
      row++;
    }
  }
  return { signPage: page, senderRow: row + SIGN.blankRowsBefore };
}

/**
 * The letter's body and sign-off on its pages: the flow from `startRow` of page 1 on, then
 * the seal area, sender and date (placeSignOff keeps them from standing alone) and the
 * 附注 contact line under the date. Pages are added with `newPage` as needed. Returns the
 * sign-off's page and the last row it took (版记 go below it).
 */
export function layOutBody(
  flow: FlowRow[],
  o: {
    startRow: number;
    pages: Page[];
    newPage: () => Page;
    authorityName: string;
    date: IsoDate;
    settings: { sealText: string | null; contactPerson: string | null; contactPhone: string | null };
  },
): { signPage: Page; lastRow: number } {
  const { placed, page, row } = paginateFlow(flow, o.startRow);
  const contact = contactNote(o.settings);
  const { signPage, senderRow } = placeSignOff(placed, page, row, !!contact);
  while (o.pages.length <= signPage) o.newPage();
  for (const p of placed) if (p.r.line) o.pages[p.page]!.boxes.push(bodyLineBox(p.row, p.r));
  const sp = o.pages[signPage]!;
  sp.boxes.push(...signOffBoxes(o.authorityName, o.date, senderRow, o.settings.sealText));
  if (!contact) return { signPage: sp, lastRow: senderRow + 1 };
  // 附注: 居左空二字, the row under the date
  sp.boxes.push(bodyLineBox(senderRow + 2, { line: { text: contact, indent: 2 * CELL }, role: 'fangsong', part: 'contact' }));
  return { signPage: sp, lastRow: senderRow + 2 };
}

const signLine = (row: number, text: string, part: string) => bodyLineBox(row, { line: { text }, role: 'fangsong', part });

/** The seal area, the sender centred over the date (never past the block's right edge), and the date in Arabic numerals. */
function signOffBoxes(authorityName: string, date: IsoDate, senderRow: number, sealText: string | null): Box[] {
  const dateText = chineseDate(date);
  const dateW = textWidthMm(dateText, BODY_METRICS);
  const dateRight = BLOCK_RIGHT - SIGN.dateRightSpaceCells * CELL;
  const dateCenter = dateRight - dateW / 2;
  const senderW = Math.min(BLOCK.width, textWidthMm(authorityName, BODY_METRICS));
  const senderX = Math.min(BLOCK_RIGHT - senderW, dateCenter - senderW / 2);
  return [
    { type: 'seal', cx: dateCenter, cy: rowTop(senderRow) + ROW * 0.75, d: SIGN.sealDiameter, text: sealText },
    { ...signLine(senderRow, authorityName, 'sender'), x: senderX, w: senderW + 1 },
    { ...signLine(senderRow + 1, dateText, 'date'), x: dateRight - dateW - 1, w: dateW + 1, align: 'right' },
  ];
}
