import type { Db } from '../../db/open';
import { AppError } from '../errors';
import type { HandlerMap } from '../host/handler';
import { PENDING_KIND_LABELS, type PendingKind } from '../pendingMatters/contract';
import { personRecordHandlers } from '../shared/personRecords';
import type { Clearance, ClearanceForm } from './contract';

interface Row {
  id: string;
  rev: number;
  person_id: string;
  pending_matter_id: string | null;
  matter_kind: PendingKind | null;
  matter_received: string | null;
  clear_date: string;
  form: ClearanceForm;
  unit_informed: string | null;
  notes: string | null;
}

const SELECT = `SELECT c.*, m.kind AS matter_kind, m.received_date AS matter_received
                FROM clearances c LEFT JOIN pending_matters m ON m.id = c.pending_matter_id`;

const toClearance = (r: Row): Clearance => ({
  id: r.id,
  rev: r.rev,
  personId: r.person_id,
  pendingMatterId: r.pending_matter_id,
  matterLabel: r.matter_kind ? `${PENDING_KIND_LABELS[r.matter_kind]}（${r.matter_received}受理）` : null,
  clearDate: r.clear_date,
  form: r.form,
  unitInformed: r.unit_informed,
  notes: r.notes,
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

type Values = {
  personId: string;
  pendingMatterId: string | null;
  clearDate: string;
  form: string;
  unitInformed: string | null;
  notes: string | null;
};

function toColumns(db: Db, v: Values) {
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
  return {
    person_id: v.personId,
    pending_matter_id: v.pendingMatterId,
    clear_date: v.clearDate,
    form: v.form,
    unit_informed: v.unitInformed,
    notes: v.notes,
  };
}

const handlers = personRecordHandlers({
  table: 'clearances',
  label: '澄清正名记录',
  listOf: listClearancesOf,
  get: getClearance,
  columns: toColumns,
});

export const clearancesHandlers: HandlerMap<'clearances.list' | 'clearances.create' | 'clearances.update' | 'clearances.delete'> = {
  'clearances.list': handlers.list,
  'clearances.create': handlers.create,
  'clearances.update': handlers.update,
  'clearances.delete': handlers.delete,
};
