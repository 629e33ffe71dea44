import type { Db } from '../../db/open';
import type { Sanction } from './contract';
import { computeImpacts, type ImpactEnd, type SanctionFacts } from './impactPeriod';
import type { SanctionCategory, SanctionStatus } from './kinds';

interface SanctionRow {
  id: string;
  rev: number;
  person_id: string;
  category: SanctionCategory;
  type: string;
  decision_authority: string;
  decision_number: string | null;
  decision_date: string;
  effective_date: string;
  probation_months: number | null;
  restoration_date: string | null;
  status: SanctionStatus;
  status_date: string | null;
  summary: string | null;
  promotion_end: string | null;
  commendation_end: string | null;
  computation: string | null;
  rule_version: string | null;
  promotion_end_override: string | null;
  promotion_end_override_reason: string | null;
  commendation_end_override: string | null;
  commendation_end_override_reason: string | null;
}

export function toSanction(r: SanctionRow): Sanction {
  const promotionOverride = r.promotion_end_override as ImpactEnd;
  const commendationOverride = r.commendation_end_override as ImpactEnd;
  return {
    id: r.id,
    rev: r.rev,
    personId: r.person_id,
    category: r.category,
    type: r.type,
    decisionAuthority: r.decision_authority,
    decisionNumber: r.decision_number,
    decisionDate: r.decision_date,
    effectiveDate: r.effective_date,
    probationMonths: r.probation_months,
    restorationDate: r.restoration_date,
    status: r.status,
    statusDate: r.status_date,
    summary: r.summary,
    computed: {
      promotionEnd: r.promotion_end as ImpactEnd,
      commendationEnd: r.commendation_end as ImpactEnd,
      steps: r.computation ? (JSON.parse(r.computation) as string[]) : [],
      ruleVersion: r.rule_version,
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

export function listSanctionsOf(db: Db, personId: string): Sanction[] {
  return (
    db.prepare('SELECT * FROM sanctions WHERE person_id = ? AND deleted_at IS NULL ORDER BY effective_date, id').all(personId) as SanctionRow[]
  ).map(toSanction);
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
  return row ? toSanction(row) : null;
}

/**
 * Recomputes the impact ends of all of a person's records (the combination rules make
 * them depend on each other). The computed columns are a cache of a pure function of the
 * records, so they are written directly rather than as audited edits; overrides, which a
 * clerk sets, go through the Writer.
 */
export function recomputeImpacts(db: Db, personId: string): void {
  const rows = db
    .prepare(
      'SELECT id, category, type, effective_date, probation_months, restoration_date, status, status_date FROM sanctions WHERE person_id = ? AND deleted_at IS NULL',
    )
    .all(personId) as {
    id: string;
    category: SanctionCategory;
    type: string;
    effective_date: string;
    probation_months: number | null;
    restoration_date: string | null;
    status: SanctionStatus;
    status_date: string | null;
  }[];
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
  const update = db.prepare('UPDATE sanctions SET promotion_end = ?, commendation_end = ?, computation = ?, rule_version = ? WHERE id = ?');
  for (const [id, c] of computeImpacts(facts)) update.run(c.promotionEnd, c.commendationEnd, JSON.stringify(c.steps), c.ruleVersion, id);
}
