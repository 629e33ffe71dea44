/**
 * Pledge campaigns and their rosters (承诺书): reads and writes for this area's channels and
 * for other areas (the printouts, the dossier, the Excel import and export), which never
 * call this area's handlers.
 */
import type { HandlerContext } from '../host/context';
import type { ValidInput } from '../api';
import type { Db } from '../../db/open';
import { AppError, notFound } from '../errors';
import { fixPledgeForm, readOfficialForm } from './officialForm';
import { issuedInfo } from '../issuedDocuments/store';
import { peopleByIds } from '../people/search';
import { localIsoDate } from '../shared/dates';
import { Where } from '../shared/where';
import { unitPaths, unitSubtreeIds } from '../units/queries';
import { fromRow, toColumnValues } from '../shared/rows';
import {
  BREACH_FIELDS,
  CAMPAIGN_FIELDS,
  CAMPAIGN_STORAGE,
  CAMPAIGN_SUMMARY_FIELDS,
  COSIGNED_TYPES,
  SIGNOFF_FIELDS,
  SIGNOFF_STORAGE,
  targetCountOf,
  type BreachCheck,
  type CampaignDetail,
  type CampaignSummary,
  type CampaignValues,
  type PledgeSigned,
  type RosterEntry,
  type SignoffValues,
  type StoredCampaign,
} from './contract';
import { paged } from '../shared/paged';
import { hiddenNow, registerHiddenFunction } from '../recusal/hidden';

/** A row of `pledge_campaigns` (the fields' columns, CAMPAIGN_FIELDS) with its roster counts. */
type CampaignRow = Record<string, unknown> & {
  id: string;
  rev: number;
  start_date: string;
  needs_cosigner: number;
  cosigner_label: string | null;
  target_rate: number;
  roster_count: number;
  signed_count: number;
};

/**
 * A campaign with its counts. Shown to an account under recusal (回避, core/recusal), the
 * counts leave out the persons it must not see; the delete check counts everyone.
 */
export function campaignSql(db: Db, counting: 'shown' | 'all' = 'shown'): string {
  registerHiddenFunction(db);
  const visible = counting === 'shown' && hiddenNow().size ? 'AND NOT qinglian_hidden(r.id)' : '';
  return `
  SELECT c.*, (SELECT count(*) FROM pledge_roster r WHERE r.campaign_id = c.id ${visible}) AS roster_count,
         (SELECT count(*) FROM pledge_roster r WHERE r.campaign_id = c.id AND r.signed = 1 ${visible}) AS signed_count
  FROM pledge_campaigns c`;
}

export const toSummary = (r: CampaignRow): CampaignSummary => ({
  id: r.id,
  rev: r.rev,
  ...fromRow<Pick<StoredCampaign, (typeof CAMPAIGN_SUMMARY_FIELDS)[number]>>(CAMPAIGN_SUMMARY_FIELDS, r, CAMPAIGN_STORAGE),
  rosterCount: r.roster_count,
  signedCount: r.signed_count,
  completion: r.roster_count ? r.signed_count / r.roster_count : 0,
  targetCount: targetCountOf(r.roster_count, r.target_rate),
});

export function campaignRow(db: Db, id: string, counting: 'shown' | 'all' = 'shown'): CampaignRow {
  const row = db.prepare(`${campaignSql(db, counting)} WHERE c.id = ? AND c.deleted_at IS NULL`).get(id) as CampaignRow | undefined;
  if (!row) throw notFound('承诺批次');
  return row;
}

export function officialFormInfo(db: Db, campaignId: string) {
  const fixed = readOfficialForm(db, campaignId);
  return fixed ? issuedInfo(db, fixed, []) : null;
}

export function getCampaignDetail(db: Db, id: string): CampaignDetail {
  const row = campaignRow(db, id);
  const units = db
    .prepare(
      `SELECT p.unit_id, count(*) AS total, sum(r.signed) AS signed FROM pledge_roster r JOIN people p ON p.id = r.person_id
       WHERE r.campaign_id = ? ${hiddenNow().size ? 'AND NOT qinglian_hidden(r.id)' : ''} GROUP BY p.unit_id`,
    )
    .all(id) as { unit_id: string | null; total: number; signed: number }[];
  const paths = unitPaths(
    db,
    units.map((u) => u.unit_id),
  );
  return {
    ...toSummary(row),
    ...fromRow<StoredCampaign>(CAMPAIGN_FIELDS, row, CAMPAIGN_STORAGE),
    officialForm: officialFormInfo(db, id),
    byUnit: units
      .map((u) => ({
        unitId: u.unit_id,
        unitPath: u.unit_id ? (paths.get(u.unit_id) ?? '') : '未填单位',
        total: u.total,
        signed: u.signed,
      }))
      .sort((a, b) => a.unitPath.localeCompare(b.unitPath, 'zh-CN')),
  };
}

