/**
 * FROZEN for migration 0005: recomputeAllImpacts (core/sanctions/queries.ts) as it was
 * when 0005 was released, with rule set 2026.1 and the office's 评先评优 setting read the
 * way that version read it. Never edited: later changes to core must not change what an
 * old migration does. 0005_rules_by_purpose.test.ts proves it equals the live code on a fixture.
 */
import type Database from 'better-sqlite3';
import { DEFAULT_IMPACT_SETTINGS, impactSettingsSchema, type CommendationReading } from './commendationReadings';
import { computeImpacts, type SanctionFacts } from './impactPeriod';
import { IMPACT_RULES_2026 } from './impactRules';
import type { SanctionCategory, SanctionStatus } from './kinds';

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

/** The 评先评优 reading stored under settings key 'impactRules', or the default. */
function storedReading(db: Database.Database): CommendationReading {
  const row = db.prepare("SELECT value FROM settings WHERE key = 'impactRules'").get() as { value: string } | undefined;
  const parsed = impactSettingsSchema.safeParse(row ? JSON.parse(row.value) : null);
  return (parsed.success ? parsed.data : DEFAULT_IMPACT_SETTINGS).commendationReading;
}

/** Recomputes every active record with rule set 2026.1, keeping changed ends in sanction_impact_history (cause 'ruleSet'). */
export function recomputeAllWith2026Rules(db: Database.Database, at: string): void {
  const rows = db
    .prepare(
      `SELECT id, person_id, category, type, effective_date, probation_months, restoration_date, status, status_date,
              promotion_end, commendation_end, rule_version
       FROM sanctions WHERE deleted_at IS NULL ORDER BY person_id`,
    )
    .all() as FactsRow[];
  const reading = storedReading(db);
  const update = db.prepare(
    'UPDATE sanctions SET promotion_end = ?, commendation_end = ?, computation = ?, rule_version = ?, bars = ?, commendation_reading = ? WHERE id = ?',
  );
  const remember = db.prepare(
    `INSERT INTO sanction_impact_history (sanction_id, changed_at, cause, old_promotion_end, old_commendation_end, old_rule_version,
                                          new_promotion_end, new_commendation_end, new_rule_version)
     VALUES (?, ?, 'ruleSet', ?, ?, ?, ?, ?, ?)`,
  );
  // One person's records are computed together (the combination rules link them).
  for (let i = 0; i < rows.length;) {
    let j = i + 1;
    while (j < rows.length && rows[j]!.person_id === rows[i]!.person_id) j++;
    const person = rows.slice(i, j);
    const facts: SanctionFacts[] = person.map((r) => ({
      id: r.id,
      category: r.category,
      type: r.type,
      effectiveDate: r.effective_date,
      probationMonths: r.probation_months,
      restorationDate: r.restoration_date,
      status: r.status,
      statusDate: r.status_date,
    }));
    const before = new Map(person.map((r) => [r.id, r]));
    for (const [id, c] of computeImpacts(facts, IMPACT_RULES_2026, reading)) {
      const old = before.get(id)!;
      const changed =
        old.promotion_end !== c.promotionEnd || old.commendation_end !== c.commendationEnd || old.rule_version !== c.ruleVersion;
      // A record computed for the first time (no version yet) has nothing to remember.
      if (changed && old.rule_version !== null) {
        remember.run(id, at, old.promotion_end, old.commendation_end, old.rule_version, c.promotionEnd, c.commendationEnd, c.ruleVersion);
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
    i = j;
  }
}
