/**
 * Writing a 处分 record, for this area's channels and for other areas (the Excel import),
 * which never call this area's handlers. Every write recomputes the person's impact ends.
 */
import type { Db } from '../../db/open';
import type { ValidInput } from '../api';
import { AppError, notFound } from '../errors';
import type { HandlerContext } from '../host/context';
import { getPerson } from '../people/records';
import { toColumnValues } from '../shared/rows';
import { SANCTION_FIELDS, type Sanction, type SanctionValues } from './contract';
import { getSanction, recomputeImpacts } from './queries';

function toColumns(db: Db, v: SanctionValues, selfId: string | null) {
  if (!getPerson(db, v.personId)) throw new AppError('VALIDATION', '所选人员不存在或已删除。', { personId: '人员不存在' });
  if (v.decisionNumber) {
    const other = db
      .prepare(
        'SELECT s.id, p.name FROM sanctions s JOIN people p ON p.id = s.person_id WHERE s.decision_number = ? AND s.deleted_at IS NULL AND s.id IS NOT ?',
      )
      .get(v.decisionNumber, selfId) as { name: string } | undefined;
    if (other) {
      throw new AppError('CONFLICT', `决定文号“${v.decisionNumber}”已登记在“${other.name}”的处分记录中，未保存。`, {
        decisionNumber: '决定文号重复',
      });
    }
  }
  return toColumnValues(SANCTION_FIELDS, v);
}

export function createSanction(input: ValidInput<'sanctions.create'>, { db, writer, now }: HandlerContext): Sanction {
  const id = writer.insert('sanctions', toColumns(db, input, null));
  recomputeImpacts(db, input.personId, 'edit', { at: now().toISOString() });
  return getSanction(db, id)!;
}

/** Saves an edit; moved to another person, both people's ends are recomputed. */
export function updateSanction(input: ValidInput<'sanctions.update'>, { db, writer, now }: HandlerContext): Sanction {
  const before = getSanction(db, input.id);
  if (!before) throw notFound('处分记录');
  writer.update('sanctions', input.id, input.rev, toColumns(db, input, input.id));
  const at = now().toISOString();
  recomputeImpacts(db, input.personId, 'edit', { at });
  if (before.personId !== input.personId) recomputeImpacts(db, before.personId, 'edit', { at });
  return getSanction(db, input.id)!;
}
