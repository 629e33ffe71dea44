import type { HandlerMap } from '../host/handler';
import { AppError } from '../errors';
import { IMPORT_KIND_LABELS, type ImportField, type ImportKind, type ImportPreview, type ImportRowStatus } from './importContract';
import { readTable } from './importRead';
import { PEOPLE_FIELDS, checkPeopleRows, commitPeopleRows, guessPeopleMapping } from './importPeople';
import { toXlsx, type Column } from './sheet';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Per kind: its fields, header guess, check and commit (people and units for now). */
const IMPORTERS = {
  people: { fields: PEOPLE_FIELDS, guess: guessPeopleMapping, check: checkPeopleRows, commit: commitPeopleRows },
} satisfies Record<ImportKind, unknown>;

const publicField = ({ key, label, required, hint }: ImportField): ImportField => ({ key, label, required, hint });

/** The header row: the first of the top ten rows naming a required field; else the first row. */
function headerIndex(rows: string[][], fields: (ImportField & { headers: string[] })[]): number {
  const required = fields.filter((f) => f.required).flatMap((f) => f.headers);
  const i = rows.slice(0, 10).findIndex((r) => r.some((c) => required.includes(c.replace(/\s/g, ''))));
  return i >= 0 ? i : 0;
}

export const importHandlers: HandlerMap<'imports.preview' | 'imports.commit' | 'imports.template'> = {
  'imports.preview': async (input, { db }) => {
    const importer = IMPORTERS[input.kind];
    const table = await readTable(input.fileName, Buffer.from(input.contentBase64, 'base64'));
    if (!table.length) throw new AppError('VALIDATION', '表格中没有内容。');
    const h = headerIndex(table, importer.fields);
    const headers = table[h]!.map((c, i) => c || `第${i + 1}列`);
    const mapping = input.mapping ?? importer.guess(headers);
    for (const f of importer.fields) {
      if (f.required && (mapping[f.key] === null || mapping[f.key] === undefined)) {
        throw new AppError('VALIDATION', `没有找到“${f.label}”列。请在列对应中为“${f.label}”选择一列。`, { mapping: f.key });
      }
    }
    const rows = table.slice(h + 1).map((cells, i) => {
      const values: Record<string, string | null> = {};
      for (const f of importer.fields) {
        const col = mapping[f.key];
        values[f.key] = col === null || col === undefined ? null : (cells[col] ?? null);
      }
      return { line: h + 2 + i, values };
    });
    if (!rows.length) throw new AppError('VALIDATION', '表格只有表头，没有数据行。');
    const { reports, newUnits } = importer.check(db, rows, input.existing);
    const counts: Record<ImportRowStatus, number> = { new: 0, update: 0, unchanged: 0, invalid: 0 };
    for (const r of reports) counts[r.status]++;
    const preview: ImportPreview = {
      kind: input.kind,
      headers,
      fields: importer.fields.map(publicField),
      mapping,
      rows: reports,
      counts,
      newUnits,
    };
    return preview;
  },

  'imports.commit': (input, ctx) => IMPORTERS[input.kind].commit(ctx, input.rows, input.existing),

  'imports.template': async (input, ctx) => {
    const fields = IMPORTERS[input.kind].fields;
    const columns: Column<never>[] = fields.map((f) => ({
      header: f.label,
      width: Math.max(10, f.label.length * 2 + 4),
      value: () => null,
    }));
    const guide: Column<ImportField>[] = [
      { header: '列名', width: 14, value: (f) => f.label },
      { header: '是否必填', width: 10, value: (f) => (f.required ? '必填' : '选填') },
      { header: '填写说明', width: 60, value: (f) => f.hint },
    ];
    const bytes = await toXlsx([
      { name: IMPORT_KIND_LABELS[input.kind], columns, rows: [] },
      { name: '填写说明', columns: guide, rows: fields.map(publicField) },
    ] as never);
    void ctx;
    return {
      fileName: `${IMPORT_KIND_LABELS[input.kind]}导入模板.xlsx`,
      mime: XLSX_MIME,
      contentBase64: bytes.toString('base64'),
      rows: 0,
    };
  },
};
