/**
 * Imports of records that belong to a person (处分 from the office's Excel ledger, 在查事项,
 * a campaign's 承诺书名单). Each row names its person by 姓名 plus what tells namesakes
 * apart (单位, 出生年月, 身份证号); a name that fits nobody or several people is an invalid
 * row with the reason, never a guess.
 *
 * The rules are the domain's own: a row is checked with the area's zod schema, then the
 * preview runs the area's own write function for it (the one its channel runs, exported
 * from the area's records.ts) inside a transaction that is rolled back (one savepoint per
 * row), so a rule that only that function knows (a 签订日期 before the campaign began, a
 * 决定文号 already used) shows in the preview as that row's reason. Confirming runs the
 * same functions, through the Writer, inside the host's one transaction.
 */
import type { Db } from '../../db/open';
import type { HandlerContext } from '../host/context';
import { AppError } from '../errors';
import { unitPaths } from '../units/queries';
import type { PersonListItem } from '../people/contract';
import type { ImportField, ImportResult, ImportRowReport } from './importContract';
import { blank, normalizeBirthMonth, refuseUnlessAsPreviewed, splitPath } from './importPeople';

export type Values = Record<string, string | null>;
export type FieldDef = ImportField & { headers: string[] };

/** The columns that tell namesakes apart, in every import that names a registered person (the 征求意见 name list too). */
export const NAMESAKE_FIELDS: FieldDef[] = [
  { key: 'birthMonth', label: '出生年月', required: false, hint: '有同名人员时用来区分', headers: ['出生年月', '出生日期'] },
  {
    key: 'idNumber',
    label: '身份证号',
    required: false,
    hint: '填写后按身份证号找人',
    headers: ['身份证号', '身份证号码', '公民身份号码'],
  },
];

/** How a row identifies its person: the same four columns in every person-record import. */
export const PERSON_FIELDS: FieldDef[] = [
  { key: 'name', label: '姓名', required: true, hint: null, headers: ['姓名', '名字', '人员姓名', '被处分人', '被反映人'] },
  {
    key: 'unit',
    label: '单位',
    required: false,
    hint: '人员库中的单位（名称或带上级的路径）；有同名人员时用来区分',
    headers: ['单位', '工作单位', '所在单位', '单位名称'],
  },
  ...NAMESAKE_FIELDS,
];

/** 2024-05-01, 2024.5.1, 2024/5/1, 2024年5月1日, 20240501 → 2024-05-01; anything else stays as typed (the schema says why). */
export function normalizeDate(v: string | null): string | null {
  if (!v) return null;
  const m = /^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?$/.exec(v) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : v;
}

export interface FoundPerson {
  id: string;
  name: string;
}

interface PersonRow {
  id: string;
  name: string;
  unit_id: string | null;
  birth_month: string | null;
  id_number: string | null;
}

/** Finds the one person a row means, from the whole register read once. */
export function personFinder(db: Db): (v: Values) => FoundPerson | { error: string } {
  const all = db.prepare('SELECT id, name, unit_id, birth_month, id_number FROM people WHERE deleted_at IS NULL').all() as PersonRow[];
  const paths = unitPaths(db, new Set(all.map((p) => p.unit_id).filter((u): u is string => !!u)));
  const byName = new Map<string, PersonRow[]>();
  const byIdNumber = new Map<string, PersonRow>();
  for (const p of all) {
    byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
    if (p.id_number) byIdNumber.set(p.id_number, p);
  }
  return (v) => {
    const name = v.name!;
    const idNumber = v.idNumber && !v.idNumber.includes('*') ? v.idNumber.toUpperCase() : null;
    if (idNumber) {
      const p = byIdNumber.get(idNumber);
      if (p && p.name !== name) return { error: `身份证号属于人员库中的“${p.name}”，与姓名“${name}”不符，请核对` };
      if (p) return { id: p.id, name: p.name };
    }
    let candidates = byName.get(name) ?? [];
    const unit = v.unit ? splitPath(v.unit).join('／') : null;
    if (unit) {
      candidates = candidates.filter((c) => {
        const path = c.unit_id ? paths.get(c.unit_id) : undefined;
        return !!path && (path === unit || path.endsWith(`／${unit}`));
      });
    }
    if (v.birthMonth) candidates = candidates.filter((c) => c.birth_month === v.birthMonth);
    if (idNumber) candidates = candidates.filter((c) => c.id_number === null);
    const who = `${unit ? `${unit}的` : ''}“${name}”`;
    if (!candidates.length) return { error: `人员库中没有${who}，请先在人员库中登记或导入该人员` };
    if (candidates.length > 1) return { error: `人员库中有${candidates.length}位${who}，请填写单位、出生年月或身份证号以区分` };
    return { id: candidates[0]!.id, name };
  };
}

/** What checking one row found: invalid, or the record it makes or changes and how to write it. */
export type RowCheck =
  | { error: string }
  | {
      /** Identity of the record within the file (two rows with one key are one record twice). */
      key: string;
      status: 'new' | 'update' | 'unchanged';
      /** For 'update': what changes. */
      changes?: string[];
      /** Said of a 'new' or 'unchanged' row in the report (e.g. a unit that is not in the register). */
      note?: string;
      /** The registered person the row matched, for the report. */
      person?: PersonListItem;
      /** The record the row is about when it already exists. */
      recordId?: string;
      /** Writes the row through the area's handler (and so the Writer); may return the id it wrote. */
      apply(ctx: HandlerContext): string | void;
    };

