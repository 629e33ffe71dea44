/**
 * Matching a requester's name list to the people register (pasted lines here; imported
 * files in importList.ts, by the same matchPerson). Every line ends up matched (one person,
 * sure: by 身份证号, or a name told apart by unit or birth month), ambiguous (the clerk picks
 * among same-name people, or creates a new person), unknown (nobody of that name: create or
 * correct), or invalid.
 * Nothing is saved here; the request is created only once every line is resolved.
 */
import type { Db } from '../../db/open';
import type { PersonListItem } from '../people/contract';
import { personFields } from '../people/contract';
import { peopleWithNames } from '../people/search';
import type { MatchedLine } from './contract';

export interface ParsedLine {
  name: string;
  unitText: string | null;
  positionText: string | null;
}

/** "张三 市财政局 科长", "张三，市财政局，科长", "张三\t市财政局\t科长" → parts. A header line (姓名 …) gives null. */
export function parseLine(raw: string): ParsedLine | null {
  // Lines from a spreadsheet are tab-separated (fields may hold spaces); typed lines use spaces or commas.
  const parts = (raw.includes('\t') ? raw.split('\t') : raw.replace(/[\u3000\u00a0]/g, ' ').split(/[,，、;；|]+|\s+/))
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.length) return null;
  // 序号 first ("1." / "1、" / "1")? drop it.
  if (/^\d+[.、．]?$/.test(parts[0]!) || parts[0] === '序号') parts.shift();
  if (!parts.length || parts[0] === '姓名') return null;
  const [name, unit, ...rest] = parts;
  return { name: name!, unitText: unit ?? null, positionText: rest.length ? rest.join(' ') : null };
}

/** Does the unit the requester wrote fit this person's unit? */
export function unitFits(candidate: PersonListItem, unitText: string): boolean {
  if (!candidate.unitName) return false;
  const path = (candidate.unitPath ?? candidate.unitName).replace(/／/g, '');
  return path.includes(unitText) || unitText.includes(candidate.unitName) || unitText.includes(path);
}

/** What a line says about its person: the name, and what tells namesakes apart. */
export interface LineKeys {
  name: string;
  unitText: string | null;
  birthMonth?: string | null;
  /** A masked number (our own export's 3301**********1234) is not used. */
  idNumber?: string | null;
}

/** The register as matching reads it: people by name, and who holds which 身份证号. Read per name, once. */
export interface Register {
  load(names: readonly string[], idNumbers?: readonly string[]): void;
  named(name: string): PersonListItem[];
  /** Whether the person has a 身份证号 on record. */
  hasIdNumber(personId: string): boolean;
  holderOf(idNumber: string): { id: string; name: string } | null;
}

export function registerOf(db: Db): Register {
  const byName = new Map<string, PersonListItem[]>();
  const withIdNumber = new Set<string>();
  const holders = new Map<string, { id: string; name: string } | null>();
  return {
    load(names, idNumbers = []) {
      const missing = [...new Set(names)].filter((n) => !byName.has(n));
      for (const n of missing) byName.set(n, []);
      for (const p of peopleWithNames(db, missing)) byName.get(p.name)!.push(p);
      if (missing.length) {
        const ids = db
          .prepare('SELECT id FROM people WHERE deleted_at IS NULL AND id_number IS NOT NULL AND name IN (SELECT value FROM json_each(?))')
          .pluck()
          .all(JSON.stringify(missing)) as string[];
        for (const id of ids) withIdNumber.add(id);
      }
      const newNumbers = [...new Set(idNumbers)].filter((n) => !holders.has(n));
      for (const n of newNumbers) holders.set(n, null);
      if (newNumbers.length) {
        const found = db
          .prepare('SELECT id, name, id_number FROM people WHERE deleted_at IS NULL AND id_number IN (SELECT value FROM json_each(?))')
          .all(JSON.stringify(newNumbers)) as { id: string; name: string; id_number: string }[];
        for (const f of found) holders.set(f.id_number, { id: f.id, name: f.name });
      }
    },
    named: (name) => byName.get(name) ?? [],
    hasIdNumber: (id) => withIdNumber.has(id),
    holderOf: (n) => holders.get(n) ?? null,
  };
}

export type PersonMatch = Pick<MatchedLine, 'status' | 'personId' | 'candidates' | 'message'>;

