/**
 * 澄清正名 records: read and written here, for this area's channels and for other areas
 * (the dossier), which never call this area's handlers.
 */
import type { Db } from '../../db/open';
import { AppError } from '../errors';
import { PENDING_KIND_LABELS, type PendingKind } from '../pendingMatters/contract';
import { fromRow, toColumnValues } from '../shared/rows';
import { CLEARANCE_FIELDS, type Clearance, type ClearanceValues } from './contract';

/** A row of `clearances` (the fields' columns) with the matter it closes. */
type Row = Record<string, unknown> & { id: string; rev: number; matter_kind: PendingKind | null; matter_received: string | null };

const SELECT = `SELECT c.*, m.kind AS matter_kind, m.received_date AS matter_received
                FROM clearances c LEFT JOIN pending_matters m ON m.id = c.pending_matter_id`;

const toClearance = (r: Row): Clearance => ({
  id: r.id,
  rev: r.rev,
  ...fromRow<ClearanceValues>(CLEARANCE_FIELDS, r),
  matterLabel: r.matter_kind ? `${PENDING_KIND_LABELS[r.matter_kind]}（${r.matter_received}受理）` : null,
});

export function listClearancesOf(db: Db, personId: string): Clearance[] {
  return (
    db.prepare(`${SELECT} WHERE c.person_id = ? AND c.deleted_at IS NULL ORDER BY c.clear_date DESC, c.id`).all(personId) as Row[]
  ).map(toClearance);
}

export function getClearance(db: Db, id: string): Clearance | null {
  const row = db.prepare(`${SELECT} WHERE c.id = ? AND c.deleted_at IS NULL`).get(id) as Row | undefined;
  return row ? toClearance(row) : null;
}

/** The row's columns; the matter named must be the same person's and received before the clearing. */
export function clearanceColumns(db: Db, v: ClearanceValues) {
  if (v.pendingMatterId) {
    const matter = db
      .prepare('SELECT person_id, received_date FROM pending_matters WHERE id = ? AND deleted_at IS NULL')
      .get(v.pendingMatterId) as { person_id: string; received_date: string } | undefined;
    if (!matter) throw new AppError('VALIDATION', '所选的在查事项不存在或已删除。', { pendingMatterId: '事项不存在' });
    if (matter.person_id !== v.personId)
      throw new AppError('VALIDATION', '所选的在查事项不是该人员的。', { pendingMatterId: '不是该人员的事项' });
    if (v.clearDate < matter.received_date)
      throw new AppError('VALIDATION', '澄清日期不能早于该事项的受理日期。', { clearDate: '早于事项受理日期' });
  }
  return toColumnValues(CLEARANCE_FIELDS, v);
}
