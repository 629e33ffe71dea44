import type { Db } from '../../db/open';
import { AppError } from '../errors';
import type { HandlerMap } from '../host/handler';
import { personRecordHandlers } from '../shared/personRecords';
import { addMonths } from '../sanctions/periodMath';
import { CATEGORY_LABELS, type SanctionCategory } from '../sanctions/kinds';
import { readStatisticsSettings } from '../statistics/settings';
import type { Revisit, RevisitDue } from './contract';

interface Row {
  id: string;
  rev: number;
  person_id: string;
  sanction_id: string;
  s_category: SanctionCategory;
  s_type: string;
  s_effective: string;
  visit_date: string;
  visitors: string;
  notes: string | null;
}

const SELECT = `SELECT r.*, s.category AS s_category, s.type AS s_type, s.effective_date AS s_effective
                FROM revisits r JOIN sanctions s ON s.id = r.sanction_id`;

const toRevisit = (r: Row): Revisit => ({
  id: r.id,
  rev: r.rev,
  personId: r.person_id,
  sanctionId: r.sanction_id,
  sanctionLabel: `${CATEGORY_LABELS[r.s_category]}·${r.s_type}（${r.s_effective}生效）`,
  visitDate: r.visit_date,
  visitors: r.visitors,
  notes: r.notes,
});

export function listRevisitsOf(db: Db, personId: string): Revisit[] {
  return (
    db.prepare(`${SELECT} WHERE r.person_id = ? AND r.deleted_at IS NULL ORDER BY r.visit_date DESC, r.id`).all(personId) as Row[]
  ).map(toRevisit);
}

export function getRevisit(db: Db, id: string): Revisit | null {
  const row = db.prepare(`${SELECT} WHERE r.id = ? AND r.deleted_at IS NULL`).get(id) as Row | undefined;
  return row ? toRevisit(row) : null;
}

type Values = { personId: string; sanctionId: string; visitDate: string; visitors: string; notes: string | null };

function toColumns(db: Db, v: Values) {
  const sanction = db.prepare('SELECT person_id, decision_date FROM sanctions WHERE id = ? AND deleted_at IS NULL').get(v.sanctionId) as
    { person_id: string; decision_date: string } | undefined;
  if (!sanction) throw new AppError('VALIDATION', '所选的处分记录不存在或已删除。', { sanctionId: '处分记录不存在' });
  if (sanction.person_id !== v.personId)
    throw new AppError('VALIDATION', '所选的处分记录不是该人员的。', { sanctionId: '不是该人员的处分' });
  if (v.visitDate < sanction.decision_date)
    throw new AppError('VALIDATION', '回访日期不能早于处分决定日期。', { visitDate: '早于处分决定日期' });
  return { person_id: v.personId, sanction_id: v.sanctionId, visit_date: v.visitDate, visitors: v.visitors, notes: v.notes };
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

const handlers = personRecordHandlers({
  table: 'revisits',
  label: '回访记录',
  listOf: listRevisitsOf,
  get: getRevisit,
  columns: toColumns,
});

export const revisitsHandlers: HandlerMap<'revisits.list' | 'revisits.create' | 'revisits.update' | 'revisits.delete' | 'revisits.due'> = {
  'revisits.list': handlers.list,
  'revisits.create': handlers.create,
  'revisits.update': handlers.update,
  'revisits.delete': handlers.delete,
  'revisits.due': (input, { db }) => revisitsDue(db, input.asOf),
};