export interface RecordImporter {
  fields: FieldDef[];
  /** Fields holding a date, normalized (2024.5.1 → 2024-05-01) before checking. */
  dateKeys: string[];
  /** Anything needed once per import (the register, the campaign); throws a Chinese AppError when the import cannot start. */
  prepare(ctx: HandlerContext, target: { campaignId?: string | null }): (values: Values) => RowCheck;
}

/** The row's values as the preview shows them and confirm sends back: trimmed, dates and months normalized. */
export function cleanValues(fields: FieldDef[], raw: Values, dateKeys: string[] = []): Values {
  const values: Values = {};
  for (const f of fields) values[f.key] = blank(raw[f.key]);
  if (values.birthMonth) values.birthMonth = normalizeBirthMonth(values.birthMonth);
  for (const k of dateKeys) values[k] = normalizeDate(values[k] ?? null);
  return values;
}

/** Zod issues as one Chinese sentence. */
export const issuesText = (issues: { message: string }[]) => [...new Set(issues.map((i) => i.message))].join('；');

const ROLLBACK = Symbol('preview rollback');

/**
 * Checks every row, then tries the rows that would be written with the real handlers and
 * rolls all of it back. Nothing stays written.
 */
export function previewRecordRows(
  ctx: HandlerContext,
  importer: RecordImporter,
  rows: { line: number; values: Values }[],
  existing: 'update' | 'skip',
  target: { campaignId?: string | null },
): ImportRowReport[] {
  const { reports, checks } = checkAll(ctx, importer, rows, existing, target);
  try {
    ctx.db.transaction(() => {
      reports.forEach((report, i) => {
        const check = checks[i];
        if (!check || !writes(report.status, existing)) return;
        try {
          ctx.db.transaction(() => check.apply(ctx))();
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          reports[i] = { ...report, status: 'invalid', reason: error.message };
        }
      });
      throw ROLLBACK;
    })();
  } catch (error) {
    if (error !== ROLLBACK) throw error;
  }
  return reports;
}

/** Writes the confirmed rows inside the host's transaction: any row that no longer checks out as previewed, and nothing stays. */
export function commitRecordRows(
  ctx: HandlerContext,
  importer: RecordImporter,
  rows: { line: number; expect: string; values: Values; existing?: 'update' | 'skip' | undefined }[],
  existing: 'update' | 'skip',
  target: { campaignId?: string | null },
): ImportResult & { ids: (string | null)[] } {
  const { reports, checks } = checkAll(ctx, importer, rows, existing, target);
  refuseUnlessAsPreviewed(reports, rows);
  const result: ImportResult = { created: 0, updated: 0, unchanged: 0, skipped: 0, unitsCreated: 0 };
  /** Per row, the record written or matched (when the importer says). */
  const ids: (string | null)[] = checks.map((c) => c?.recordId ?? null);
  reports.forEach((report, i) => {
    if (report.status === 'unchanged') return void result.unchanged++;
    if (report.status === 'update' && (rows[i]!.existing ?? existing) === 'skip') return void result.skipped++;
    try {
      ids[i] = checks[i]!.apply(ctx) ?? ids[i]!;
    } catch (error) {
      if (error instanceof AppError) throw new AppError(error.code, `第${report.line}行：${error.message}全部未导入。`);
      throw error;
    }
    if (report.status === 'new') result.created++;
    else result.updated++;
  });
  return { ...result, ids };
}

const writes = (status: string, existing: 'update' | 'skip') => status === 'new' || (status === 'update' && existing === 'update');

function checkAll(
  ctx: HandlerContext,
  importer: RecordImporter,
  rows: { line: number; values: Values }[],
  existing: 'update' | 'skip',
  target: { campaignId?: string | null },
) {
  const checkRow = importer.prepare(ctx, target);
  const seen = new Map<string, number>();
  const checks: (Extract<RowCheck, { key: string }> | null)[] = [];
  const reports = rows.map(({ line, values: raw }): ImportRowReport => {
    const values = cleanValues(importer.fields, raw, importer.dateKeys);
    const check = checkRow(values);
    const invalid = (reason: string): ImportRowReport => (checks.push(null), { line, status: 'invalid', reason, values });
    if ('error' in check) return invalid(check.error);
    const earlier = seen.get(check.key);
    if (earlier) return invalid(`与第${earlier}行是同一条记录`);
    seen.set(check.key, line);
    checks.push(check);
    const reason =
      check.status === 'update'
        ? `${existing === 'skip' ? '不更新' : '将更新'}：${(check.changes ?? []).join('、')}`
        : (check.note ?? null);
    return {
      line,
      status: check.status,
      reason,
      values,
      ...(check.person ? { person: check.person } : {}),
      ...(check.changes ? { changes: check.changes } : {}),
    };
  });
  return { reports, checks };
}

/** Which of the fields differ between the file's (non-empty) values and what is held. */
export function changedLabels(fields: FieldDef[], file: Record<string, unknown>, held: Record<string, unknown>): string[] {
  return fields.filter((f) => file[f.key] !== null && file[f.key] !== undefined && file[f.key] !== held[f.key]).map((f) => f.label);
}

export type { Db };
