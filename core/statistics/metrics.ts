/**
 * Each number of the statistics page defined once, as the SQL that yields the records it
 * counts. The page's count and the drill-down list run the same SQL, so a number and the
 * list behind it cannot disagree.
 *
 * Every definition yields the columns
 *   id, person_id, person_name, d (the date it is counted by), grp, grp_label,
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

export interface MetricDef {
  label: string;
  unit: string;
  /** 'rows': each record counts once (人次, 件, 份); 'people': each person once (人). */
  counts: 'rows' | 'people';
  grouped: boolean;
  sql: string;
}

/** The person's name, looked up only when the row is shown. */
const personName = (alias: string) => `(SELECT name FROM people WHERE id = ${alias}.person_id) AS person_name`;

const conclusionLabel = `CASE i.category ${Object.entries(CONCLUSION_LABELS)
  .map(([k, v]) => `WHEN '${k}' THEN '${v}'`)
  .join(' ')} END`;
const sanctionLabel = `(CASE s.category WHEN 'party' THEN '党纪处分' WHEN 'government' THEN '政务处分' WHEN 'organizational' THEN '组织处理' ELSE '诫勉' END
  || CASE WHEN s.category = 'admonition' THEN '' ELSE '·' || s.type END)`;
const categoryLabel = `CASE s.category WHEN 'party' THEN '党纪处分' WHEN 'government' THEN '政务处分' WHEN 'organizational' THEN '组织处理' ELSE '诫勉' END`;
const matterKindLabel = `CASE m.kind WHEN 'petition' THEN '信访举报' WHEN 'lead' THEN '问题线索' ELSE '立案审查调查' END`;

/**
 * A reply counts when issued with its reply date in the range. A reply corrected by a
 * later issued reply (更正) is not counted again: the correction stands for it.
 */
const countedReply = `y.status = 'issued' AND y.reply_date BETWEEN @from AND @to AND q.deleted_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM opinion_replies c WHERE c.supersedes_id = y.id AND c.status = 'issued')`;

const replyBatches = (extra: string) => `
  SELECT y.id, NULL AS person_id, NULL AS person_name, y.reply_date AS d, NULL AS grp, NULL AS grp_label,
         ifnull(y.doc_number, '') || ' ' || q.title AS title,
         q.requester || '·' || q.purpose || '·来函' || q.received_date || '·限' || q.due_date AS detail,
         'request' AS target_kind, q.id AS target_id, y.id AS target_sub
  FROM opinion_replies y JOIN opinion_requests q ON q.id = y.request_id
  WHERE ${countedReply} ${extra}`;

const replyItems = (grp: string, grpLabel: string) => `
  SELECT i.id, i.person_id, ${personName('i')}, y.reply_date AS d, ${grp} AS grp, ${grpLabel} AS grp_label,
         ifnull(y.doc_number, '') || ' ' || q.title AS title, q.purpose || '·' || ${conclusionLabel} AS detail,
         'request' AS target_kind, q.id AS target_id, y.id AS target_sub
  FROM opinion_reply_items i JOIN opinion_replies y ON y.id = i.reply_id JOIN opinion_requests q ON q.id = y.request_id
  WHERE ${countedReply}`;

/** An issued reminder letter dated in the range; deleted and voided letters never count. */
const countedLetter = `l.status = 'issued' AND l.deleted_at IS NULL AND l.letter_date BETWEEN @from AND @to`;
const letterAddressees = (extra: string) => `
  SELECT a.id, a.person_id, ${personName('a')}, l.letter_date AS d, l.occasion AS grp, l.occasion AS grp_label,
         ifnull((SELECT name FROM units WHERE id = a.unit_id), (SELECT name FROM people WHERE id = a.person_id)) AS title,
         ifnull(l.doc_number, '') || ' ' || l.title || CASE WHEN a.receipt_date IS NULL THEN '·未签收' ELSE '·' || a.receipt_date || '签收' END AS detail,
         'reminder' AS target_kind, l.id AS target_id, NULL AS target_sub
  FROM reminder_addressees a JOIN reminder_letters l ON l.id = a.letter_id
  WHERE ${countedLetter} ${extra}`;

/** Roster entries of live campaigns, with person and unit. */
const rosterRows = (where: string, grp: string, grpLabel: string) => `
  SELECT r.id, r.person_id, p.name AS person_name, r.signed_date AS d, ${grp} AS grp, ${grpLabel} AS grp_label,
         c.title AS title,
         CASE WHEN r.signed = 1 THEN r.signed_date || '签订' || ifnull('（' || r.sign_method || '）', '')
              || ifnull('·家属' || r.cosigner_name || ifnull('（' || r.cosigner_relation || '）', ''), '') ELSE '未签订' END AS detail,
         'campaign' AS target_kind, c.id AS target_id, NULL AS target_sub
  FROM pledge_roster r JOIN pledge_campaigns c ON c.id = r.campaign_id AND c.deleted_at IS NULL
       LEFT JOIN people p ON p.id = r.person_id LEFT JOIN units u ON u.id = p.unit_id
  WHERE ${where}`;
