/**
 * Matching a requester's name list to the people register. Every line ends up matched
 * (one person, sure), ambiguous (the clerk picks among same-name people, or creates a
 * new person), unknown (nobody of that name: create or correct), or invalid.
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
function unitFits(candidate: PersonListItem, unitText: string): boolean {
  if (!candidate.unitName) return false;
  const path = (candidate.unitPath ?? candidate.unitName).replace(/／/g, '');
  return path.includes(unitText) || unitText.includes(candidate.unitName) || unitText.includes(path);
}

export function matchLines(db: Db, lines: readonly string[], firstLineNo = 1): MatchedLine[] {
  const parsed = lines.map((raw, i) => ({ raw: raw.trim(), lineNo: firstLineNo + i, parsed: parseLine(raw) }));
  const names = parsed.flatMap((p) => (p.parsed ? [p.parsed.name] : []));
  const byName = new Map<string, PersonListItem[]>();
  for (const person of peopleWithNames(db, names)) byName.set(person.name, [...(byName.get(person.name) ?? []), person]);

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
    const candidates = byName.get(line.name) ?? [];
    let result: MatchedLine;
    if (candidates.length === 0) {
      result = { ...base, status: 'unknown', personId: null, candidates: [], message: '人员库中没有此人，请新增人员或核对姓名' };
    } else {
      const fitting = line.unitText ? candidates.filter((c) => unitFits(c, line.unitText!)) : candidates;
      if (fitting.length === 1 && (candidates.length === 1 || line.unitText)) {
        result = {
          ...base,
          status: 'matched',
          personId: fitting[0]!.id,
          candidates: fitting,
          message: candidates.length > 1 ? `同名${candidates.length}人，已按单位确定` : null,
        };
      } else if (candidates.length === 1 && !line.unitText) {
        result = { ...base, status: 'matched', personId: candidates[0]!.id, candidates, message: null };
      } else {
        const why =
          candidates.length === 1
            ? `人员库中的${line.name}在“${candidates[0]!.unitPath ?? '未填单位'}”，与来函所列单位不一致，请确认是否同一人`
            : `人员库中有${candidates.length}名${line.name}，请选择`;
        result = { ...base, status: 'ambiguous', personId: null, candidates: fitting.length > 1 ? fitting : candidates, message: why };
      }
    }
    if (result.personId) {
      const earlier = seen.get(result.personId);
      if (earlier !== undefined) result = { ...result, status: 'invalid', personId: null, message: `与第${earlier}行是同一人，重复` };
      else seen.set(result.personId, lineNo);
    }
    out.push(result);
  }
  return out;
}
