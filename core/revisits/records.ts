/**
 * 暖心回访 records: read and written here, for this area's channels and for other areas
 * (the dossier, the Excel export of visits due), which never call this area's handlers.
 */
import type { Db } from '../../db/open';
import { AppError } from '../errors';
import { addMonths } from '../sanctions/periodMath';
import { CATEGORY_LABELS, type SanctionCategory } from '../sanctions/kinds';
import { personRecordReads } from '../shared/personRecords';
import { toColumnValues } from '../shared/rows';
import { readStatisticsSettings } from '../statistics/settings';
import { REVISIT_FIELDS, type Revisit, type RevisitDue, type RevisitValues } from './contract';

const reads = personRecordReads({
  from: 'revisits r JOIN sanctions s ON s.id = r.sanction_id',
  alias: 'r',
  joined: 's.category AS s_category, s.type AS s_type, s.effective_date AS s_effective',
  fields: REVISIT_FIELDS,
  newestBy: 'visitDate',
  // The sanction it follows up.
  joinedValues: (r: { s_category: SanctionCategory; s_type: string; s_effective: string }) => ({
    sanctionLabel: `${CATEGORY_LABELS[r.s_category]}·${r.s_type}（${r.s_effective}生效）`,
  }),
});

export const listRevisitsOf: (db: Db, personId: string) => Revisit[] = reads.listOf;
export const getRevisit: (db: Db, id: string) => Revisit | null = reads.get;

/** The row's columns; the sanction named must be the same person's and decided before the visit. */
export function revisitColumns(db: Db, v: RevisitValues) {
  const sanction = db.prepare('SELECT person_id, decision_date FROM sanctions WHERE id = ? AND deleted_at IS NULL').get(v.sanctionId) as
    { person_id: string; decision_date: string } | undefined;
  if (!sanction) throw new AppError('VALIDATION', '所选的处分记录不存在或已删除。', { sanctionId: '处分记录不存在' });
  if (sanction.person_id !== v.personId)
    throw new AppError('VALIDATION', '所选的处分记录不是该人员的。', { sanctionId: '不是该人员的处分' });
  if (v.visitDate < sanction.decision_date)
    throw new AppError('VALIDATION', '回访日期不能早于处分决定日期。', { visitDate: '早于处分决定日期' });
  return toColumnValues(REVISIT_FIELDS, v);
}

/**
 * Sanctions in force or lifted (not revoked) decided on or before `asOf` that have no
 * visit yet, with the day a visit was due by the office's period. Revoked sanctions
 * need no visit: the person was not sanctioned after all.
 */
export function revisitsDue(db: Db, asOf: string): RevisitDue[] {
  const months = readStatisticsSettings(db).revisitWithinMonths;
  const rows = db
    .prepare(
      `SELECT s.id, s.person_id, p.name, u.name AS unit_name, s.category, s.type, s.decision_date
       FROM sanctions s JOIN people p ON p.id = s.person_id AND p.deleted_at IS NULL LEFT JOIN units u ON u.id = p.unit_id
       WHERE s.deleted_at IS NULL AND s.status <> '已撤销' AND s.decision_date <= ?
         AND NOT EXISTS (SELECT 1 FROM revisits r WHERE r.sanction_id = s.id AND r.deleted_at IS NULL)
       ORDER BY s.decision_date, p.name, s.id`,
    )
    .all(asOf) as {
    id: string;
    person_id: string;
    name: string;
    unit_name: string | null;
    category: SanctionCategory;
    type: string;
    decision_date: string;
  }[];
  return rows.map((r) => ({
    sanctionId: r.id,
    personId: r.person_id,
    personName: r.name,
    unitName: r.unit_name,
    category: CATEGORY_LABELS[r.category],
    type: r.type,
    decisionDate: r.decision_date,
    dueBy: addMonths(r.decision_date, months),
  }));
}
