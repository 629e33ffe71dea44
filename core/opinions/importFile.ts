/**
 * Reads a name list from an .xlsx or .csv file into lines "姓名\t单位\t职务". The type is
 * told by content (an .xlsx is a ZIP), not by the file name. CSV may be UTF-8 (with or
 * without BOM) or GBK, as Excel on Chinese Windows saves it.
 */
import { AppError } from '../errors';
import { readTable } from '../exchange/importRead';

const NAME_HEADERS = ['姓名', '名字'];
const UNIT_HEADERS = ['单位', '工作单位', '所在单位', '单位职务', '现工作单位及职务', '工作单位及职务'];
const POSITION_HEADERS = ['职务', '现任职务', '职务职级', '拟任职务'];

/** Read with the one bounded reader every import uses (size and row caps, streaming .xlsx, UTF-8/GBK CSV, cells as data). */
export async function linesFromFile(fileName: string, bytes: Buffer): Promise<string[]> {
  const rows = await readTable(fileName, bytes);
  if (!rows.length) throw new AppError('VALIDATION', '表格中没有内容。');
  return linesFromRows(rows);
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
    .map((cols) =>
      cols
        .map((c) => c.replace(/[\t\r\n]+/g, ' ').trim() || '')
        .join('\t')
        .replace(/\t+$/, ''),
    );
}
