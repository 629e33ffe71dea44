import type { Db } from '../../db/open';
import type { PendingMatter } from './contract';

interface Row {
  id: string;
  rev: number;
  person_id: string;
  kind: PendingMatter['kind'];
  source: string | null;
  received_date: string;
  summary: string | null;
  status: PendingMatter['status'];
  closed_date: string | null;
  closing_result: string | null;
}

const toMatter = (r: Row): PendingMatter => ({
  id: r.id,
  rev: r.rev,
  personId: r.person_id,
  kind: r.kind,
  source: r.source,
  receivedDate: r.received_date,
  summary: r.summary,
  status: r.status,
  closedDate: r.closed_date,
  closingResult: r.closing_result,
});

export function listPendingOf(db: Db, personId: string): PendingMatter[] {
  return (db.prepare('SELECT * FROM pending_matters WHERE person_id = ? AND deleted_at IS NULL ORDER BY received_date, id').all(personId) as Row[]).map(toMatter);
}

export function pendingOfPeople(db: Db, personIds: readonly string[]): Map<string, PendingMatter[]> {
  const rows = db
    .prepare('SELECT * FROM pending_matters WHERE person_id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL ORDER BY person_id, received_date, id')
    .all(JSON.stringify(personIds)) as Row[];
  const map = new Map<string, PendingMatter[]>();
  for (const r of rows) map.set(r.person_id, [...(map.get(r.person_id) ?? []), toMatter(r)]);
  return map;
}

export function getPending(db: Db, id: string): PendingMatter | null {
  const row = db.prepare('SELECT * FROM pending_matters WHERE id = ? AND deleted_at IS NULL').get(id) as Row | undefined;
  return row ? toMatter(row) : null;
}
