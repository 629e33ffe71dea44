/**
 * The persons of a new request while the clerk builds the list: each line as the
 * requester wrote it, what matching found, and the person it now stands for.
 */
import type { ImportRowReport } from '../../../core/exchange/importContract';
import type { LineStatus, MatchedLine } from '../../../core/opinions/contract';
import type { PersonListItem } from '../../../core/people/contract';
import type { Unit } from '../../../core/units/contract';

export interface PersonLine {
  /** Local key (stable while the list is edited). */
  key: string;
  /** Line number in the pasted text / file (numbers continue across pastes). */
  lineNo: number;
  raw: string;
  name: string;
  unitText: string | null;
  positionText: string | null;
  status: LineStatus;
  candidates: PersonListItem[];
  message: string | null;
  /** The person this line stands for, once known. */
  personId: string | null;
  person: PersonListItem | null;
  /** How it was resolved: by matching, picked by the clerk, or a person created for it. */
  how: 'auto' | 'picked' | 'created' | null;
  /** Where the line came from: the requester's list (pasted or imported) or added one by one. */
  origin: 'list' | 'added';
  /** A row of an imported file as the report gave it, with the clerk's update/skip: checked again and written on saving. */
  fromFile?: FileRow;
}

export interface FileRow {
  line: number;
  expect: 'new' | 'update' | 'unchanged';
  values: Record<string, string | null>;
  existing: 'update' | 'skip';
}

/** A valid row of the import report → a line of the list (a new person has no id until the request is saved). */
export function fromReport(r: ImportRowReport, existing: 'update' | 'skip'): PersonLine {
  const v = r.values;
  const expect = r.status as FileRow['expect'];
  return {
    key: nextKey(),
    lineNo: r.line - 1,
    raw: [v.name, v.unit, v.position].filter(Boolean).join(' '),
    name: v.name ?? '',
    unitText: v.unit ?? null,
    positionText: v.position ?? null,
    status: 'matched',
    candidates: r.person ? [r.person] : [],
    message: r.reason,
    personId: r.person?.id ?? null,
    person: r.person ?? null,
    how: r.person ? 'auto' : null,
    origin: 'list',
    fromFile: { line: r.line, expect, values: v, existing },
  };
}

let seq = 0;
const nextKey = () => `l${++seq}`;

export function fromMatched(m: MatchedLine): PersonLine {
  const person = m.personId ? (m.candidates.find((c) => c.id === m.personId) ?? null) : null;
  return {
    key: nextKey(),
    lineNo: m.lineNo,
    raw: m.raw,
    name: m.name,
    unitText: m.unitText,
    positionText: m.positionText,
    status: m.status,
    candidates: m.candidates,
    message: m.message,
    personId: m.status === 'matched' ? m.personId : null,
    person: m.status === 'matched' ? person : null,
    how: m.status === 'matched' ? 'auto' : null,
    origin: 'list',
  };
}

export function fromPicked(p: PersonListItem, lineNo: number): PersonLine {
  return {
    key: nextKey(),
    lineNo,
    raw: p.name,
    name: p.name,
    unitText: null,
    positionText: p.position,
    status: 'matched',
    candidates: [p],
    message: null,
    personId: p.id,
    person: p,
    how: 'picked',
    origin: 'added',
  };
}

export type LineState = 'matched' | 'new' | 'ambiguous' | 'unknown' | 'invalid' | 'duplicate';

/** Lines that need nothing more from the clerk: a person found, or a new one to be created on saving. */
export const isResolved = (s: LineState | undefined) => s === 'matched' || s === 'new';

/** What each line needs now: resolved lines that repeat an earlier person are duplicates. */
export function lineStates(lines: readonly PersonLine[]): Map<string, { state: LineState; duplicateOf?: number }> {
  const seen = new Map<string, number>();
  const out = new Map<string, { state: LineState; duplicateOf?: number }>();
  lines.forEach((l, i) => {
    if (l.personId) {
      const earlier = seen.get(l.personId);
      if (earlier !== undefined) out.set(l.key, { state: 'duplicate', duplicateOf: earlier + 1 });
      else {
        seen.set(l.personId, i);
        out.set(l.key, { state: 'matched' });
      }
    } else if (l.fromFile?.expect === 'new') out.set(l.key, { state: 'new' });
    else out.set(l.key, { state: l.status === 'matched' ? 'invalid' : l.status });
  });
  return out;
}

/** The unit a requester's text most likely means (for a new person), or null when unsure. */
export function guessUnit(unitText: string | null, units: readonly Unit[], paths: ReadonlyMap<string, string>): string | null {
  if (!unitText) return null;
  const t = unitText.replace(/\s/g, '');
  if (t.length < 2) return null;
  const score = (u: Unit) => {
    const path = (paths.get(u.id) ?? u.name).replace(/／/g, '');
    if (u.name === t || path === t) return 3;
    if (t.endsWith(u.name) && u.name.length >= 2) return 2;
    if (u.name.includes(t) || (t.includes(u.name) && u.name.length >= 2)) return 1;
    return 0;
  };
  let best = 0;
  let found: string[] = [];
  for (const u of units) {
    const s = score(u);
    if (s > best) {
      best = s;
      found = [u.id];
    } else if (s === best && s > 0) found.push(u.id);
  }
  return best > 0 && found.length === 1 ? found[0]! : null;
}

/** Text → non-blank lines. */
export const splitLines = (text: string) => text.split(/\r\n|\r|\n/).filter((l) => l.trim() !== '');

export const MATCH_CHUNK = 100;
