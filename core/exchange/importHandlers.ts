import type { HandlerMap } from '../host/handler';
import { AppError } from '../errors';
import {
  TEMPLATE_KIND_LABELS,
  type ImportField,
  type ImportKind,
  type ImportPreview,
  type ImportRowStatus,
  type TemplateKind,
} from './importContract';
import { readTable } from './importRead';
import { PEOPLE_FIELDS, checkPeopleRows, commitPeopleRows, guessPeopleMapping } from './importPeople';
import { toXlsx, type Column } from './sheet';
import { commitRecordRows, previewRecordRows, type FieldDef, type RecordImporter } from './importRecords';
import { sanctionsImporter } from './importSanctions';
import { pendingImporter } from './importPending';
import { rosterImporter } from './importRoster';
import { requestListImporter } from '../opinions/importList';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Records that belong to a person: one shared flow (importRecords.ts), one module per kind. */
const RECORD_IMPORTERS: Record<Exclude<ImportKind, 'people'>, RecordImporter> = {
  sanctions: sanctionsImporter,
  pendingMatters: pendingImporter,
  pledgeRoster: rosterImporter,
};

/** Previewed here, confirmed elsewhere: the request name list is written when its request is saved. */
const PREVIEW_IMPORTERS: Record<Exclude<TemplateKind, 'people'>, RecordImporter> = {
  ...RECORD_IMPORTERS,
  requestList: requestListImporter,
};

const fieldsOf = (kind: TemplateKind): FieldDef[] => (kind === 'people' ? PEOPLE_FIELDS : PREVIEW_IMPORTERS[kind].fields);

/** Which column holds which field, from the header row (spaces and full-width brackets ignored). */
function guessMapping(fields: FieldDef[], headers: string[]): Record<string, number | null> {
  const norm = headers.map((h) => h.replace(/\s/g, '').replace(/（/g, '(').replace(/）/g, ')'));
  const mapping: Record<string, number | null> = {};
  for (const f of fields) {
    const names = [f.label, ...f.headers].map((h) => h.replace(/（/g, '(').replace(/）/g, ')'));
    const i = norm.findIndex((h) => names.includes(h));
    mapping[f.key] = i >= 0 ? i : null;
  }
  return mapping;
}

const publicField = ({ key, label, required, hint }: ImportField): ImportField => ({ key, label, required, hint });

/** The header row: the first of the top ten rows naming a required field; else the first row. */
function headerIndex(rows: string[][], fields: (ImportField & { headers: string[] })[]): number {
  const required = fields.filter((f) => f.required).flatMap((f) => f.headers);
  const i = rows.slice(0, 10).findIndex((r) => r.some((c) => required.includes(c.replace(/\s/g, ''))));
  return i >= 0 ? i : 0;
}

export const importHandlers: HandlerMap<'imports.preview' | 'imports.commit' | 'imports.template'> = {
  'imports.preview': async (input, ctx) => {
    const fields = fieldsOf(input.kind);
    const table = await readTable(input.fileName, Buffer.from(input.contentBase64, 'base64'));
    if (!table.length) throw new AppError('VALIDATION', '表格中没有内容。');
    const h = headerIndex(table, fields);
    const headers = table[h]!.map((c, i) => c || `第${i + 1}列`);
    const mapping = input.mapping ?? (input.kind === 'people' ? guessPeopleMapping(headers) : guessMapping(fields, headers));
    for (const f of fields) {
      if (f.required && (mapping[f.key] === null || mapping[f.key] === undefined)) {
        throw new AppError('VALIDATION', `没有找到“${f.label}”列。请在列对应中为“${f.label}”选择一列。`, { mapping: f.key });
      }
    }
    const rows = table.slice(h + 1).map((cells, i) => {
      const values: Record<string, string | null> = {};
      for (const f of fields) {
        const col = mapping[f.key];
        values[f.key] = col === null || col === undefined ? null : (cells[col] ?? null);
      }
      return { line: h + 2 + i, values };
    });
    if (!rows.length) throw new AppError('VALIDATION', '表格只有表头，没有数据行。');
    const { reports, newUnits } =
      input.kind === 'people'
        ? checkPeopleRows(ctx.db, rows, input.existing)
        : {
            reports: previewRecordRows(ctx, PREVIEW_IMPORTERS[input.kind], rows, input.existing, input),
            newUnits: [] as string[],
          };
    const counts: Record<ImportRowStatus, number> = { new: 0, update: 0, unchanged: 0, invalid: 0 };
    for (const r of reports) counts[r.status]++;
    const preview: ImportPreview = {
      kind: input.kind,
      headers,
      fields: fields.map(publicField),
      mapping,
      rows: reports,
      counts,
      newUnits,
    };
    return preview;
  },

  'imports.commit': (input, ctx) => {
    if (input.kind === 'people') return commitPeopleRows(ctx, input.rows, input.existing);
    const { ids: _ids, ...result } = commitRecordRows(ctx, RECORD_IMPORTERS[input.kind], input.rows, input.existing, input);
    return result;
  },

  'imports.template': async (input) => {
    const fields = fieldsOf(input.kind);
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
      { name: TEMPLATE_KIND_LABELS[input.kind], columns, rows: [] },
      { name: '填写说明', columns: guide, rows: fields.map(publicField) },
    ] as never);
    return {
      fileName: `${TEMPLATE_KIND_LABELS[input.kind]}导入模板.xlsx`,
      mime: XLSX_MIME,
      contentBase64: bytes.toString('base64'),
      rows: 0,
    };
  },
};
