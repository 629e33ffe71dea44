/**
 * Each number of the statistics page defined once, as the SQL that yields the records it
 * counts. The page's count and the drill-down list run the same SQL, so a number and the
 * list behind it cannot disagree.
 *
 * Every definition yields the columns
 *   id, person_id, person_name, d (the date it is counted by), grp (its group's key),
 *   title, detail, target_kind, target_id, target_sub
 * with the parameters @from, @to (inclusive ISO dates), @tlobKinds, @tlobOccasions,
 * @firstForm (JSON arrays from the office settings).
 *
 * What is only shown (a person's or unit's name) is a scalar subquery in the select list,
 * never a join: SQLite evaluates such a column only where it is read (the drill-down),
 * while a LEFT JOIN would be walked for every counted row (SQLite does not drop an unused
 * LEFT JOIN from an aggregate query; it was most of the page's time).
 */
import { CONCLUSION_LABELS } from '../opinions/contract';
import type { MetricKey } from './contract';

/**
 * The rows of a family of numbers (the same records, e.g. roster entries of live
 * campaigns), given one number's own condition and the select columns of its grouping.
 * Numbers of one family differ only by their condition and grouping, so the page can
 * count several of them in one pass over the family's rows (core/statistics/queries.ts)
 * while each drill-down lists its number's rows with the very same condition.
 */
export type Source = (where: string, columns: string) => string;

export interface MetricDef {
  label: string;
  unit: string;
  /** 'rows': each record counts once (人次, 件, 份); 'people': each person once (人). */
  counts: 'rows' | 'people';
  source: Source;
  /** This number's condition on its family's rows (SQL, '1' for all of them). */
  where: string;
  /**
   * Group key (SQL over the family's tables) and, when the key is not its own label, the
   * label as SQL over the key (computed once per group, not per row); absent for an
   * ungrouped number.
   */
  group?: { key: string; label?: (key: string) => string };
}

/** The SQL of the records a number counts: what its drill-down lists, row for row. */
export const metricSql = (def: MetricDef): string => def.source(def.where, `${def.group?.key ?? 'NULL'} AS grp`);

/** The person's name, looked up only when the row is shown. */
const personName = (alias: string) => `(SELECT name FROM people WHERE id = ${alias}.person_id) AS person_name`;

const conclusionLabel = (category: string) =>
  `CASE ${category} ${Object.entries(CONCLUSION_LABELS)
    .map(([k, v]) => `WHEN '${k}' THEN '${v}'`)
    .join(' ')} END`;
const categoryLabel = (category: string) =>
  `CASE ${category} WHEN 'party' THEN '党纪处分' WHEN 'government' THEN '政务处分' WHEN 'organizational' THEN '组织处理' ELSE '诫勉' END`;
const sanctionLabel = (category: string, type: string) =>
  `(${categoryLabel(category)} || CASE WHEN ${category} = 'admonition' THEN '' ELSE '·' || ${type} END)`;
const matterKindLabel = `CASE m.kind WHEN 'petition' THEN '信访举报' WHEN 'lead' THEN '问题线索' ELSE '立案审查调查' END`;

/**
 * A reply counts when issued with its reply date in the range. A reply corrected by a
 * later issued reply (更正) is not counted again: the correction stands for it.
 */
const countedReply = `y.status = 'issued' AND y.reply_date BETWEEN @from AND @to AND q.deleted_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM opinion_replies c WHERE c.supersedes_id = y.id AND c.status = 'issued')`;

const replyBatches: Source = (where, columns) => `
  SELECT y.id, NULL AS person_id, NULL AS person_name, y.reply_date AS d, ${columns},
         ifnull(y.doc_number, '') || ' ' || q.title AS title,
         q.requester || '·' || q.purpose || '·来函' || q.received_date || '·限' || q.due_date AS detail,
         'request' AS target_kind, q.id AS target_id, y.id AS target_sub
  FROM opinion_replies y JOIN opinion_requests q ON q.id = y.request_id
  WHERE ${countedReply} AND (${where})`;