/** A row of `pledge_roster` (the sign-off's columns, SIGNOFF_FIELDS) with its scan. */
export type RosterRow = Record<string, unknown> & {
  id: string;
  rev: number;
  person_id: string;
  scan_file: string | null;
  scan_mime: string | null;
  scan_size: number | null;
  scan_sha: string | null;
};

export const ROSTER_SQL = `
  SELECT r.*, s.file_name AS scan_file, s.mime AS scan_mime, s.size AS scan_size, s.sha256 AS scan_sha
  FROM pledge_roster r JOIN people p ON p.id = r.person_id LEFT JOIN pledge_scans s ON s.roster_id = r.id`;

export function toEntries(db: Db, rows: RosterRow[]): RosterEntry[] {
  const people = new Map(
    peopleByIds(
      db,
      rows.map((r) => r.person_id),
    ).map((p) => [p.id, p]),
  );
  return rows.flatMap((r) => {
    const person = people.get(r.person_id);
    if (!person) return [];
    return [
      {
        id: r.id,
        rev: r.rev,
        person,
        ...fromRow<SignoffValues>(SIGNOFF_FIELDS, r, SIGNOFF_STORAGE),
        ...fromRow<BreachCheck>(BREACH_FIELDS, r),
        scan: r.scan_file ? { fileName: r.scan_file, mime: r.scan_mime!, size: r.scan_size!, sha256: r.scan_sha! } : null,
      },
    ];
  });
}

export function rosterEntry(db: Db, rosterId: string): RosterEntry & { campaignId: string } {
  const row = db.prepare(`${ROSTER_SQL} WHERE r.id = ?`).get(rosterId) as (RosterRow & { campaign_id: string }) | undefined;
  if (!row) throw notFound('名单条目');
  return { ...toEntries(db, [row])[0]!, campaignId: row.campaign_id };
}

/** The row's columns; whether a family member co-signs, and as whom, default from the type. */
export function campaignColumns(v: CampaignValues) {
  const cosigned = v.needsCosigner ?? v.pledgeType in COSIGNED_TYPES;
  const cosignerLabel = cosigned ? (v.cosignerLabel ?? COSIGNED_TYPES[v.pledgeType] ?? '家属') : null;
  return toColumnValues(CAMPAIGN_FIELDS, { ...v, needsCosigner: cosigned, cosignerLabel }, CAMPAIGN_STORAGE);
}

export function pledgesOf(db: Db, personId: string): PledgeSigned[] {
  return (
    db
      .prepare(
        `SELECT c.id, c.title, c.pledge_type, c.year, r.signed, r.signed_date FROM pledge_roster r JOIN pledge_campaigns c ON c.id = r.campaign_id
         WHERE r.person_id = ? AND c.deleted_at IS NULL ORDER BY c.year DESC, c.start_date DESC`,
      )
      .all(personId) as { id: string; title: string; pledge_type: string; year: number; signed: number; signed_date: string | null }[]
  ).map((r) => ({
    campaignId: r.id,
    title: r.title,
    pledgeType: r.pledge_type,
    year: r.year,
    signed: r.signed === 1,
    signedDate: r.signed_date,
  }));
}

/** One page of campaigns, as the list page filters them: for this area and others (the Excel export). */
export function listCampaigns(input: ValidInput<'pledgeCampaigns.list'>, { db }: HandlerContext) {
  const where = new Where('c.deleted_at IS NULL')
    .add(input.year, 'c.year = @year', { year: input.year })
    .add(input.query, '(instr(c.title, @q) > 0 OR instr(c.pledge_type, @q) > 0)', { q: input.query });
  const sql = `${campaignSql(db)} WHERE ${where.sql}`;
  return paged(db, { sql, orderBy: 'c.year DESC, c.start_date DESC', params: where.params }, input, toSummary);
}

