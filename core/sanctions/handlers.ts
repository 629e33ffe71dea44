import type { Db } from '../../db/open';
import { AppError, notFound } from '../errors';
import type { HandlerMap } from '../host/handler';
import { getPerson } from '../people/handlers';
import { IMPACT_RULE_SETS, RETIRED_RULE_SETS } from './impactRules';
import { getSanction, IMPACT_SETTINGS_KEY, listSanctionsOf, readImpactSettings, recomputeAllImpacts, recomputeImpacts } from './queries';

type SanctionValues = {
  personId: string;
  category: string;
  type: string;
  decisionAuthority: string;
  decisionNumber: string | null;
  decisionDate: string;
  effectiveDate: string;
  probationMonths: number | null;
  restorationDate: string | null;
  status: string;
  statusDate: string | null;
  summary: string | null;
};

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
  return {
    person_id: v.personId,
    category: v.category,
    type: v.type,
    decision_authority: v.decisionAuthority,
    decision_number: v.decisionNumber,
    decision_date: v.decisionDate,
    effective_date: v.effectiveDate,
    probation_months: v.probationMonths,
    restoration_date: v.restorationDate,
    status: v.status,
    status_date: v.statusDate,
    summary: v.summary,
  };
}

export const sanctionsHandlers: HandlerMap<
  | 'sanctions.list'
  | 'sanctions.create'
  | 'sanctions.update'
  | 'sanctions.delete'
  | 'sanctions.override'
  | 'impactRules.list'
  | 'impactSettings.get'
  | 'impactSettings.update'
> = {
  'sanctions.list': (input, { db }) => listSanctionsOf(db, input.personId),

  'sanctions.create': (input, { db, writer, now }) => {
    const id = writer.insert('sanctions', toColumns(db, input, null));
    recomputeImpacts(db, input.personId, 'edit', { at: now().toISOString() });
    return getSanction(db, id)!;
  },

  'sanctions.update': (input, { db, writer, now }) => {
    const before = getSanction(db, input.id);
    if (!before) throw notFound('处分记录');
    writer.update('sanctions', input.id, input.rev, toColumns(db, input, input.id));
    const at = now().toISOString();
    recomputeImpacts(db, input.personId, 'edit', { at });
    if (before.personId !== input.personId) recomputeImpacts(db, before.personId, 'edit', { at });
    return getSanction(db, input.id)!;
  },

  'sanctions.delete': (input, { db, writer, now }) => {
    const before = getSanction(db, input.id);
    if (!before) throw notFound('处分记录');
    writer.softDelete('sanctions', input.id);
    recomputeImpacts(db, before.personId, 'edit', { at: now().toISOString() });
  },

  'sanctions.override': (input, { db, writer }) => {
    if (!getSanction(db, input.id)) throw notFound('处分记录');
    const prefix = input.which === 'promotion' ? 'promotion_end_override' : 'commendation_end_override';
    writer.update(
      'sanctions',
      input.id,
      input.rev,
      { [prefix]: input.end, [`${prefix}_reason`]: input.end === null ? null : input.reason },
      'override',
    );
    return getSanction(db, input.id)!;
  },

  'impactRules.list': () => ({ sets: IMPACT_RULE_SETS.map((s) => ({ ...s, rules: [...s.rules] })), retired: [...RETIRED_RULE_SETS] }),

  'impactSettings.get': (_input, { db }) => readImpactSettings(db),

  /** Changing the 评先评优 reading recomputes every record's commendation end (old ends kept in history). */
  'impactSettings.update': (input, { db, writer, now }) => {
    const before = readImpactSettings(db);
    writer.putSetting(IMPACT_SETTINGS_KEY, input);
    if (before.commendationReading !== input.commendationReading) {
      recomputeAllImpacts(db, 'setting', { reading: input.commendationReading, at: now().toISOString() });
    }
    return input;
  },
};
