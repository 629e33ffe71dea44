/**
 * Tables out to files: .xlsx (streamed row by row, so 100,000 rows stay within a few tens
 * of MB) and CSV (UTF-8 with BOM, what Excel and WPS on Chinese Windows open correctly).
 * Chinese headers, real date cells with Chinese date formats, column widths, a frozen
 * header row. A cell starting with = + - @ is data: in .xlsx every text is a string cell
 * (never a formula); in CSV it gets a leading apostrophe (OWASP), which import strips.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { parseDate } from '../shared/dates';

export type CellKind = 'text' | 'date' | 'month' | 'number' | 'percent';
export type CellValue = string | number | null;

export interface Column<T> {
  header: string;
  /** Width in characters (a CJK character counts as about two). */
  width: number;
  kind?: CellKind;
  value(row: T): CellValue;
}

export interface Sheet<T> {
  name: string;
  columns: Column<T>[];
  rows: Iterable<T>;
}

const NUM_FMT: Partial<Record<CellKind, string>> = {
  date: 'yyyy"年"m"月"d"日"',
  month: 'yyyy"年"m"月"',
  percent: '0.0%',
};

/** 'YYYY-MM-DD' or 'YYYY-MM' → a Date at UTC midnight (what exceljs turns into a date serial). */
function toDate(kind: CellKind, v: CellValue): Date | CellValue {
  if (typeof v !== 'string') return v;
  if (kind === 'month' && /^\d{4}-\d{2}$/.test(v)) return new Date(Date.UTC(Number(v.slice(0, 4)), Number(v.slice(5, 7)) - 1, 1));
  if (kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const { y, m, d } = parseDate(v);
    return new Date(Date.UTC(y, m - 1, d));
  }
  return v;
}

export async function toXlsx(sheets: Sheet<never>[] | Sheet<unknown>[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  // No shared strings: the string table would hold every distinct text in memory until the end.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  for (const sheet of sheets as Sheet<unknown>[]) {
    const ws = workbook.addWorksheet(safeSheetName(sheet.name), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = sheet.columns.map((c, i) => ({
      key: String(i),
      width: c.width,
      ...(c.kind && NUM_FMT[c.kind] ? { style: { numFmt: NUM_FMT[c.kind]! } } : {}),
    }));
    const header = ws.addRow(sheet.columns.map((c) => c.header));
    header.font = { bold: true };
    header.commit();
    for (const row of sheet.rows) {
      ws.addRow(sheet.columns.map((c) => toDate(c.kind ?? 'text', c.value(row)))).commit();
    }
    ws.commit();
  }
  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
}

/** Excel sheet names: at most 31 characters, none of []:*?/\ */
function safeSheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || '数据';
}

/** A text that Excel would read as a formula (or DDE) gets a leading apostrophe. */
export function guardCsvText(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

function csvCell(kind: CellKind, v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return kind === 'percent' ? `${Math.round(v * 1000) / 10}%` : String(v);
  const text = kind === 'text' ? guardCsvText(v) : v;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV, UTF-8 with BOM, CRLF line ends. */
export function toCsv<T>(sheet: Sheet<T>): Buffer {
  const lines = [sheet.columns.map((c) => csvCell('text', c.header)).join(',')];
  for (const row of sheet.rows) lines.push(sheet.columns.map((c) => csvCell(c.kind ?? 'text', c.value(row))).join(','));
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}
