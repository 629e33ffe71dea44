/**
 * Reads an uploaded table (.xlsx, or CSV in UTF-8 or GBK) into rows of cell texts, bounded:
 * files over MAX_IMPORT_BYTES are refused before parsing, .xlsx is read as a stream
 * (xlsxRead.ts; ExcelJS's streaming reader for what that does not handle) and reading
 * stops as soon as the row cap is passed (a 1M-row sheet is refused
 * after MAX_IMPORT_ROWS rows, not loaded whole). The type is told by content, not name.
 * A cell is data: formula cells give the value Excel showed, and a CSV cell written as
 * '=… by our export (the apostrophe that keeps Excel from running it) comes back as =….
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { AppError } from '../errors';
import { formatDate } from '../shared/dates';
import { readXlsxRows } from './xlsxRead';

export const MAX_IMPORT_BYTES = 15 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 20_000;

/** A cell as read: text, or a calendar date where the spreadsheet held a date. */
export type RawCell = string;

export async function readTable(fileName: string, bytes: Buffer): Promise<string[][]> {
  if (bytes.length === 0) throw new AppError('VALIDATION', '文件是空的。');
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new AppError(
      'VALIDATION',
      `文件过大（${(bytes.length / 1024 / 1024).toFixed(1)}MB），一次最多导入${MAX_IMPORT_BYTES / 1024 / 1024}MB。请分成几个文件导入。`,
    );
  }
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (isZip) return xlsxRows(bytes);
  if (bytes.subarray(0, 512).includes(0))
    throw new AppError('VALIDATION', `“${fileName}”不是 Excel（.xlsx）或 CSV 文件，无法导入。旧版 .xls 请先另存为 .xlsx。`);
  return csvRows(decodeText(bytes));
}

const tooMany = () =>
  new AppError(
    'VALIDATION',
    `表格超过${MAX_IMPORT_ROWS.toLocaleString('en-US')}行，一次最多导入${MAX_IMPORT_ROWS}行。请分成几个文件导入。`,
  );

async function xlsxRows(bytes: Buffer): Promise<string[][]> {
  try {
    const fast = await readXlsxRows(bytes, { maxRows: MAX_IMPORT_ROWS + 1, onTooMany: tooMany }); // + the header row
    if (fast) return fast;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('VALIDATION', '无法读取这个 Excel 文件：文件可能已损坏，或是旧版 .xls 格式（请另存为 .xlsx）。');
  }
  // What the quick reader does not handle (ZIP64, encryption, unusual parts): ExcelJS.
  const rows: string[][] = [];
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'emit',
    });
    for await (const worksheet of reader) {
      for await (const row of worksheet) {
        const values = (row.values as unknown[]).slice(1).map(cellText);
        if (values.every((v) => v === '')) continue;
        rows.push(values);
        if (rows.length > MAX_IMPORT_ROWS + 1) throw tooMany(); // + the header row
      }
      break; // the first sheet only
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('VALIDATION', '无法读取这个 Excel 文件：文件可能已损坏，或是旧版 .xls 格式（请另存为 .xlsx）。');
  }
  return rows;
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return formatDate(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
  if (typeof v === 'object') {
    const o = v as { text?: unknown; richText?: { text: string }[]; result?: unknown; error?: unknown };
    if (o.richText)
      return o.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if (o.text !== undefined) return String(o.text).trim();
    if ('formula' in o || 'sharedFormula' in o) return o.result === undefined || o.result === null ? '' : cellText(o.result);
    return '';
  }
  return String(v).trim();
}

/** UTF-8 (with or without BOM) unless it does not decode as UTF-8, then GBK (Chinese Excel/WPS). */
function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  return utf8.includes('\ufffd') ? iconv.decode(bytes, 'gbk') : utf8;
}

function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let over = false;
  Papa.parse<string[]>(text, {
    skipEmptyLines: 'greedy',
    step(result, parser) {
      rows.push(result.data.map((c) => unguard(String(c ?? '').trim())));
      if (rows.length > MAX_IMPORT_ROWS + 1) {
        over = true;
        parser.abort();
      }
    },
  });
  if (over) throw tooMany();
  return rows;
}

/** Undoes the export's formula guard: '=x → =x (data, never a formula). */
function unguard(v: string): string {
  return /^'[=+\-@]/.test(v) ? v.slice(1) : v;
}
