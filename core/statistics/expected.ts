/**
 * For tests only: the statistics numbers computed a second, independent way — plain
 * `SELECT *` of each table and JavaScript filters written from each number's definition (the doc comments in
 * metrics.ts) — so the page's SQL is checked against something it does not share.
 */
import type { Db } from '../../db/open';
import type { MetricKey } from './contract';
import { readStatisticsSettings } from './settings';

type Row = Record<string, unknown> & { id: string };
const all = (db: Db, table: string) => db.prepare(`SELECT * FROM ${table}`).all() as Row[];

export interface Expected {
  value: number;
  /** Record ids (or person ids for numbers counted in people). */
  ids: Set<string>;
  groups: Map<string, number>;
}

export function expectedNumbers(db: Db, from: string, to: string): Record<MetricKey, Expected> {
  const settings = readStatisticsSettings(db);
  const inRange = (d: unknown) => typeof d === 'string' && d >= from && d <= to;
  const byId = (rows: Row[]) => new Map(rows.map((r) => [r.id, r]));
  const requests = byId(all(db, 'opinion_requests'));
  const repliesAll = all(db, 'opinion_replies');
  const correctedIds = new Set(repliesAll.filter((y) => y.status === 'issued' && y.supersedes_id).map((y) => y.supersedes_id as string));
  const replies = repliesAll.filter(
    (y) => y.status === 'issued' && inRange(y.reply_date) && !requests.get(y.request_id as string)!.deleted_at && !correctedIds.has(y.id),
  );
  const replyIds = new Set(replies.map((y) => y.id));
  const repliesById = byId(replies);
  const items = all(db, 'opinion_reply_items').filter((i) => replyIds.has(i.reply_id as string));
  const requestOf = (i: Row) => requests.get(repliesById.get(i.reply_id as string)!.request_id as string)!;

  const letters = byId(all(db, 'reminder_letters').filter((l) => l.status === 'issued' && !l.deleted_at && inRange(l.letter_date)));
  const addressees = all(db, 'reminder_addressees').filter((a) => letters.has(a.letter_id as string));
  const letterOf = (a: Row) => letters.get(a.letter_id as string)!;

  const campaigns = byId(all(db, 'pledge_campaigns').filter((c) => !c.deleted_at));
  const roster = all(db, 'pledge_roster').filter((e) => campaigns.has(e.campaign_id as string));
  const campaignOf = (e: Row) => campaigns.get(e.campaign_id as string)!;
  const people = byId(all(db, 'people'));
  const unitOf = (e: Row) => (people.get(e.person_id as string)!.unit_id as string | null) ?? '';
  const signedIn = roster.filter((e) => e.signed === 1 && inRange(e.signed_date));
  const campaignRoster = roster.filter((e) => inRange(campaignOf(e).start_date));
  const campaignSigned = campaignRoster.filter((e) => e.signed === 1 && (e.signed_date as string) <= to);

  const matters = all(db, 'pending_matters').filter((m) => !m.deleted_at && inRange(m.received_date));
  const sanctionsAll = all(db, 'sanctions').filter((s) => !s.deleted_at && s.status !== '已撤销');
  const decided = sanctionsAll.filter((s) => inRange(s.decision_date));
  const endOf = (s: Row) => (s.promotion_end_override_reason ? s.promotion_end_override : s.promotion_end) as string | null;
  const inImpact = sanctionsAll.filter(
    (s) => (s.effective_date as string) <= to && (endOf(s) === 'permanent' || (endOf(s) !== null && endOf(s)! >= to)),
  );
  const key = (s: Row) => `${s.category}:${s.type}`;
  const clearances = all(db, 'clearances').filter((c) => !c.deleted_at && inRange(c.clear_date));
  const liveSanctions = new Set(
    all(db, 'sanctions')
      .filter((s) => !s.deleted_at)
      .map((s) => s.id),
  );
  const sanctionsById = byId(all(db, 'sanctions'));
  const revisits = all(db, 'revisits').filter((v) => !v.deleted_at && inRange(v.visit_date) && liveSanctions.has(v.sanction_id as string));

  const rows = (list: Row[], group: (r: Row) => string | null = () => null): Expected => {
    const groups = new Map<string, number>();
    for (const r of list) {
      const g = group(r);
      if (g !== null) groups.set(g, (groups.get(g) ?? 0) + 1);
    }
    return { value: list.length, ids: new Set(list.map((r) => r.id)), groups };
  };
  const persons = (list: Row[], group: (r: Row) => string): Expected => {
    const ids = new Set(list.map((r) => r.person_id as string));
    const groups = new Map<string, Set<string>>();
    for (const r of list) groups.set(group(r), (groups.get(group(r)) ?? new Set()).add(r.person_id as string));
    return { value: ids.size, ids, groups: new Map([...groups].map(([k, v]) => [k, v.size])) };
  };
  const tlob = addressees.filter(
    (a) =>
      settings.twoLettersOneBook.kinds.includes(letterOf(a).kind as never) &&
      settings.twoLettersOneBook.occasions.includes(letterOf(a).occasion as never),
  );

  return {
    'replies.batches': rows(replies),
    'replies.persons': rows(items),
    'replies.byPurpose': rows(items, (i) => requestOf(i).purpose as string),
    'replies.byRequester': rows(items, (i) => requestOf(i).requester as string),
    'replies.byConclusion': rows(items, (i) => i.category as string),
    'replies.overdue': rows(replies.filter((y) => (y.reply_date as string) > (requests.get(y.request_id as string)!.due_date as string))),
    'reminders.letters': rows([...letters.values()], (l) => l.occasion as string),
    'reminders.addressees': rows(addressees, (a) => letterOf(a).occasion as string),
    'reminders.received': rows(
      addressees.filter((a) => a.receipt_date),
      (a) => letterOf(a).occasion as string,
    ),
    'reminders.twoLettersOneBook': rows(tlob, (a) => letterOf(a).occasion as string),
    'pledges.signed': rows(signedIn, (e) => campaignOf(e).pledge_type as string),
    'pledges.withCosigner': rows(
      signedIn.filter((e) => e.cosigner_name),
      (e) => campaignOf(e).pledge_type as string,
    ),
    'pledges.rosterByCampaign': rows(campaignRoster, (e) => e.campaign_id as string),
    'pledges.signedByCampaign': rows(campaignSigned, (e) => e.campaign_id as string),
    'pledges.rosterByUnit': rows(campaignRoster, unitOf),
    'pledges.signedByUnit': rows(campaignSigned, unitOf),
    'matters.petitions': rows(
      matters.filter((m) => m.kind === 'petition'),
      (m) => m.status as string,
    ),
    'matters.leads': rows(
      matters.filter((m) => m.kind === 'lead'),
      (m) => m.status as string,
    ),
    'matters.cases': rows(
      matters.filter((m) => m.kind === 'case'),
      (m) => m.status as string,
    ),
    'sanctions.records': rows(decided, key),
    'sanctions.partyGovernmentPeople': persons(
      decided.filter((s) => s.category === 'party' || s.category === 'government'),
      (s) => s.category as string,
    ),
    'sanctions.firstFormPeople': persons(
      decided.filter((s) => settings.firstForm.includes(key(s))),
      key,
    ),
    'sanctions.inImpactAtEnd': persons(inImpact, key),
    'clearances.count': rows(clearances, (c) => c.form as string),
    'revisits.count': rows(revisits, (v) => sanctionsById.get(v.sanction_id as string)!.category as string),
  };
}
