/**
 * Ruled tables of the printed documents (the reply letter's attached persons table, the
 * 签收单, the landscape lists): a row's cells broken into lines and placed as boxes.
 */
import type { Box } from './compose';
import { PT } from './geometry';
import { breakLines } from './text';

export interface TableColumn {
  label: string;
  width: number;
  align: 'left' | 'center';
}

export interface TableStyle {
  pt: number;
  headerPt: number;
  lineHeight: number;
  padX: number;
  padY: number;
  border: number;
}

/** Breaks each cell of a row into lines; returns the lines and the row's height. */
export function tableRow(cells: string[], columns: TableColumn[], style: TableStyle, pt = style.pt): { lines: string[][]; height: number } {
  const metrics = { sizeMm: pt * PT, letterSpacingMm: 0 };
  const lines = cells.map((c, i) => breakLines(c, { ...metrics, widthMm: columns[i]!.width - 2 * style.padX - 0.3 }));
  const n = Math.max(1, ...lines.map((l) => l.length));
  return { lines, height: n * style.lineHeight + 2 * style.padY };
}

/** Places a header row or a data row at (x, y); returns its boxes. */
export function tableRowBoxes(
  x: number,
  y: number,
  row: { lines: string[][]; height: number },
  columns: TableColumn[],
  style: TableStyle,
  header: boolean,
  firstOnPage: boolean,
): Box[] {
  const boxes: Box[] = [];
  let cx = x;
  columns.forEach((c, i) => {
    boxes.push({
      type: 'frame',
      x: cx,
      y,
      w: c.width,
      h: row.height,
      width: style.border,
      borders: { top: firstOnPage, left: i === 0, right: true, bottom: true },
    });
    boxes.push({
      type: 'text',
      x: cx + style.padX,
      y: y + style.padY,
      w: c.width - 2 * style.padX,
      lineHeight: style.lineHeight,
      role: header ? 'heiti' : 'fangsong',
      pt: header ? style.headerPt : style.pt,
      align: header ? 'center' : c.align,
      lines: row.lines[i]!.map((t) => ({ text: t })),
      part: header ? 'table-header' : `table-cell-${i}`,
    });
    cx += c.width;
  });
  return boxes;
}
