/**
 * Tables out to files: .xlsx (streamed row by row, so 100,000 rows stay within a few tens
 * of MB) and CSV (UTF-8 with BOM, what Excel and WPS on Chinese Windows open correctly).
 * Chinese headers, real date cells with Chinese date formats, column widths, a frozen
 * header row. A cell starting with = + - @ is data: in .xlsx every text is a string cell
 * (never a formula); in CSV it gets a leading apostrophe (OWASP), which import strips.
 */
import { zip, type ZipEntry } from './zip';
import { parseDate } from '../shared/dates';

/** 'datetime' takes local 'YYYY-MM-DD HH:mm:ss' (seconds optional), e.g. when an audit entry was made. */
export type CellKind = 'text' | 'date' | 'month' | 'datetime' | 'number' | 'percent';
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

/** Cell styles (styles.xml cellXfs): 0 plain, 1 bold header, 2 date, 3 month, 4 percent, 5 date and time. */
const STYLE: Record<CellKind, number> = { text: 0, number: 0, date: 2, month: 3, percent: 4, datetime: 5 };
const STYLES_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/><numFmt numFmtId="166" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot; hh:mm:ss"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="宋体"/><charset val="134"/></font><font><b/><sz val="11"/><name val="宋体"/><charset val="134"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
/** 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY-MM-DD HH:mm:ss' → Excel's date serial; null when the text is not such a date. */
function dateSerial(kind: CellKind, v: string): number | null {
  let ms: number | null = null;
  if (kind === 'month' && /^\d{4}-\d{2}$/.test(v)) ms = Date.UTC(Number(v.slice(0, 4)), Number(v.slice(5, 7)) - 1, 1);
  if (kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const { y, m, d } = parseDate(v);
    ms = Date.UTC(y, m - 1, d);
  }
  const t = kind === 'datetime' ? /^(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2})(?::(\d{2}))?$/.exec(v) : null;
  if (t) {
    const { y, m, d } = parseDate(t[1]!);
    ms = Date.UTC(y, m - 1, d, Number(t[2]), Number(t[3]), Number(t[4] ?? 0));
  }
  return ms === null ? null : (ms - EXCEL_EPOCH) / 86_400_000;
}

/** XML text: escaped, and without the control characters XML 1.0 cannot hold. */
// eslint-disable-next-line no-control-regex -- the characters XML cannot hold, and the three it must escape
const NEEDS_ESCAPE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff&<>]/;
function xmlText(v: string): string {
  if (!NEEDS_ESCAPE.test(v)) return v; // most cells: no copy at all
  // eslint-disable-next-line no-control-regex -- removing exactly these control characters is the point
  const clean = v.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
  return clean.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function columnName(i: number): string {
  let name = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** A text cell is always an inline string: whatever it starts with, Excel never evaluates it. */
function cellXml(ref: string, kind: CellKind, v: CellValue, style = STYLE[kind]): string {
  if (v === null || v === undefined || v === '') return '';
  const s = style ? ` s="${style}"` : '';
  if (typeof v === 'number') return Number.isFinite(v) ? `<c r="${ref}"${s}><v>${v}</v></c>` : '';
  const serial = kind === 'date' || kind === 'month' || kind === 'datetime' ? dateSerial(kind, v) : null;
  if (serial !== null) return `<c r="${ref}"${s}><v>${serial}</v></c>`;
  // A date column holding a non-date text keeps no date style.
  return `<c r="${ref}" t="inlineStr"${kind === 'text' ? s : ''}><is><t xml:space="preserve">${xmlText(v)}</t></is></c>`;
}

/** The worksheet XML in chunks of about 1 MiB, made as the zip writer asks for them. */
function* sheetXml(sheet: Sheet<unknown>): Generator<Buffer> {
  const names = sheet.columns.map((_c, i) => columnName(i));
  let part = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>
<sheetFormatPr defaultRowHeight="15"/>
<cols>${sheet.columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"${c.kind && STYLE[c.kind] ? ` style="${STYLE[c.kind]}"` : ''}/>`).join('')}</cols>
<sheetData><row r="1">${sheet.columns.map((c, i) => cellXml(`${names[i]}1`, 'text', c.header, 1)).join('')}</row>`;
  let r = 1;
  for (const row of sheet.rows) {
    r++;
    let cells = '';
    for (let i = 0; i < sheet.columns.length; i++) {
      const c = sheet.columns[i]!;
      cells += cellXml(`${names[i]}${r}`, c.kind ?? 'text', c.value(row));
    }
    part += `<row r="${r}">${cells}</row>`;
    // Flush to bytes every so often: one huge string would be copied again and again.
    if (part.length > 1 << 20) {
      yield Buffer.from(part, 'utf8');
      part = '';
    }
  }
  part += '</sheetData></worksheet>';
  yield Buffer.from(part, 'utf8');
}

/** An .xlsx workbook with one sheet per table. */
export async function toXlsx(sheets: Sheet<never>[] | Sheet<unknown>[]): Promise<Buffer> {
  const list = sheets as Sheet<unknown>[];
  const names = list.map((s, i) =>
    xmlText(safeSheetName(s.name) + (list.slice(0, i).some((o) => safeSheetName(o.name) === safeSheetName(s.name)) ? i + 1 : '')),
  );
  const entries: ZipEntry[] = [
    {
      name: '[Content_Types].xml',
      data: Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${list.map((_s, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`),
    },
    {
      name: '_rels/.rels',
      data: Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    },
    {
      name: 'xl/workbook.xml',
      data: Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView/></bookViews><sheets>${names.map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${list.map((_s, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rId${list.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`),
    },
    { name: 'xl/styles.xml', data: Buffer.from(STYLES_XML) },
    ...list.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: sheetXml(s) })),
  ];
  return zip(entries);
}

/** Excel sheet names: at most 31 characters, none of []:*?/\\ */
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