/** The 身份证号 a line gives, upper-cased; null when absent or masked. */
export const usableIdNumber = (v: string | null | undefined) => (v && !v.includes('*') ? v.trim().toUpperCase() : null);

/**
 * The one rule for which registered person a line means. A 身份证号 on record decides; namesakes
 * whose recorded 身份证号 or 出生年月 differ from the line's are other people; the unit must fit.
 * Namesakes with the line's birth month are the only ones left. With namesakes, the one left must be
 * confirmed by something the line gives (a fitting unit, the same birth month), never picked because
 * it is the only one whose data is missing.
 */
export function matchPerson(register: Register, line: LineKeys): PersonMatch {
  const all = register.named(line.name);
  const idNumber = usableIdNumber(line.idNumber);
  if (idNumber) {
    const holder = register.holderOf(idNumber);
    if (holder && holder.name !== line.name) {
      return {
        status: 'invalid',
        personId: null,
        candidates: [],
        message: `身份证号属于人员库中的“${holder.name}”，与姓名“${line.name}”不符，请核对`,
      };
    }
    const held = holder ? all.find((c) => c.id === holder.id) : undefined;
    if (held) {
      return {
        status: 'matched',
        personId: held.id,
        candidates: [held],
        message: all.length > 1 ? `同名${all.length}人，已按身份证号确定` : null,
      };
    }
  }
  if (!all.length) return { status: 'unknown', personId: null, candidates: [], message: '人员库中没有此人，请新增人员或核对姓名' };
  let fitting = all;
  if (idNumber) fitting = fitting.filter((c) => !register.hasIdNumber(c.id));
  if (line.birthMonth) {
    // The same birth month tells namesakes apart; without one, only those with none recorded may still be this person.
    const same = fitting.filter((c) => c.birthMonth === line.birthMonth);
    fitting = same.length ? same : fitting.filter((c) => !c.birthMonth);
  }
  if (!fitting.length) {
    return {
      status: 'unknown',
      personId: null,
      candidates: [],
      message: `人员库中的${line.name}${idNumber ? '身份证号' : '出生年月'}与名单不同，应为另一人；请新增人员或核对`,
    };
  }
  const byUnit = line.unitText ? fitting.filter((c) => unitFits(c, line.unitText!)) : fitting;
  if (byUnit.length === 1) {
    const one = byUnit[0]!;
    const byMonth = !!line.birthMonth && one.birthMonth === line.birthMonth;
    if (all.length === 1 || line.unitText || byMonth) {
      const how = line.unitText ? '单位' : '出生年月';
      return {
        status: 'matched',
        personId: one.id,
        candidates: byUnit,
        message: all.length > 1 ? `同名${all.length}人，已按${how}确定` : null,
      };
    }
  }
  const why =
    all.length === 1
      ? `人员库中的${line.name}在“${all[0]!.unitPath ?? '未填单位'}”，与来函所列单位不一致，请确认是否同一人`
      : `人员库中有${all.length}名${line.name}，请选择`;
  return { status: 'ambiguous', personId: null, candidates: byUnit.length > 1 ? byUnit : fitting, message: why };
}

export function matchLines(db: Db, lines: readonly string[], firstLineNo = 1): MatchedLine[] {
  const parsed = lines.map((raw, i) => ({ raw: raw.trim(), lineNo: firstLineNo + i, parsed: parseLine(raw) }));
  const register = registerOf(db);
  register.load(parsed.flatMap((p) => (p.parsed ? [p.parsed.name] : [])));

  const out: MatchedLine[] = [];
  const seen = new Map<string, number>();
  for (const { raw, lineNo, parsed: line } of parsed) {
    if (!line) continue;
    const base = { lineNo, raw, name: line.name, unitText: line.unitText, positionText: line.positionText };
    const nameCheck = personFields.name.safeParse(line.name);
    if (!nameCheck.success) {
      out.push({
        ...base,
        status: 'invalid',
        personId: null,
        candidates: [],
        message: `姓名“${line.name}”不正确：${nameCheck.error.issues[0]!.message}`,
      });
      continue;
    }
    let result: MatchedLine = { ...base, ...matchPerson(register, line) };
    if (result.personId) {
      const earlier = seen.get(result.personId);
      if (earlier !== undefined) result = { ...result, status: 'invalid', personId: null, message: `与第${earlier}行是同一人，重复` };
      else seen.set(result.personId, lineNo);
    }
    out.push(result);
  }
  return out;
}
