/**
 * Reads a name list from an .xlsx or .csv file into lines "姓名\t单位\t职务". The type is
 * told by content (an .xlsx is a ZIP), not by the file name. CSV may be UTF-8 (with or
 * without BOM) or GBK, as Excel on Chinese Windows saves it.
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { AppError } from '../errors';

const NAME_HEADERS = ['姓名', '名字'];
const UNIT_HEADERS = ['单位', '工作单位', '所在单位', '单位职务', '现工作单位及职务', '工作单位及职务'];
const POSITION_HEADERS = ['职务', '现任职务', '职务职级', '拟任职务'];

export async function linesFromFile(fileName: string, bytes: Buffer): Promise<string[]> {
  if (bytes.length === 0) throw new AppError('VALIDATION', '文件是空的。');
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (isZip) return linesFromRows(await xlsxRows(bytes));
  if (looksBinary(bytes)) throw new AppError('VALIDATION', `“${fileName}”不是 Excel（.xlsx）或 CSV 文件，无法导入。`);
  return linesFromRows(csvRows(decodeText(bytes)));
}

async function xlsxRows(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError('VALIDATION', '无法读取这个 Excel 文件：文件可能已损坏，或是旧版 .xls 格式（请另存为 .xlsx）。');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError('VALIDATION', 'Excel 文件中没有工作表。');
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values = (row.values as unknown[]).slice(1).map(cellText);
    rows.push(values);
  });
  return rows;
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    const o = v as { text?: unknown; richText?: { text: string }[]; result?: unknown };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if (o.text !== undefined) return String(o.text);
    if (o.result !== undefined) return String(o.result);
    return '';
  }
  return String(v).trim();
}

function looksBinary(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 512);
  return head.includes(0);
}

function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  const utf8 = bytes.toString('utf8');
  return utf8.includes('\ufffd') ? iconv.decode(bytes, 'gbk') : utf8;
}

function csvRows(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  return parsed.data.map((r) => r.map((c) => String(c ?? '').trim()));
}

/** Finds the header row (姓名 …) and turns each data row into "name\tunit\tposition". Without a header: columns 1-3. */
function linesFromRows(rows: string[][]): string[] {
  const headerIndex = rows.findIndex((r) => r.some((c) => NAME_HEADERS.includes(c.replace(/\s/g, ''))));
  let nameCol = 0;
  let unitCol = 1;
  let positionCol = 2;
  let body = rows;
  if (headerIndex >= 0) {
    const header = rows[headerIndex]!.map((c) => c.replace(/\s/g, ''));
    const find = (names: string[]) => header.findIndex((h) => names.includes(h));
    nameCol = find(NAME_HEADERS);
    unitCol = find(UNIT_HEADERS);
    positionCol = find(POSITION_HEADERS);
    body = rows.slice(headerIndex + 1);
  }
  return body
    .map((r) => [r[nameCol] ?? '', unitCol >= 0 ? (r[unitCol] ?? '') : '', positionCol >= 0 ? (r[positionCol] ?? '') : ''])
    .filter(([name]) => (name ?? '').trim() !== '')
    .map((cols) => cols.map((c) => c.replace(/[\t\r\n]+/g, ' ').trim() || '').join('\t').replace(/\t+$/, ''));
}
