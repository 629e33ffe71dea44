import type { Statement } from 'better-sqlite3';
import type { Db } from '../../db/open';
import { readSetting } from '../settings/queries';
import { DEFAULT_IMPACT_SETTINGS, impactSettingsSchema, type CommendationReading, type ImpactSettings } from './commendationReadings';
import { fromRow } from '../shared/rows';
import { SANCTION_FIELDS, type ImpactHistoryEntry, type Sanction, type SanctionValues } from './contract';
import { computeImpacts, type ComputedBar, type ComputedMeasure, type ImpactEnd, type SanctionFacts } from './impactPeriod';
import { CURRENT_IMPACT_RULES, type ImpactRuleSet } from './impactRules';
import type { SanctionCategory, SanctionStatus } from './kinds';

export const IMPACT_SETTINGS_KEY = 'impactRules';

export function readImpactSettings(db: Db): ImpactSettings {
  const parsed = impactSettingsSchema.safeParse(readSetting<unknown>(db, IMPACT_SETTINGS_KEY));
  return parsed.success ? parsed.data : DEFAULT_IMPACT_SETTINGS;
}

/** A row of `sanctions`: the fields' columns (SANCTION_FIELDS) and the computed and override columns. */
type SanctionRow = Record<string, unknown> & {
  id: string;
  rev: number;
  person_id: string;
  promotion_end: string | null;
  commendation_end: string | null;
  computation: string | null;
  rule_version: string | null;
  bars: string | null;
  commendation_reading: CommendationReading | null;
  promotion_end_override: string | null;
  promotion_end_override_reason: string | null;
  commendation_end_override: string | null;
  commendation_end_override_reason: string | null;
};

export function toSanction(r: SanctionRow, history: ImpactHistoryEntry[] = []): Sanction {
  const computedBars = r.bars
    ? (JSON.parse(r.bars) as { bars: ComputedBar[]; measure: ComputedMeasure | null })
    : { bars: [], measure: null };
  const promotionOverride = r.promotion_end_override as ImpactEnd;
  const commendationOverride = r.commendation_end_override as ImpactEnd;
  return {
    id: r.id,
    rev: r.rev,
    ...fromRow<SanctionValues>(SANCTION_FIELDS, r),
    computed: {
      promotionEnd: r.promotion_end as ImpactEnd,
      commendationEnd: r.commendation_end as ImpactEnd,
      steps: r.computation ? (JSON.parse(r.computation) as string[]) : [],
      ruleVersion: r.rule_version,
      bars: computedBars.bars,
      measure: computedBars.measure,
      commendationReading: r.commendation_reading,
      history,
    },
    override: {
      promotionEnd: promotionOverride,
      promotionReason: r.promotion_end_override_reason,
      commendationEnd: commendationOverride,
      commendationReason: r.commendation_end_override_reason,
    },
    promotionEnd: r.promotion_end_override_reason ? promotionOverride : (r.promotion_end as ImpactEnd),
    commendationEnd: r.commendation_end_override_reason ? commendationOverride : (r.commendation_end as ImpactEnd),
  };
}

interface HistoryRow {
  sanction_id: string;
  changed_at: string;
  cause: ImpactHistoryEntry['cause'];
  old_promotion_end: string | null;
  old_commendation_end: string | null;
  old_rule_version: string | null;
  new_promotion_end: string | null;
  new_commendation_end: string | null;
  new_rule_version: string;
}

function historyOf(db: Db, sanctionIds: readonly string[]): Map<string, ImpactHistoryEntry[]> {
  const rows = db
    .prepare('SELECT * FROM sanction_impact_history WHERE sanction_id IN (SELECT value FROM json_each(?)) ORDER BY seq')
    .all(JSON.stringify(sanctionIds)) as HistoryRow[];
  const map = new Map<string, ImpactHistoryEntry[]>();
  for (const h of rows) {
    const list = map.get(h.sanction_id) ?? [];
    list.push({
      changedAt: h.changed_at,
      cause: h.cause,
      old: {
        promotionEnd: h.old_promotion_end as ImpactEnd,
        commendationEnd: h.old_commendation_end as ImpactEnd,
        ruleVersion: h.old_rule_version,
      },
      new: {
        promotionEnd: h.new_promotion_end as ImpactEnd,
        commendationEnd: h.new_commendation_end as ImpactEnd,
        ruleVersion: h.new_rule_version,
      },
    });
    map.set(h.sanction_id, list);
  }
  return map;
}

export function listSanctionsOf(db: Db, personId: string): Sanction[] {
  const rows = db
    .prepare('SELECT * FROM sanctions WHERE person_id = ? AND deleted_at IS NULL ORDER BY effective_date, id')
    .all(personId) as SanctionRow[];
  const history = historyOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toSanction(r, history.get(r.id)));
}

/** Active sanctions of many people at once (the batch check), grouped by person. */
export function sanctionsOfPeople(db: Db, personIds: readonly string[]): Map<string, Sanction[]> {
  const rows = db
    .prepare(
      'SELECT * FROM sanctions WHERE person_id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL ORDER BY person_id, effective_date, id',
    )
    .all(JSON.stringify(personIds)) as SanctionRow[];
  const map = new Map<string, Sanction[]>();
  for (const r of rows) {
    const list = map.get(r.person_id) ?? [];
    list.push(toSanction(r));
    map.set(r.person_id, list);
  }
  return map;
}

