import type { Db } from '../../db/open';
import { cachedStatement } from '../../db/statements';
import { hiddenNow, registerHiddenFunction } from '../recusal/hidden';
import { fromRow, selectColumns } from '../shared/rows';
import { UNIT_FIELDS, type Unit, type UnitValues } from './contract';

type UnitRow = Record<string, unknown> & { id: string; rev: number; people_count: number };

const toUnit = (r: UnitRow): Unit => ({ id: r.id, rev: r.rev, ...fromRow<UnitValues>(UNIT_FIELDS, r), peopleCount: r.people_count });

/**
 * A unit with its head count as the running call's account may see it: for an account under
 * recusal (回避), the persons it must not see are not counted (core/recusal/hidden.ts).
 */
function selectUnit(db: Db): string {
  const hidden = hiddenNow().size > 0;
  if (hidden) registerHiddenFunction(db);
  return `
  SELECT u.id, u.rev, ${selectColumns('u', UNIT_FIELDS)},
         (SELECT count(*) FROM people p WHERE p.unit_id = u.id AND p.deleted_at IS NULL${hidden ? ' AND NOT qinglian_hidden(p.id)' : ''}) AS people_count
  FROM units u`;
}

/** Everyone in the unit, whoever asks (what decides whether it may be deleted). */
export function allPeopleCount(db: Db, id: string): number {
  return (db.prepare('SELECT count(*) AS n FROM people WHERE unit_id = ? AND deleted_at IS NULL').get(id) as { n: number }).n;
}

/** All active units (an office has hundreds, not millions); the renderer builds the tree. */
export function listUnits(db: Db): Unit[] {
  return (db.prepare(`${selectUnit(db)} WHERE u.deleted_at IS NULL ORDER BY u.sort_order, u.name`).all() as UnitRow[]).map(toUnit);
}

export function getUnit(db: Db, id: string): Unit | null {
  const row = db.prepare(`${selectUnit(db)} WHERE u.id = ? AND u.deleted_at IS NULL`).get(id) as UnitRow | undefined;
  return row ? toUnit(row) : null;
}

/** True when the unit exists and is not deleted (without counting its people, as getUnit does). */
export function unitExists(db: Db, id: string): boolean {
  return cachedStatement(db, 'SELECT 1 FROM units WHERE id = ? AND deleted_at IS NULL').get(id) !== undefined;
}

/** The unit and all its active descendants. */
export function unitSubtreeIds(db: Db, id: string): string[] {
  return (
    db
      .prepare(
        `WITH RECURSIVE sub(id) AS (
           SELECT id FROM units WHERE id = ?
           UNION SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id WHERE u.deleted_at IS NULL)
         SELECT id FROM sub`,
      )
      .all(id) as { id: string }[]
  ).map((r) => r.id);
}

export function activeChildCount(db: Db, id: string): number {
  return (db.prepare('SELECT count(*) AS n FROM units WHERE parent_id = ? AND deleted_at IS NULL').get(id) as { n: number }).n;
}

export function unitName(db: Db, id: string): string | null {
  return (db.prepare('SELECT name FROM units WHERE id = ?').get(id) as { name: string } | undefined)?.name ?? null;
}

/** Full paths ("市财政局／办公室") of the given units, so the many 办公室 can be told apart. */
export function unitPaths(db: Db, ids: Iterable<string | null>): Map<string, string> {
  const parentOf = db.prepare('SELECT parent_id, name FROM units WHERE id = ?');
  const paths = new Map<string, string>();
  for (const id of ids) {
    if (!id || paths.has(id)) continue;
    const names: string[] = [];
    let cursor: string | null = id;
    for (let depth = 0; cursor && depth < 20; depth++) {
      const row = parentOf.get(cursor) as { parent_id: string | null; name: string } | undefined;
      if (!row) break;
      names.unshift(row.name);
      cursor = row.parent_id;
    }
    paths.set(id, names.join('／'));
  }
  return paths;
}