const replyItems: Source = (where, columns) => `
  SELECT i.id, i.person_id, ${personName('i')}, y.reply_date AS d, ${columns},
         ifnull(y.doc_number, '') || ' ' || q.title AS title, q.purpose || '·' || ${conclusionLabel('i.category')} AS detail,
         'request' AS target_kind, q.id AS target_id, y.id AS target_sub
  FROM opinion_reply_items i JOIN opinion_replies y ON y.id = i.reply_id JOIN opinion_requests q ON q.id = y.request_id
  WHERE ${countedReply} AND (${where})`;

/** An issued reminder letter dated in the range; deleted and voided letters never count. */
const countedLetter = `l.status = 'issued' AND l.deleted_at IS NULL AND l.letter_date BETWEEN @from AND @to`;
const reminderLetters: Source = (where, columns) => `
  SELECT l.id, NULL AS person_id, NULL AS person_name, l.letter_date AS d, ${columns},
         ifnull(l.doc_number, '') || ' ' || l.title AS title,
         l.kind || '·' || l.occasion || '·主送' || (SELECT count(*) FROM reminder_addressees a WHERE a.letter_id = l.id) || '个' AS detail,
         'reminder' AS target_kind, l.id AS target_id, NULL AS target_sub
  FROM reminder_letters l WHERE ${countedLetter} AND (${where})`;
const letterAddressees: Source = (where, columns) => `
  SELECT a.id, a.person_id, ${personName('a')}, l.letter_date AS d, ${columns},
         ifnull((SELECT name FROM units WHERE id = a.unit_id), (SELECT name FROM people WHERE id = a.person_id)) AS title,
         ifnull(l.doc_number, '') || ' ' || l.title || CASE WHEN a.receipt_date IS NULL THEN '·未签收' ELSE '·' || a.receipt_date || '签收' END AS detail,
         'reminder' AS target_kind, l.id AS target_id, NULL AS target_sub
  FROM reminder_addressees a JOIN reminder_letters l ON l.id = a.letter_id
  WHERE ${countedLetter} AND (${where})`;

/**
 * Roster entries of live campaigns. The by-unit numbers join the person (`p`, for the
 * unit); the others leave the join out, so their counts do not walk it.
 */
const roster =
  (joinUnit: boolean): Source =>
  (where, columns) => `
  SELECT r.id, r.person_id, ${personName('r')}, r.signed_date AS d, ${columns},
         c.title AS title,
         CASE WHEN r.signed = 1 THEN r.signed_date || '签订' || ifnull('（' || r.sign_method || '）', '')
              || ifnull('·家属' || r.cosigner_name || ifnull('（' || r.cosigner_relation || '）', ''), '') ELSE '未签订' END AS detail,
         'campaign' AS target_kind, c.id AS target_id, NULL AS target_sub
  FROM pledge_roster r JOIN pledge_campaigns c ON c.id = r.campaign_id AND c.deleted_at IS NULL
       ${joinUnit ? 'LEFT JOIN people p ON p.id = r.person_id' : ''}
  WHERE ${where}`;
const rosterRows = roster(false);
const rosterRowsWithUnit = roster(true);
const byUnit = { key: "ifnull(p.unit_id, '')", label: (unit: string) => `ifnull((SELECT name FROM units WHERE id = ${unit}), '未填单位')` };
const byCampaign = { key: 'c.id', label: (id: string) => `(SELECT title FROM pledge_campaigns WHERE id = ${id})` };
const signedInRange = `r.signed = 1 AND r.signed_date BETWEEN @from AND @to`;
/** A campaign belongs to the range it started in; its completion counts sign-offs up to the range's end. */
const campaignInRange = `c.start_date BETWEEN @from AND @to`;
const signedByEnd = `r.signed = 1 AND r.signed_date <= @to`;

const matters: Source = (where, columns) => `
  SELECT m.id, m.person_id, ${personName('m')}, m.received_date AS d, ${columns},
         ${matterKindLabel} || ifnull('·' || m.source, '') AS title, m.summary AS detail,
         'person' AS target_kind, m.person_id AS target_id, NULL AS target_sub
  FROM pending_matters m
  WHERE m.deleted_at IS NULL AND m.received_date BETWEEN @from AND @to AND (${where})`;