export function getSanction(db: Db, id: string): Sanction | null {
  const row = db.prepare('SELECT * FROM sanctions WHERE id = ? AND deleted_at IS NULL').get(id) as SanctionRow | undefined;
  return row ? toSanction(row, historyOf(db, [row.id]).get(row.id)) : null;
}

/** Why stored ends changed: a record of the person was edited, the rule set changed, or the 评先评优 setting changed. */
export type RecomputeCause = ImpactHistoryEntry['cause'];

/**
 * Recomputes the impact ends of all of a person's records (the combination rules make
 * them depend on each other). The computed columns are a cache of a pure function of the
 * records, the rule set and the 评先评优 setting, so they are written directly rather than
 * as audited edits; overrides, which a clerk sets, go through the Writer. Where an end or
 * the rule version changes on a record that already had ends, the old values and version
 * are kept in sanction_impact_history.
 */
interface FactsRow {
  id: string;
  person_id: string;
  category: SanctionCategory;
  type: string;
  effective_date: string;
  probation_months: number | null;
  restoration_date: string | null;
  status: SanctionStatus;
  status_date: string | null;
  promotion_end: string | null;
  commendation_end: string | null;
  rule_version: string | null;
}
type RecomputeOptions = { rules?: ImpactRuleSet; reading?: CommendationReading; at?: string };

const FACTS_COLUMNS = `id, person_id, category, type, effective_date, probation_months, restoration_date, status, status_date,
  promotion_end, commendation_end, rule_version`;

/** The two statements a recompute writes with, compiled once per connection (a full recompute runs them for every person). */
const statements = new WeakMap<Db, { update: Statement; remember: Statement }>();
function writeStatements(db: Db) {
  let cached = statements.get(db);
  if (!cached) {
    cached = {
      update: db.prepare(
        'UPDATE sanctions SET promotion_end = ?, commendation_end = ?, computation = ?, rule_version = ?, bars = ?, commendation_reading = ? WHERE id = ?',
      ),
      remember: db.prepare(
        `INSERT INTO sanction_impact_history (sanction_id, changed_at, cause, old_promotion_end, old_commendation_end, old_rule_version,
                                              new_promotion_end, new_commendation_end, new_rule_version)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
    };
    statements.set(db, cached);
  }
  return cached;
}

/** Recomputes one person's records (`rows` are all of that person's active records). */
function recomputeRows(
  db: Db,
  rows: readonly FactsRow[],
  cause: RecomputeCause,
  rules: ImpactRuleSet,
  reading: CommendationReading,
  at: string,
): void {
  const facts: SanctionFacts[] = rows.map((r) => ({
    id: r.id,
    category: r.category,
    type: r.type,
    effectiveDate: r.effective_date,
    probationMonths: r.probation_months,
    restorationDate: r.restoration_date,
    status: r.status,
    statusDate: r.status_date,
  }));
  const before = new Map(rows.map((r) => [r.id, r]));
  const { update, remember } = writeStatements(db);
  for (const [id, c] of computeImpacts(facts, rules, reading)) {
    const old = before.get(id)!;
    const changed =
      old.promotion_end !== c.promotionEnd || old.commendation_end !== c.commendationEnd || old.rule_version !== c.ruleVersion;
    // A record computed for the first time (no version yet) has nothing to remember.
    if (changed && old.rule_version !== null) {
      remember.run(
        id,
        at,
        cause,
        old.promotion_end,
        old.commendation_end,
        old.rule_version,
        c.promotionEnd,
        c.commendationEnd,
        c.ruleVersion,
      );
    }
    update.run(
      c.promotionEnd,
      c.commendationEnd,
      JSON.stringify(c.steps),
      c.ruleVersion,
      JSON.stringify({ bars: c.bars, measure: c.measure }),
      c.commendationReading,
      id,
    );
  }
}

export function recomputeImpacts(db: Db, personId: string, cause: RecomputeCause = 'edit', options: RecomputeOptions = {}): void {
  const rows = db.prepare(`SELECT ${FACTS_COLUMNS} FROM sanctions WHERE person_id = ? AND deleted_at IS NULL`).all(personId) as FactsRow[];
  recomputeRows(
    db,
    rows,
    cause,
    options.rules ?? CURRENT_IMPACT_RULES,
    options.reading ?? readImpactSettings(db).commendationReading,
    options.at ?? new Date().toISOString(),
  );
}

/**
 * Recomputes every person with records on file: a new rule set (in its migration) or a
 * changed 评先评优 setting. One read of all active records, grouped by person.
 */
export function recomputeAllImpacts(db: Db, cause: RecomputeCause, options: RecomputeOptions = {}): number {
  const rows = db.prepare(`SELECT ${FACTS_COLUMNS} FROM sanctions WHERE deleted_at IS NULL ORDER BY person_id`).all() as FactsRow[];
  const rules = options.rules ?? CURRENT_IMPACT_RULES;
  const reading = options.reading ?? readImpactSettings(db).commendationReading;
  const at = options.at ?? new Date().toISOString();
  let people = 0;
  for (let i = 0; i < rows.length;) {
    let j = i + 1;
    while (j < rows.length && rows[j]!.person_id === rows[i]!.person_id) j++;
    recomputeRows(db, rows.slice(i, j), cause, rules, reading, at);
    people++;
    i = j;
  }
  return people;
}
