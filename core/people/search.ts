import type { Db } from '../../db/open';
import { maskIdNumber, type Paged } from '../shared/fields';
import { unitPaths } from '../units/queries';
import { fromRow, selectColumns } from '../shared/rows';
import { PERSON_FIELDS, personListItem, type PeopleSortKey, type PersonListItem, type PersonValues } from './contract';

export interface PeopleQuery {
  query?: string | undefined;
  /** Restrict to these units (already expanded to sub-units by the caller). */
  unitIds?: string[] | null;
  category?: string | undefined;
  politicalStatus?: string | undefined;
  sortBy?: PeopleSortKey | undefined;
  sortOrder: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

interface Sql {
  sql: string;
  params: unknown[];
}

/** A people row as PERSON_COLUMNS reads it: the fields' columns plus these. */
export type PersonRow = Record<string, unknown> & {
  seq: number;
  id: string;
  rev: number;
  id_number: string | null;
  unit_id: string | null;
  unit_name: string | null;
  homonym_count: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  updated_by: string | null;
};

const ROW_COLUMNS = `
  p.seq, p.id, p.rev, ${selectColumns('p', PERSON_FIELDS)}, u.name AS unit_name,
  p.created_at, p.created_by, p.updated_at, p.updated_by`;
export const PERSON_COLUMNS = `${ROW_COLUMNS},
  (SELECT count(*) FROM people h WHERE h.name = p.name AND h.deleted_at IS NULL AND h.seq <> p.seq) AS homonym_count`;

/** The stored fields the list shows: those the list's output schema keeps. */
type ListField = keyof PersonValues & keyof PersonListItem;
const LIST_FIELDS = PERSON_FIELDS.filter((f): f is ListField => f in personListItem.shape);

export function toListItem(r: PersonRow, paths: Map<string, string>): PersonListItem {
  // Fields added to fromRow's object rather than spread into a copy: one object per row, not two (100,000-row exports).
  return Object.assign(fromRow<Pick<PersonValues, ListField>>(LIST_FIELDS, r), {
    id: r.id,
    rev: r.rev,
    idNumberMasked: maskIdNumber(r.id_number),
    unitName: r.unit_name,
    unitPath: r.unit_id ? (paths.get(r.unit_id) ?? r.unit_name) : null,
    homonymCount: r.homonym_count,
    updatedAt: r.updated_at,
  });
}

/** Units whose name or short name contains the word (params: term, term), with all their sub-units: 财政 finds 市财政局/办公室. */
const UNITS_MATCHING = `
  WITH RECURSIVE hit(id) AS (
    SELECT id FROM units WHERE deleted_at IS NULL AND (instr(lower(name), ?) > 0 OR instr(lower(ifnull(short_name, '')), ?) > 0)
    UNION SELECT u.id FROM units u JOIN hit ON u.parent_id = hit.id WHERE u.deleted_at IS NULL)
  SELECT id FROM hit`;

/** Search words: whitespace-separated, lower-cased, at most 5. */
export function searchTerms(query: string | undefined): string[] {
  return (query ?? '')
    .toLowerCase()
    .split(/[\s,，、]+/)
    .filter(Boolean)
    .slice(0, 5);
}

/** A search matching more people than this is cut here: counting or sorting 100,000 matches costs far more than it helps. */
export const SEARCH_RESULT_CAP = 1000;

/** Active units whose name or short name contains the word, with all their sub-units: 财政 finds 市财政局／办公室. */
function unitsMatching(db: Db, term: string): string[] {
  return (db.prepare(UNITS_MATCHING).all(term, term) as { id: string }[]).map((r) => r.id);
}

/**
 * The condition "this person matches one search word", as an OR of index-backed tests
 * that SQLite evaluates with its multi-index OR plan (no full scan):
 * - 3+ characters: the trigram FTS index (name, full pinyin, initials, position);
 * - 1-2 characters: the gram table (name, position) and, for letters, the
 *   initials/pinyin prefix ranges (zs → 张三, li → 李四);
 * - any length: people of units whose name contains the word (units are few).
 */
export function termCondition(db: Db, term: string): Sql {
  const parts: string[] = [];
  const params: unknown[] = [];
  if ([...term].length >= 3) {
    parts.push('p.seq IN (SELECT rowid FROM people_fts WHERE people_fts MATCH ?)');
    params.push(`"${term.replace(/"/g, '""')}"`);
  } else {
    parts.push('p.seq IN (SELECT person_seq FROM people_grams WHERE gram = ?)');
    params.push(term);
    if (/^[a-z]+$/.test(term)) {
      parts.push('(p.name_initials >= ? AND p.name_initials < ?)', '(p.name_pinyin >= ? AND p.name_pinyin < ?)');
      params.push(term, term + '\uffff', term, term + '\uffff');
    }
  }
  const units = unitsMatching(db, term);
  if (units.length) {
    parts.push('p.unit_id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(units));
  }
  return { sql: `(${parts.join(' OR ')})`, params };
}

/**
 * The people list: search, filters, sort and paging, all in SQLite.
 * Without search words the whole (filtered) register is paged with an exact count.
 * With search words at most SEARCH_RESULT_CAP matches are collected (cheaply, by index),
 * then sorted and paged; `capped` tells the UI that more matched.
 */
export function searchPeople(db: Db, q: PeopleQuery): Paged<PersonListItem> {
  const terms = searchTerms(q.query);
  const { whereSql, params } = peopleWhere(db, q, terms);
  const { sql: orderSql, params: orderParams } = orderBy(q, terms[0]);
  const offset = (q.page - 1) * q.pageSize;

  let total: number;
  let capped = false;
  let seqs: number[];
  // Step 1 sorts and pages sequence numbers only; step 2 reads the page's 20 rows in full
  // (the same-name count and unit path are then worked out for 20 rows, not for every match).
  if (!terms.length) {
    total = (db.prepare(`SELECT count(*) AS n FROM people p WHERE ${whereSql}`).get(...params) as { n: number }).n;
    seqs = db
      .prepare(`SELECT p.seq FROM people p LEFT JOIN units u ON u.id = p.unit_id WHERE ${whereSql} ORDER BY ${orderSql} LIMIT ? OFFSET ?`)
      .pluck()
      .all(...params, ...orderParams, q.pageSize, offset) as number[];
  } else {
    // Collect up to CAP+1 matches (MATERIALIZED, so the sort never walks a whole index),
    // count them, and sort and page the first CAP — in one pass.
    const page = db
      .prepare(
        `WITH m AS MATERIALIZED (SELECT p.seq FROM people p WHERE ${whereSql} LIMIT ?),
              shown AS (SELECT seq FROM m LIMIT ?)
         SELECT p.seq, (SELECT count(*) FROM m) AS found
         FROM shown JOIN people p ON p.seq = shown.seq LEFT JOIN units u ON u.id = p.unit_id
         ORDER BY ${orderSql} LIMIT ? OFFSET ?`,
      )
      .all(...params, SEARCH_RESULT_CAP + 1, SEARCH_RESULT_CAP, ...orderParams, q.pageSize, offset) as { seq: number; found: number }[];
    const matched =
      page[0]?.found ??
      (
        db
          .prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM people p WHERE ${whereSql} LIMIT ?)`)
          .get(...params, SEARCH_RESULT_CAP + 1) as { n: number }
      ).n;
    capped = matched > SEARCH_RESULT_CAP;
    total = Math.min(matched, SEARCH_RESULT_CAP);
    seqs = page.map((r) => r.seq);
  }
  const rows = readPeople(db, seqs);
  const paths = unitPaths(
    db,
    rows.map((r) => r.unit_id),
  );
  return { items: rows.map((r) => toListItem(r, paths)), total, page: q.page, pageSize: q.pageSize, ...(capped ? { capped } : {}) };
}

/**
 * Every person the list shows for this query, in its order, read a block at a time (the
 * export). One sorted walk: paging with OFFSET would walk the sorted index again for
 * every page. With search words it is the list's capped result, as on screen.
 */
export function* eachPerson(db: Db, q: Omit<PeopleQuery, 'page' | 'pageSize'>): Generator<PersonListItem> {
  const terms = searchTerms(q.query);
  if (terms.length) {
    yield* searchPeople(db, { ...q, page: 1, pageSize: SEARCH_RESULT_CAP }).items;
    return;
  }
  const { whereSql, params } = peopleWhere(db, q, terms);
  const { sql: orderSql, params: orderParams } = orderBy(q, undefined);
  const seqs = db
    .prepare(`SELECT p.seq FROM people p LEFT JOIN units u ON u.id = p.unit_id WHERE ${whereSql} ORDER BY ${orderSql}`)
    .pluck()
    .all(...params, ...orderParams) as number[];
  // Namesakes (同名) counted once for the whole walk: the per-row subquery of PERSON_COLUMNS
  // cost about half the read time of a 100,000-row export. A listed person is not deleted,
  // so the others with that name are all with it minus one.
  const namesakes = new Map(
    (
      db.prepare('SELECT name, count(*) AS n FROM people WHERE deleted_at IS NULL GROUP BY name HAVING n > 1').all() as {
        name: string;
        n: number;
      }[]
    ).map((r) => [r.name, r.n - 1]),
  );
  const BLOCK = 2000;
  const paths = new Map<string, string>();
  for (let i = 0; i < seqs.length; i += BLOCK) {
    const rows = readPeople(db, seqs.slice(i, i + BLOCK), ROW_COLUMNS);
    // Unit paths kept across blocks: a few hundred units serve 100,000 people.
    const missing = new Set(rows.map((r) => r.unit_id).filter((id) => id !== null && !paths.has(id)));
    if (missing.size) for (const [id, path] of unitPaths(db, missing)) paths.set(id, path);
    for (const r of rows) {
      r.homonym_count = namesakes.get(r.name as string) ?? 0;
      yield toListItem(r, paths);
    }
  }
}

/** The list's filters as SQL (search words, units, category, political status). */
function peopleWhere(db: Db, q: Omit<PeopleQuery, 'page' | 'pageSize'>, terms: string[]): { whereSql: string; params: unknown[] } {
  const where = ['p.deleted_at IS NULL'];
  const params: unknown[] = [];
  for (const term of terms) {
    const c = termCondition(db, term);
    where.push(c.sql);
    params.push(...c.params);
  }
  if (q.unitIds) {
    where.push('p.unit_id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(q.unitIds));
  }
  if (q.category) {
    where.push('p.category = ?');
    params.push(q.category);
  }
  if (q.politicalStatus) {
    where.push('p.political_status = ?');
    params.push(q.politicalStatus);
  }
  return { whereSql: where.join(' AND '), params };
}

/** Full rows for the given seqs, in the given order. */
function readPeople(db: Db, seqs: number[], columns = PERSON_COLUMNS): PersonRow[] {
  if (!seqs.length) return [];
  const rows = db
    .prepare(`SELECT ${columns} FROM people p LEFT JOIN units u ON u.id = p.unit_id WHERE p.seq IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(seqs)) as PersonRow[];
  const bySeq = new Map(rows.map((r) => [r.seq, r]));
  return seqs.map((seq) => bySeq.get(seq)!).filter(Boolean);
}

function orderBy(q: Pick<PeopleQuery, 'sortBy' | 'sortOrder'>, firstTerm: string | undefined): Sql {
  const dir = q.sortOrder === 'desc' ? 'DESC' : 'ASC';
  switch (q.sortBy) {
    case 'name':
      return { sql: `p.name_pinyin ${dir}, p.name ${dir}, p.seq`, params: [] };
    case 'unit':
      return { sql: `u.sort_order ${dir}, u.name ${dir}, p.name_pinyin, p.seq`, params: [] };
    case 'birthMonth':
      return { sql: `p.birth_month ${dir} NULLS LAST, p.name_pinyin, p.seq`, params: [] };
    case 'updatedAt':
      return { sql: `p.updated_at ${dir}, p.seq`, params: [] };
    case undefined:
      if (!firstTerm) return { sql: 'p.name_pinyin, p.seq', params: [] };
      // Best match first: exact name, exact pinyin/initials, name prefix, name contains, the rest.
      return {
        sql: `CASE WHEN p.name = ? THEN 0
                   WHEN p.name_initials = ? OR p.name_pinyin = ? THEN 1
                   WHEN substr(p.name, 1, length(?)) = ? THEN 2
                   WHEN instr(p.name, ?) > 0 THEN 3
                   ELSE 4 END, p.name_pinyin, p.seq`,
        params: [firstTerm, firstTerm, firstTerm, firstTerm, firstTerm, firstTerm],
      };
  }
}

/**
 * The same search as a plain LIKE scan over every row — the baseline the benchmark
 * compares against, and a cross-check in tests (both must find the same people).
 */
export function searchPeopleByLikeScan(db: Db, query: string, limit: number): { ids: string[]; total: number } {
  const term = searchTerms(query)[0] ?? '';
  const escaped = term.replace(/[\\%_]/g, (c) => '\\' + c);
  const like = `%${escaped}%`;
  const prefix = `${escaped}%`;
  const where = `p.deleted_at IS NULL AND (
      p.name LIKE @like ESCAPE '\\' OR p.position LIKE @like ESCAPE '\\'
      OR p.name_initials LIKE @prefix ESCAPE '\\' OR p.name_pinyin LIKE @prefix ESCAPE '\\'
      OR (length(@term) >= 3 AND (p.name_pinyin LIKE @like ESCAPE '\\' OR p.name_initials LIKE @like ESCAPE '\\'))
      OR p.unit_id IN (${UNITS_MATCHING.replace(/\?/g, '@term')}))`;
  const total = (db.prepare(`SELECT count(*) AS n FROM people p WHERE ${where}`).get({ like, prefix, term }) as { n: number }).n;
  const ids = (
    db
      .prepare(`SELECT p.id FROM people p WHERE ${where} ORDER BY p.name_pinyin, p.name, p.seq LIMIT @limit`)
      .all({ like, prefix, term, limit }) as {
      id: string;
    }[]
  ).map((r) => r.id);
  return { ids, total };
}

/** Active people with exactly these names, as list items (for matching pasted name lists). */
export function peopleWithNames(db: Db, names: readonly string[]): PersonListItem[] {
  if (!names.length) return [];
  const seqs = db
    .prepare('SELECT seq FROM people WHERE name IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL ORDER BY name, seq')
    .pluck()
    .all(JSON.stringify([...new Set(names)])) as number[];
  const rows = readPeople(db, seqs);
  const paths = unitPaths(
    db,
    rows.map((r) => r.unit_id),
  );
  return rows.map((r) => toListItem(r, paths));
}

/** People by id, as list items, in the given order (missing or deleted ones left out). */
export function peopleByIds(db: Db, ids: readonly string[]): PersonListItem[] {
  if (!ids.length) return [];
  const seqs = db
    .prepare('SELECT seq FROM people WHERE id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL')
    .pluck()
    .all(JSON.stringify(ids)) as number[];
  const rows = readPeople(db, seqs);
  const paths = unitPaths(
    db,
    rows.map((r) => r.unit_id),
  );
  const byId = new Map(rows.map((r) => [r.id, toListItem(r, paths)]));
  return ids.map((id) => byId.get(id)).filter((p): p is PersonListItem => !!p);
}