const byStatus = { key: 'm.status' };

/** A sanction, unless revoked (已撤销: it never stood). */
const sanctions: Source = (where, columns) => `
  SELECT s.id, s.person_id, ${personName('s')}, s.decision_date AS d, ${columns},
         ${sanctionLabel('s.category', 's.type')} AS title, s.decision_authority || ifnull(' ' || s.decision_number, '') || '·' || s.effective_date || '生效' AS detail,
         'person' AS target_kind, s.person_id AS target_id, NULL AS target_sub
  FROM sanctions s
  WHERE s.deleted_at IS NULL AND s.status <> '已撤销' AND (${where})`;
const decidedInRange = `s.decision_date BETWEEN @from AND @to`;
/** A sanction's kind, 'category:type' (a category never holds ':'). */
const byKind = {
  key: "s.category || ':' || s.type",
  label: (kind: string) => sanctionLabel(`substr(${kind}, 1, instr(${kind}, ':') - 1)`, `substr(${kind}, instr(${kind}, ':') + 1)`),
};
/** The end that applies (a clerk's override with its reason, else the computed end). */
const promotionEnd = `CASE WHEN s.promotion_end_override_reason IS NOT NULL THEN s.promotion_end_override ELSE s.promotion_end END`;

const clearances: Source = (where, columns) => `
  SELECT c.id, c.person_id, ${personName('c')}, c.clear_date AS d, ${columns},
         '澄清正名（' || c.form || '）' AS title, ifnull('告知' || c.unit_informed, '') || ifnull('·' || c.notes, '') AS detail,
         'person' AS target_kind, c.person_id AS target_id, NULL AS target_sub
  FROM clearances c
  WHERE c.deleted_at IS NULL AND c.clear_date BETWEEN @from AND @to AND (${where})`;

const revisits: Source = (where, columns) => `
  SELECT v.id, v.person_id, ${personName('v')}, v.visit_date AS d, ${columns},
         '暖心回访·' || ${sanctionLabel('s.category', 's.type')} AS title, '回访人：' || v.visitors || ifnull('·' || v.notes, '') AS detail,
         'person' AS target_kind, v.person_id AS target_id, NULL AS target_sub
  FROM revisits v JOIN sanctions s ON s.id = v.sanction_id
  WHERE v.deleted_at IS NULL AND s.deleted_at IS NULL AND v.visit_date BETWEEN @from AND @to AND (${where})`;

const ALL = '1';