const signedInRange = `r.signed = 1 AND r.signed_date BETWEEN @from AND @to`;
/** A campaign belongs to the range it started in; its completion counts sign-offs up to the range's end. */
const campaignInRange = `c.start_date BETWEEN @from AND @to`;
const signedByEnd = `r.signed = 1 AND r.signed_date <= @to`;

const matters = (kind: string) => `
  SELECT m.id, m.person_id, ${personName('m')}, m.received_date AS d, m.status AS grp, m.status AS grp_label,
         ${matterKindLabel} || ifnull('·' || m.source, '') AS title, m.summary AS detail,
         'person' AS target_kind, m.person_id AS target_id, NULL AS target_sub
  FROM pending_matters m
  WHERE m.deleted_at IS NULL AND m.kind = '${kind}' AND m.received_date BETWEEN @from AND @to`;

/** A sanction decided in the range, unless revoked (已撤销: it never stood). */
const sanctions = (where: string, grp: string, grpLabel: string) => `
  SELECT s.id, s.person_id, ${personName('s')}, s.decision_date AS d, ${grp} AS grp, ${grpLabel} AS grp_label,
         ${sanctionLabel} AS title, s.decision_authority || ifnull(' ' || s.decision_number, '') || '·' || s.effective_date || '生效' AS detail,
         'person' AS target_kind, s.person_id AS target_id, NULL AS target_sub
  FROM sanctions s
  WHERE s.deleted_at IS NULL AND s.status <> '已撤销' AND ${where}`;
const decidedInRange = `s.decision_date BETWEEN @from AND @to`;
/** The end that applies (a clerk's override with its reason, else the computed end). */
const promotionEnd = `CASE WHEN s.promotion_end_override_reason IS NOT NULL THEN s.promotion_end_override ELSE s.promotion_end END`;

