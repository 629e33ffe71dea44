/**
 * People (and their units) from a spreadsheet. Identity is the domain's: 身份证号 when
 * the file gives one, else name + unit (+ birth month when two share name and unit).
 * Units are written as paths (市财政局／办公室) or as a name that is unique in the
 * register; a unit not found is created (its path, under the named parents).
 * An empty cell never clears what the register holds; a masked 身份证号 (our own export's
 * 3301**********1234) is ignored.
 */
import type { Db } from '../../db/open';
import type { HandlerContext } from '../host/context';
import { PERSON_FIELDS, POLITICAL_STATUSES, personInput, peopleUpdateInput, type Person, type PersonValues } from '../people/contract';
import type { z } from 'zod';

type PersonInput = z.output<typeof personInput>;
import { createPeople, getPerson, updatePerson } from '../people/records';
import { unitsCreateInput } from '../units/contract';
import { createUnit } from '../units/records';
import { unitPaths } from '../units/queries';
import { AppError } from '../errors';
import { validationError } from '../host/validation';
import { IMPORT_STATUS_LABELS, type ImportField, type ImportResult, type ImportRowReport } from './importContract';

export const PEOPLE_FIELDS: (ImportField & { headers: string[] })[] = [
  { key: 'name', label: '姓名', required: true, hint: null, headers: ['姓名', '名字', '人员姓名'] },
  { key: 'gender', label: '性别', required: false, hint: '男或女', headers: ['性别'] },
  {
    key: 'birthMonth',
    label: '出生年月',
    required: false,
    hint: '如 1980-05、1980.05、1980年5月',
    headers: ['出生年月', '出生日期', '出生年月日', '出生时间'],
  },
  { key: 'idNumber', label: '身份证号', required: false, hint: '18位', headers: ['身份证号', '身份证号码', '公民身份号码', '身份证'] },
  { key: 'politicalStatus', label: '政治面貌', required: false, hint: POLITICAL_STATUSES.join('、'), headers: ['政治面貌'] },
  {
    key: 'category',
    label: '人员类别',
    required: false,
    hint: '公务员、参公、事业、国企、村社区、其他',
    headers: ['人员类别', '类别', '身份类别'],
  },
  {
    key: 'unit',
    label: '单位',
    required: false,
    hint: '单位名称，或带上级的路径（如 市财政局／办公室）',
    headers: ['单位', '工作单位', '所在单位', '单位名称'],
  },
  { key: 'position', label: '职务', required: false, hint: null, headers: ['职务', '现任职务', '现职务'] },
  { key: 'rank', label: '职级/层次', required: false, hint: null, headers: ['职级/层次', '职级', '层次', '职级层次'] },
  { key: 'managementLevel', label: '管理权限', required: false, hint: null, headers: ['管理权限'] },
  { key: 'notes', label: '备注', required: false, hint: null, headers: ['备注'] },
];

type Values = Record<string, string | null>;

const POLITICAL_ALIASES: Record<string, string> = {
  党员: '中共党员',
  中共党员: '中共党员',
  预备党员: '中共预备党员',
  团员: '共青团员',
  共青团员: '共青团员',
  群众: '群众',
};