export const METRICS: Record<MetricKey, MetricDef> = {
  'replies.batches': { label: '廉政意见回复（批次）', unit: '批', counts: 'rows', source: replyBatches, where: ALL },
  'replies.persons': { label: '廉政意见回复（人次）', unit: '人次', counts: 'rows', source: replyItems, where: ALL },
  'replies.byPurpose': {
    label: '按用途',
    unit: '人次',
    counts: 'rows',
    source: replyItems,
    where: ALL,
    group: { key: 'q.purpose' },
  },
  'replies.byRequester': {
    label: '按来函单位',
    unit: '人次',
    counts: 'rows',
    source: replyItems,
    where: ALL,
    group: { key: 'q.requester' },
  },
  'replies.byConclusion': {
    label: '按结论',
    unit: '人次',
    counts: 'rows',
    source: replyItems,
    where: ALL,
    group: { key: 'i.category', label: conclusionLabel },
  },
  'replies.overdue': { label: '超期回复', unit: '批', counts: 'rows', source: replyBatches, where: 'y.reply_date > q.due_date' },

  'reminders.letters': {
    label: '印发提醒函',
    unit: '件',
    counts: 'rows',
    source: reminderLetters,
    where: ALL,
    group: { key: 'l.occasion' },
  },
  'reminders.addressees': {
    label: '制发《廉洁提醒函》',
    unit: '份',
    counts: 'rows',
    source: letterAddressees,
    where: ALL,
    group: { key: 'l.occasion' },
  },
  'reminders.received': {
    label: '已签收',
    unit: '份',
    counts: 'rows',
    source: letterAddressees,
    where: 'a.receipt_date IS NOT NULL',
    group: { key: 'l.occasion' },
  },
  'reminders.twoLettersOneBook': {
    label: '制发“两函一书”',
    unit: '份',
    counts: 'rows',
    source: letterAddressees,
    where: 'l.kind IN (SELECT value FROM json_each(@tlobKinds)) AND l.occasion IN (SELECT value FROM json_each(@tlobOccasions))',
    group: { key: 'l.occasion' },
  },

  'pledges.signed': {
    label: '签订承诺书',
    unit: '份',
    counts: 'rows',
    source: rosterRows,
    where: signedInRange,
    group: { key: 'c.pledge_type' },
  },
  'pledges.withCosigner': {
    label: '其中家属共同签名',
    unit: '份',
    counts: 'rows',
    source: rosterRows,
    where: `${signedInRange} AND r.cosigner_name IS NOT NULL`,
    group: { key: 'c.pledge_type' },
  },
  'pledges.rosterByCampaign': {
    label: '应签人数（按批次）',
    unit: '人',
    counts: 'rows',
    source: rosterRows,
    where: campaignInRange,
    group: byCampaign,
  },
  'pledges.signedByCampaign': {
    label: '已签人数（按批次）',
    unit: '人',
    counts: 'rows',
    source: rosterRows,
    where: `${campaignInRange} AND ${signedByEnd}`,
    group: byCampaign,
  },
  'pledges.rosterByUnit': {
    label: '应签人数（按单位）',
    unit: '人次',
    counts: 'rows',
    source: rosterRowsWithUnit,
    where: campaignInRange,
    group: byUnit,
  },
  'pledges.signedByUnit': {
    label: '已签人数（按单位）',
    unit: '人次',
    counts: 'rows',
    source: rosterRowsWithUnit,
    where: `${campaignInRange} AND ${signedByEnd}`,
    group: byUnit,
  },

  'matters.petitions': {
    label: '受理信访举报',
    unit: '件',
    counts: 'rows',
    source: matters,
    where: "m.kind = 'petition'",
    group: byStatus,
  },
  'matters.leads': { label: '查办问题线索', unit: '件', counts: 'rows', source: matters, where: "m.kind = 'lead'", group: byStatus },
  'matters.cases': { label: '立案', unit: '件', counts: 'rows', source: matters, where: "m.kind = 'case'", group: byStatus },
  'sanctions.records': { label: '处分/处理决定', unit: '件', counts: 'rows', source: sanctions, where: decidedInRange, group: byKind },
  'sanctions.partyGovernmentPeople': {
    label: '党纪政务处分',
    unit: '人',
    counts: 'people',
    source: sanctions,
    where: `${decidedInRange} AND s.category IN ('party', 'government')`,
    group: { key: 's.category', label: categoryLabel },
  },
  'sanctions.firstFormPeople': {
    label: '“第一种形态”处理',
    unit: '人',
    counts: 'people',
    source: sanctions,
    where: `${decidedInRange} AND s.category || ':' || s.type IN (SELECT value FROM json_each(@firstForm))`,
    group: byKind,
  },
  'sanctions.inImpactAtEnd': {
    label: '期末处于影响期内',
    unit: '人',
    counts: 'people',
    source: sanctions,
    where: `s.effective_date <= @to AND (${promotionEnd} = 'permanent' OR ${promotionEnd} >= @to)`,
    group: byKind,
  },

  'clearances.count': {
    label: '为受到不实举报者澄清正名',
    unit: '人次',
    counts: 'rows',
    source: clearances,
    where: ALL,
    group: { key: 'c.form' },
  },
  'revisits.count': {
    label: '对受处分人员暖心回访',
    unit: '人次',
    counts: 'rows',
    source: revisits,
    where: ALL,
    group: { key: 's.category', label: categoryLabel },
  },
};