export const METRICS: Record<MetricKey, MetricDef> = {
  'replies.batches': { label: '廉政意见回复（批次）', unit: '批', counts: 'rows', grouped: false, sql: replyBatches('') },
  'replies.persons': { label: '廉政意见回复（人次）', unit: '人次', counts: 'rows', grouped: false, sql: replyItems('NULL', 'NULL') },
  'replies.byPurpose': { label: '按用途', unit: '人次', counts: 'rows', grouped: true, sql: replyItems('q.purpose', 'q.purpose') },
  'replies.byRequester': {
    label: '按来函单位',
    unit: '人次',
    counts: 'rows',
    grouped: true,
    sql: replyItems('q.requester', 'q.requester'),
  },
  'replies.byConclusion': { label: '按结论', unit: '人次', counts: 'rows', grouped: true, sql: replyItems('i.category', conclusionLabel) },
  'replies.overdue': { label: '超期回复', unit: '批', counts: 'rows', grouped: false, sql: replyBatches('AND y.reply_date > q.due_date') },

  'reminders.letters': {
    label: '印发提醒函',
    unit: '件',
    counts: 'rows',
    grouped: true,
    sql: `SELECT l.id, NULL AS person_id, NULL AS person_name, l.letter_date AS d, l.occasion AS grp, l.occasion AS grp_label,
                 ifnull(l.doc_number, '') || ' ' || l.title AS title,
                 l.kind || '·' || l.occasion || '·主送' || (SELECT count(*) FROM reminder_addressees a WHERE a.letter_id = l.id) || '个' AS detail,
                 'reminder' AS target_kind, l.id AS target_id, NULL AS target_sub
          FROM reminder_letters l WHERE ${countedLetter}`,
  },
  'reminders.addressees': { label: '制发《廉洁提醒函》', unit: '份', counts: 'rows', grouped: true, sql: letterAddressees('') },
  'reminders.received': {
    label: '已签收',
    unit: '份',
    counts: 'rows',
    grouped: true,
    sql: letterAddressees('AND a.receipt_date IS NOT NULL'),
  },
  'reminders.twoLettersOneBook': {
    label: '制发“两函一书”',
    unit: '份',
    counts: 'rows',
    grouped: true,
    sql: letterAddressees(
      'AND l.kind IN (SELECT value FROM json_each(@tlobKinds)) AND l.occasion IN (SELECT value FROM json_each(@tlobOccasions))',
    ),
  },

  'pledges.signed': {
    label: '签订承诺书',
    unit: '份',
    counts: 'rows',
    grouped: true,
    sql: rosterRows(signedInRange, 'c.pledge_type', 'c.pledge_type'),
  },
  'pledges.withCosigner': {
    label: '其中家属共同签名',
    unit: '份',
    counts: 'rows',
    grouped: true,
    sql: rosterRows(`${signedInRange} AND r.cosigner_name IS NOT NULL`, 'c.pledge_type', 'c.pledge_type'),
  },
  'pledges.rosterByCampaign': {
    label: '应签人数（按批次）',
    unit: '人',
    counts: 'rows',
    grouped: true,
    sql: rosterRows(campaignInRange, 'c.id', 'c.title'),
  },
  'pledges.signedByCampaign': {
    label: '已签人数（按批次）',
    unit: '人',
    counts: 'rows',
    grouped: true,
    sql: rosterRows(`${campaignInRange} AND ${signedByEnd}`, 'c.id', 'c.title'),
  },
  'pledges.rosterByUnit': {
    label: '应签人数（按单位）',
    unit: '人次',
    counts: 'rows',
    grouped: true,
    sql: rosterRows(campaignInRange, "ifnull(p.unit_id, '')", "ifnull(u.name, '未填单位')"),
  },
  'pledges.signedByUnit': {
    label: '已签人数（按单位）',
    unit: '人次',
    counts: 'rows',
    grouped: true,
    sql: rosterRows(`${campaignInRange} AND ${signedByEnd}`, "ifnull(p.unit_id, '')", "ifnull(u.name, '未填单位')"),
  },

  'matters.petitions': { label: '受理信访举报', unit: '件', counts: 'rows', grouped: true, sql: matters('petition') },
  'matters.leads': { label: '查办问题线索', unit: '件', counts: 'rows', grouped: true, sql: matters('lead') },
  'matters.cases': { label: '立案', unit: '件', counts: 'rows', grouped: true, sql: matters('case') },
  'sanctions.records': {
    label: '处分/处理决定',
    unit: '件',
    counts: 'rows',
    grouped: true,
    sql: sanctions(decidedInRange, "s.category || ':' || s.type", sanctionLabel),
  },
  'sanctions.partyGovernmentPeople': {
    label: '党纪政务处分',
    unit: '人',
    counts: 'people',
    grouped: true,
    sql: sanctions(`${decidedInRange} AND s.category IN ('party', 'government')`, 's.category', categoryLabel),
  },
  'sanctions.firstFormPeople': {
    label: '“第一种形态”处理',
    unit: '人',
    counts: 'people',
    grouped: true,
    sql: sanctions(
      `${decidedInRange} AND s.category || ':' || s.type IN (SELECT value FROM json_each(@firstForm))`,
      "s.category || ':' || s.type",
      sanctionLabel,
    ),
  },
  'sanctions.inImpactAtEnd': {
    label: '期末处于影响期内',
    unit: '人',
    counts: 'people',
    grouped: true,
    sql: sanctions(
      `s.effective_date <= @to AND (${promotionEnd} = 'permanent' OR ${promotionEnd} >= @to)`,
      "s.category || ':' || s.type",
      sanctionLabel,
    ),
  },

  'clearances.count': {
    label: '为受到不实举报者澄清正名',
    unit: '人次',
    counts: 'rows',
    grouped: true,
    sql: `SELECT c.id, c.person_id, ${personName('c')}, c.clear_date AS d, c.form AS grp, c.form AS grp_label,
                 '澄清正名（' || c.form || '）' AS title, ifnull('告知' || c.unit_informed, '') || ifnull('·' || c.notes, '') AS detail,
                 'person' AS target_kind, c.person_id AS target_id, NULL AS target_sub
          FROM clearances c
          WHERE c.deleted_at IS NULL AND c.clear_date BETWEEN @from AND @to`,
  },
  'revisits.count': {
    label: '对受处分人员暖心回访',
    unit: '人次',
    counts: 'rows',
    grouped: true,
    sql: `SELECT v.id, v.person_id, ${personName('v')}, v.visit_date AS d, s.category AS grp, ${categoryLabel} AS grp_label,
                 '暖心回访·' || ${sanctionLabel} AS title, '回访人：' || v.visitors || ifnull('·' || v.notes, '') AS detail,
                 'person' AS target_kind, v.person_id AS target_id, NULL AS target_sub
          FROM revisits v JOIN sanctions s ON s.id = v.sanction_id
          WHERE v.deleted_at IS NULL AND s.deleted_at IS NULL AND v.visit_date BETWEEN @from AND @to`,
  },
};
