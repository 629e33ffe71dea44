/**
 * Ledger and list printouts (台账): A4 landscape tables with a title, a line saying what
 * was printed, the header repeated on every page, and "第 N 页 共 M 页" at the foot.
 */
import type { Page } from './compose';
import { LANDSCAPE, PT, SIZE } from './geometry';
import { tableRow, tableRowBoxes, type TableColumn, type TableStyle } from './table';
import { splitTitle } from './text';

export interface ListData {
  title: string;
  /** e.g. "共12条\u3000打印日期：2025年7月1日\u3000某某县纪委监委" */
  subtitle: string;
  columns: TableColumn[];
  rows: string[][];
}

export const LIST_TABLE_STYLE: TableStyle = { pt: SIZE.五号, headerPt: SIZE.五号, lineHeight: 5.2, padX: 1.2, padY: 1.1, border: 0.25 };

/** Scales column widths so the table fills the landscape text width. */
export function fitColumns(columns: TableColumn[]): TableColumn[] {
  const width = LANDSCAPE.width - LANDSCAPE.left - LANDSCAPE.right;
  const total = columns.reduce((s, c) => s + c.width, 0);
  return columns.map((c) => ({ ...c, width: (c.width * width) / total }));
}

export function layoutList(data: ListData): Page[] {
  const style = LIST_TABLE_STYLE;
  const cols = fitColumns(data.columns);
  const width = LANDSCAPE.width - LANDSCAPE.left - LANDSCAPE.right;
  const bottom = LANDSCAPE.height - LANDSCAPE.bottom;
  const pages: Page[] = [];
  const header = tableRow(
    cols.map((c) => c.label),
    cols,
    style,
  );
  let y = 0;
  const start = () => {
    const p: Page = { landscape: true, boxes: [], number: pages.length + 1, letter: 1 };
    pages.push(p);
    y = LANDSCAPE.top;
    if (pages.length === 1) {
      const titlePt = SIZE.二号 - 4; // 18 pt
      const lines = splitTitle(data.title, Math.floor(width / (titlePt * PT)) - 2);
      p.boxes.push({
        type: 'text',
        x: LANDSCAPE.left,
        y,
        w: width,
        lineHeight: titlePt * PT * 1.5,
        role: 'xiaobiaosong',
        pt: titlePt,
        align: 'center',
        lines: lines.map((text) => ({ text })),
        part: 'list-title',
      });
      y += lines.length * titlePt * PT * 1.5 + 1;
      p.boxes.push({
        type: 'text',
        x: LANDSCAPE.left,
        y,
        w: width,
        lineHeight: 6,
        role: 'fangsong',
        pt: SIZE.五号,
        align: 'right',
        lines: [{ text: data.subtitle }],
        part: 'list-subtitle',
      });
      y += 7;
    }
    p.boxes.push(...tableRowBoxes(LANDSCAPE.left, y, header, cols, style, true, true));
    y += header.height;
    return p;
  };
  let page = start();
  for (const r of data.rows) {
    const row = tableRow(r, cols, style);
    if (y + row.height > bottom + 1e-6) page = start();
    page.boxes.push(...tableRowBoxes(LANDSCAPE.left, y, row, cols, style, false, false));
    y += row.height;
  }
  if (!data.rows.length) {
    page.boxes.push({
      type: 'text',
      x: LANDSCAPE.left,
      y: y + 3,
      w: width,
      lineHeight: 6,
      role: 'fangsong',
      pt: SIZE.五号,
      align: 'center',
      lines: [{ text: '（没有记录）' }],
    });
  }
  numberPages(pages, { x: LANDSCAPE.left, y: LANDSCAPE.height - LANDSCAPE.bottom + 4, w: width });
  return pages;
}

/** Tables (lists, 签收单) number every page centred under the table: “第 N 页 共 M 页” (an ideographic space between). */
export function numberPages(pages: Page[], at: { x: number; y: number; w: number }): void {
  for (const p of pages) {
    p.boxes.push({
      type: 'text',
      ...at,
      lineHeight: 6,
      role: 'songti',
      pt: SIZE.五号,
      align: 'center',
      lines: [{ text: `第 ${p.number} 页\u3000共 ${pages.length} 页` }],
      part: 'page-number',
    });
  }
}