/** 1980-05, 1980.5, 1980/05, 1980年5月, 198005, 1980-05-12 → 1980-05. Anything else stays as typed (the schema then says why). */
export function normalizeBirthMonth(v: string): string {
  const m = /^(\d{4})\s*[-./年]\s*(\d{1,2})(?:\s*[-./月]\s*(\d{1,2})?\s*日?)?\s*月?$/.exec(v) ?? /^(\d{4})(\d{2})(\d{2})?$/.exec(v);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}` : v;
}

export const blank = (v: string | null | undefined) => (v === null || v === undefined || v.trim() === '' ? null : v.trim());
export const splitPath = (path: string) =>
  path
    .split(/[／/\\>]/)
    .map((s) => s.trim())
    .filter(Boolean);

export interface UnitIndex {
  byPath: Map<string, string>;
  byName: Map<string, string[]>;
}

export function unitIndex(db: Db): UnitIndex {
  const ids = db.prepare('SELECT id, name FROM units WHERE deleted_at IS NULL').all() as { id: string; name: string }[];
  const paths = unitPaths(
    db,
    ids.map((u) => u.id),
  );
  const byPath = new Map<string, string>();
  const byName = new Map<string, string[]>();
  for (const u of ids) {
    byPath.set(paths.get(u.id)!, u.id);
    byName.set(u.name, [...(byName.get(u.name) ?? []), u.id]);
  }
  return { byPath, byName };
}

/** A unit cell → an existing unit id, a path to create, or why it cannot be used. */
export function resolveUnit(index: UnitIndex, text: string): { id: string } | { create: string } | { error: string } {
  const parts = splitPath(text);
  const path = parts.join('／');
  const exact = index.byPath.get(path);
  if (exact) return { id: exact };
  if (parts.length === 1) {
    const named = index.byName.get(parts[0]!) ?? [];
    if (named.length === 1) return { id: named[0]! };
    if (named.length > 1) return { error: `单位“${parts[0]}”有${named.length}个同名单位，请写出上级单位（如 市财政局／${parts[0]}）` };
  }
  return { create: path };
}

interface Known {
  id: string;
  rev: number;
  name: string;
  unit_id: string | null;
  birth_month: string | null;
  id_number: string | null;
}

/** Checks every row against the register and the rows above it. Nothing is written. */
export function checkPeopleRows(
  db: Db,
  rows: { line: number; values: Values }[],
  existing: 'update' | 'skip',
): { reports: ImportRowReport[]; newUnits: string[]; inputs: (PersonInput | null)[] } {
  const units = unitIndex(db);
  const names = [...new Set(rows.map((r) => blank(r.values.name)).filter((n): n is string => !!n))];
  const known = db
    .prepare(
      'SELECT id, rev, name, unit_id, birth_month, id_number FROM people WHERE deleted_at IS NULL AND name IN (SELECT value FROM json_each(?))',
    )
    .all(JSON.stringify(names)) as Known[];
  const idNumbers = rows.map((r) => blank(r.values.idNumber)).filter((v): v is string => !!v && !v.includes('*'));
  const byIdNumber = new Map(
    (
      db
        .prepare(
          'SELECT id, rev, name, unit_id, birth_month, id_number FROM people WHERE deleted_at IS NULL AND id_number IN (SELECT value FROM json_each(?))',
        )
        .all(JSON.stringify(idNumbers.map((v) => v.toUpperCase()))) as Known[]
    ).map((k) => [k.id_number!, k]),
  );
  const byNameUnit = new Map<string, Known[]>();
  for (const k of known) byNameUnit.set(`${k.name}|${k.unit_id ?? ''}`, [...(byNameUnit.get(`${k.name}|${k.unit_id ?? ''}`) ?? []), k]);
  const fullRows = new Map<string, Person>();
  const current = (id: string) => {
    let p = fullRows.get(id);
    if (!p) fullRows.set(id, (p = getPerson(db, id)!));
    return p;
  };

  const seen = new Map<string, number>();
  const newUnits = new Set<string>();
  /** Each row's checked input (what confirm writes), so it is not parsed a second time. */
  const inputs: (PersonInput | null)[] = [];
  const reports = rows.map(({ line, values: raw }, index): ImportRowReport => {
    inputs[index] = null;
    const values: Values = {};
    for (const f of PEOPLE_FIELDS) values[f.key] = blank(raw[f.key]);
    if (values.birthMonth) values.birthMonth = normalizeBirthMonth(values.birthMonth);
    if (values.politicalStatus) values.politicalStatus = POLITICAL_ALIASES[values.politicalStatus] ?? values.politicalStatus;
    if (values.idNumber?.includes('*')) values.idNumber = null; // a masked number from an export: not data
    const invalid = (reason: string): ImportRowReport => ({ line, status: 'invalid', reason, values });

    const parsed = personInput.safeParse({ ...values, unitId: null });
    if (!parsed.success) return invalid(parsed.error.issues.map((i) => i.message).join('；'));
    const p = parsed.data;
    inputs[index] = p;

    let unitId: string | null = null;
    if (values.unit) {
      const u = resolveUnit(units, values.unit);
      if ('error' in u) return invalid(u.error);
      if ('id' in u) unitId = u.id;
      else newUnits.add(u.create);
    }
    const unitKey = unitId ?? (values.unit ? `new:${splitPath(values.unit).join('／')}` : '');
    const key = p.idNumber ?? `${p.name}|${unitKey}|${p.birthMonth ?? ''}`;
    const earlier = seen.get(key);
    if (earlier) return invalid(`与第${earlier}行是同一人`);
    seen.set(key, line);

    let match: Known | undefined = p.idNumber ? byIdNumber.get(p.idNumber) : undefined;
    if (match && match.name !== p.name) return invalid(`身份证号与人员库中的“${match.name}”相同，但姓名不同，请核对`);
    if (!match) {
      let candidates = unitId || !values.unit ? (byNameUnit.get(`${p.name}|${unitId ?? ''}`) ?? []) : [];
      if (p.idNumber) candidates = candidates.filter((c) => c.id_number === null);
      if (p.birthMonth) candidates = candidates.filter((c) => c.birth_month === p.birthMonth || c.birth_month === null);
      if (candidates.length > 1) return invalid(`人员库中有${candidates.length}位同单位的“${p.name}”，请填写出生年月或身份证号以区分`);
      match = candidates[0];
    }
    if (!match) return { line, status: 'new', reason: null, values };

    const now = current(match.id);
    const changes: string[] = [];
    const differs = (label: string, file: unknown, held: unknown) => {
      if (file !== null && file !== undefined && file !== held) changes.push(label);
    };
    for (const f of PEOPLE_FIELDS) {
      if (f.key === 'name') continue; // the match itself
      if (f.key === 'unit') {
        if (values.unit && unitId !== now.unitId) changes.push('单位');
      } else differs(f.label, p[f.key as keyof PersonValues], now[f.key as keyof PersonValues]);
    }
    if (!changes.length) return { line, status: 'unchanged', reason: null, values };
    return { line, status: 'update', reason: `${existing === 'skip' ? '不更新' : '将更新'}：${changes.join('、')}`, values };
  });
  return { reports, newUnits: [...newUnits], inputs };
}

/**
 * Confirming checks every row again: one that is invalid now, or no longer what the preview
 * said (someone changed the register meanwhile), refuses the whole import, naming the first three.
 */
export function refuseUnlessAsPreviewed(reports: ImportRowReport[], rows: { expect: string }[]): void {
  const bad = reports.filter((r, i) => r.status === 'invalid' || r.status !== rows[i]!.expect);
  if (bad.length) {
    throw new AppError(
      'CONFLICT',
      `有${bad.length}行无法导入（${bad
        .slice(0, 3)
        .map((r) => `第${r.line}行：${r.status === 'invalid' ? r.reason : `现为“${IMPORT_STATUS_LABELS[r.status]}”`}`)
        .join('；')}），全部未导入。请重新预览后再确认。`,
    );
  }
}

/**
 * Writes the confirmed rows. Runs inside the host's one transaction: any row that no
 * longer checks out (someone changed the register since the preview) throws, and nothing
 * of the import stays.
 */
export function commitPeopleRows(
  ctx: HandlerContext,
  rows: { line: number; expect: string; values: Values }[],
  existing: 'update' | 'skip',
): ImportResult {
  const { reports, inputs } = checkPeopleRows(ctx.db, rows, existing);
  refuseUnlessAsPreviewed(reports, rows);
  const result: ImportResult = { created: 0, updated: 0, unchanged: 0, skipped: 0, unitsCreated: 0 };
  const units = unitIndex(ctx.db);
  const unitFor = (text: string | null): string | null => {
    if (!text) return null;
    const u = resolveUnit(units, text);
    if ('id' in u) return u.id;
    if ('error' in u) throw new AppError('CONFLICT', u.error);
    // Create the missing tail of the path under the longest part that exists.
    const parts = u.create.split('／');
    let parentId: string | null = null;
    for (let i = 0; i < parts.length; i++) {
      const path = parts.slice(0, i + 1).join('／');
      let id = units.byPath.get(path);
      if (!id) {
        // through the unit's schema: its defaults fill the fields a sheet has no column for
        const unit = unitsCreateInput.safeParse({ name: parts[i]!, parentId });
        if (!unit.success) throw validationError(unit.error);
        id = createUnit(ctx.db, ctx.writer, unit.data).id;
        units.byPath.set(path, id);
        units.byName.set(parts[i]!, [...(units.byName.get(parts[i]!) ?? []), id]);
        result.unitsCreated++;
      }
      parentId = id;
    }
    return parentId;
  };

  // New people go in together after the loop (one insert statement: see Writer.insertMany).
  const created: PersonInput[] = [];
  reports.forEach((report, index) => {
    const v = report.values;
    if (report.status === 'unchanged') return void result.unchanged++;
    if (report.status === 'update' && existing === 'skip') return void result.skipped++;
    const unitId = unitFor(v.unit ?? null);
    // The file's cells for the person's own fields (unit is resolved above); a field the
    // import has no column for stays as held.
    const fields: Record<string, string | null | undefined> = Object.fromEntries(
      PEOPLE_FIELDS.filter((f) => f.key !== 'unit').map((f) => [f.key, v[f.key]]),
    );
    if (report.status === 'new') {
      created.push({ ...inputs[index]!, unitId });
      result.created++;
    } else {
      const match = findMatch(ctx.db, v, unitId);
      const now = getPerson(ctx.db, match)!;
      // An empty cell never clears what the register holds; the name is the match.
      const merged = {
        ...Object.fromEntries(PERSON_FIELDS.map((k) => [k, fields[k] ?? now[k]])),
        id: now.id,
        rev: now.rev,
        name: now.name,
        unitId: v.unit ? unitId : now.unitId,
      };
      updatePerson(ctx.db, ctx.writer, peopleUpdateInput.parse(merged));
      result.updated++;
    }
  });
  createPeople(ctx.db, ctx.writer, created);
  return result;
}

/** The id of the held person a checked 'update' row matched (same rule as the check). */
function findMatch(db: Db, v: Values, unitId: string | null): string {
  if (v.idNumber) {
    const id = db.prepare('SELECT id FROM people WHERE id_number = ? AND deleted_at IS NULL').pluck().get(v.idNumber.toUpperCase()) as
      string | undefined;
    if (id) return id;
  }
  const candidates = db
    .prepare('SELECT id, birth_month, id_number FROM people WHERE name = ? AND unit_id IS ? AND deleted_at IS NULL')
    .all(v.name, unitId) as { id: string; birth_month: string | null; id_number: string | null }[];
  const fit = candidates.filter(
    (c) => (!v.idNumber || c.id_number === null) && (!v.birthMonth || c.birth_month === v.birthMonth || c.birth_month === null),
  );
  if (fit.length !== 1) throw new AppError('CONFLICT', `“${v.name}”在人员库中已有变化，请重新预览后再确认。`);
  return fit[0]!.id;
}

/** Guesses which column holds which field from the header row (spaces and full-width brackets ignored). */
export function guessPeopleMapping(headers: string[]): Record<string, number | null> {
  const norm = headers.map((h) => h.replace(/\s/g, '').replace(/（/g, '(').replace(/）/g, ')'));
  const mapping: Record<string, number | null> = {};
  for (const f of PEOPLE_FIELDS) {
    const i = norm.findIndex((h) => f.headers.includes(h));
    mapping[f.key] = i >= 0 ? i : null;
  }
  return mapping;
}
