import { notFound } from '../errors';
import type { HandlerMap } from '../host/handler';
import { createSanction, updateSanction } from './records';
import { IMPACT_RULE_SETS, RETIRED_RULE_SETS } from './impactRules';
import { getSanction, IMPACT_SETTINGS_KEY, listSanctionsOf, readImpactSettings, recomputeAllImpacts, recomputeImpacts } from './queries';

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

  'sanctions.create': createSanction,

  'sanctions.update': updateSanction,

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