/** One page of a campaign's roster: for this area and others (pre-filled 承诺书, the Excel export). */
export function listRoster(input: ValidInput<'pledgeRoster.list'>, { db }: HandlerContext) {
  campaignRow(db, input.campaignId);
  const where = new Where('r.campaign_id = @campaignId', { campaignId: input.campaignId })
    .add(input.filter !== 'all', 'r.signed = @signed', { signed: input.filter === 'signed' ? 1 : 0 })
    .add(input.unitId, 'p.unit_id IN (SELECT value FROM json_each(@units))', {
      units: input.unitId ? JSON.stringify(unitSubtreeIds(db, input.unitId)) : null,
    })
    .add(input.query, '(p.name = @q OR p.name_initials = @q OR instr(p.name, @q) > 0)', { q: input.query?.toLowerCase() });
  const page = paged<RosterRow, RosterRow>(
    db,
    {
      sql: `${ROSTER_SQL} LEFT JOIN units u ON u.id = p.unit_id WHERE ${where.sql}`,
      orderBy: 'u.sort_order, u.name, p.name_pinyin, r.id',
      params: where.params,
      // Counting needs neither the scans nor the units.
      countSql: `SELECT 1 FROM pledge_roster r JOIN people p ON p.id = r.person_id WHERE ${where.sql}`,
    },
    input,
    (row) => row,
  );
  // The page's people are read in one go, not row by row.
  return { ...page, items: toEntries(db, page.items) };
}

/** Adds people, and everyone of the chosen units, to a campaign's roster; those already in are named, not added twice. */
export function addToRoster(input: ValidInput<'pledgeRoster.add'>, { db, writer }: HandlerContext) {
  campaignRow(db, input.campaignId);
  const fromUnits = input.unitIds.length
    ? (db
        .prepare('SELECT id FROM people WHERE unit_id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL ORDER BY name_pinyin')
        .pluck()
        .all(JSON.stringify(input.unitIds.flatMap((u) => unitSubtreeIds(db, u)))) as string[])
    : [];
  const wanted = [...new Set([...input.personIds, ...fromUnits])];
  const found = new Set(peopleByIds(db, wanted).map((p) => p.id));
  const missing = wanted.filter((id) => !found.has(id));
  if (missing.length) throw new AppError('VALIDATION', `所选人员中有${missing.length}人不存在或已删除，请重新选择。`);
  const already = new Set(
    db.prepare('SELECT person_id FROM pledge_roster WHERE campaign_id = ?').pluck().all(input.campaignId) as string[],
  );
  const toAdd = wanted.filter((id) => !already.has(id));
  for (const personId of toAdd) writer.insert('pledge_roster', { campaign_id: input.campaignId, person_id: personId });
  const skipped = peopleByIds(
    db,
    wanted.filter((id) => already.has(id)),
  ).map((p) => p.name);
  return { added: toAdd.length, alreadyIn: skipped };
}

/** Records that a person signed (or not); the first signature fixes the campaign's official form. */
export function signoff(input: ValidInput<'pledgeRoster.signoff'>, { db, writer, now }: HandlerContext) {
  const entry = rosterEntry(db, input.rosterId);
  const campaign = campaignRow(db, entry.campaignId);
  if (input.signedDate && input.signedDate > localIsoDate(now())) {
    throw new AppError('VALIDATION', '签订日期不能晚于今天。', { signedDate: '签订日期晚于今天' });
  }
  if (input.signedDate && input.signedDate < campaign.start_date) {
    throw new AppError('VALIDATION', `签订日期不能早于本批次开始日期（${campaign.start_date}）。`, { signedDate: '早于批次开始日期' });
  }
  if (input.signed && campaign.needs_cosigner && !input.cosignerName) {
    throw new AppError('VALIDATION', `该类承诺书须有${campaign.cosigner_label ?? '家属'}共同签名，请填写共同签名人。`, {
      cosignerName: '请填写共同签名人',
    });
  }
  // Not signed: nothing of a signature is kept.
  const unsigned = { signMethod: null, copies: [], cosignerName: null, cosignerRelation: null };
  writer.update(
    'pledge_roster',
    input.rosterId,
    input.rev,
    toColumnValues(SIGNOFF_FIELDS, input.signed ? input : { ...input, ...unsigned }, SIGNOFF_STORAGE),
  );
  // The first signature fixes the text people sign as the campaign's official form.
  if (input.signed) fixPledgeForm(db, writer, getCampaignDetail(db, entry.campaignId));
  return rosterEntry(db, input.rosterId);
}
