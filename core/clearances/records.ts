/**
 * 澄清正名 records: read and written here, for this area's channels and for other areas
 * (the dossier), which never call this area's handlers.
 */
import type { Db } from '../../db/open';
import { AppError } from '../errors';
import { PENDING_KIND_LABELS, type PendingKind } from '../pendingMatters/contract';
import { personRecordReads } from '../shared/personRecords';
import { toColumnValues } from '../shared/rows';
import { CLEARANCE_FIELDS, type Clearance, type ClearanceValues } from './contract';

const reads = personRecordReads({
  from: 'clearances c LEFT JOIN pending_matters m ON m.id = c.pending_matter_id',
  alias: 'c',
  joined: 'm.kind AS matter_kind, m.received_date AS matter_received',
  fields: CLEARANCE_FIELDS,
  newestBy: 'clearDate',
  // The matter it closes.
  joinedValues: (r: { matter_kind: PendingKind | null; matter_received: string | null }) => ({
    matterLabel: r.matter_kind ? `${PENDING_KIND_LABELS[r.matter_kind]}（${r.matter_received}受理）` : null,
  }),
});

export const listClearancesOf: (db: Db, personId: string) => Clearance[] = reads.listOf;
export const getClearance: (db: Db, id: string) => Clearance | null = reads.get;

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
