import type { Db } from '../../db/open';
import { fromRow } from '../shared/rows';
import { PENDING_FIELDS, type PendingEvent, type PendingMatter, type PendingValues } from './contract';

/** A row of `pending_matters`: the fields' columns (PENDING_FIELDS) besides these. */
type Row = Record<string, unknown> & { id: string; rev: number };

const toMatter = (r: Row, history: PendingEvent[] = []): PendingMatter => ({
  id: r.id,
  rev: r.rev,
  ...fromRow<PendingValues>(PENDING_FIELDS, r),
  history,
});

/** The history of many matters in one query, oldest first (same-day events in recorded order). */
function historyOf(db: Db, matterIds: readonly string[]): Map<string, PendingEvent[]> {
  const rows = db
    .prepare(
      'SELECT matter_id, event_date, kind, status, note FROM pending_matter_events WHERE matter_id IN (SELECT value FROM json_each(?)) ORDER BY matter_id, event_date, rowid',
    )
    .all(JSON.stringify(matterIds)) as {
    matter_id: string;
    event_date: string;
    kind: PendingEvent['kind'];
    status: PendingEvent['status'];
    note: string | null;
  }[];
  const map = new Map<string, PendingEvent[]>();
  for (const e of rows)
    map.set(e.matter_id, [...(map.get(e.matter_id) ?? []), { date: e.event_date, kind: e.kind, status: e.status, note: e.note }]);
  return map;
}

const withHistory = (db: Db, rows: Row[]): PendingMatter[] => {
  const history = historyOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toMatter(r, history.get(r.id)));
};

export function listPendingOf(db: Db, personId: string): PendingMatter[] {
  return withHistory(
    db,
    db
      .prepare('SELECT * FROM pending_matters WHERE person_id = ? AND deleted_at IS NULL ORDER BY received_date, id')
      .all(personId) as Row[],
  );
}

export function pendingOfPeople(db: Db, personIds: readonly string[]): Map<string, PendingMatter[]> {
  const rows = db
    .prepare(
      'SELECT * FROM pending_matters WHERE person_id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL ORDER BY person_id, received_date, id',
    )
    .all(JSON.stringify(personIds)) as Row[];
  const map = new Map<string, PendingMatter[]>();
  for (const m of withHistory(db, rows)) map.set(m.personId, [...(map.get(m.personId) ?? []), m]);
  return map;
}

export function getPending(db: Db, id: string): PendingMatter | null {
  const row = db.prepare('SELECT * FROM pending_matters WHERE id = ? AND deleted_at IS NULL').get(id) as Row | undefined;
  return row ? withHistory(db, [row])[0]! : null;
}
