import type { HandlerContext } from '../host/context';
import type { ValidInput } from '../api';
import { createHash } from 'node:crypto';
import type { Db } from '../../db/open';
import { AppError, notFound } from '../errors';
import { fixPledgeForm, readOfficialForm, requireFormUnchanged } from './officialForm';
import { issuedInfo } from '../issuedDocuments/store';
import type { HandlerMap } from '../host/handler';
import { peopleByIds } from '../people/search';
import { localIsoDate } from '../shared/dates';
import { Where } from '../shared/where';
import { unitPaths, unitSubtreeIds } from '../units/queries';
import { COSIGNED_TYPES, targetCountOf, type CampaignDetail, type CampaignSummary, type PledgeSigned, type RosterEntry } from './contract';
import { checkScan } from './scan';
import { paged } from '../shared/paged';
import { hiddenNow, registerHiddenFunction } from '../recusal/hidden';

interface CampaignRow {
  id: string;
  rev: number;
  pledge_type: string;
  title: string;
  year: number;
  start_date: string;
  template_text: string;
  needs_cosigner: number;
  cosigner_label: string | null;
  target_rate: number;
  roster_count: number;
  signed_count: number;
}

/**
 * A campaign with its counts. Shown to an account under recusal (回避, core/recusal), the
 * counts leave out the persons it must not see; the delete check counts everyone.
 */
function campaignSql(db: Db, counting: 'shown' | 'all' = 'shown'): string {
  registerHiddenFunction(db);
  const visible = counting === 'shown' && hiddenNow().size ? 'AND NOT qinglian_hidden(r.id)' : '';
  return `
  SELECT c.*, (SELECT count(*) FROM pledge_roster r WHERE r.campaign_id = c.id ${visible}) AS roster_count,
         (SELECT count(*) FROM pledge_roster r WHERE r.campaign_id = c.id AND r.signed = 1 ${visible}) AS signed_count
  FROM pledge_campaigns c`;
}

const toSummary = (r: CampaignRow): CampaignSummary => ({
  id: r.id,
  rev: r.rev,
  pledgeType: r.pledge_type,
  title: r.title,
  year: r.year,
  startDate: r.start_date,
  needsCosigner: r.needs_cosigner === 1,
  cosignerLabel: r.cosigner_label,
  rosterCount: r.roster_count,
  signedCount: r.signed_count,
  completion: r.roster_count ? r.signed_count / r.roster_count : 0,
  targetRate: r.target_rate,
  targetCount: targetCountOf(r.roster_count, r.target_rate),
});

function campaignRow(db: Db, id: string, counting: 'shown' | 'all' = 'shown'): CampaignRow {
  const row = db.prepare(`${campaignSql(db, counting)} WHERE c.id = ? AND c.deleted_at IS NULL`).get(id) as CampaignRow | undefined;
  if (!row) throw notFound('承诺批次');
  return row;
}

function officialFormInfo(db: Db, campaignId: string) {
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
    templateText: row.template_text,
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

interface RosterRow {
  id: string;
  rev: number;
  person_id: string;
  signed: number;
  signed_date: string | null;
  sign_method: RosterEntry['signMethod'];
  copies: string;
  cosigner_name: string | null;
  cosigner_relation: string | null;
  breach_checked_on: string | null;
  breach_result: string | null;
  scan_file: string | null;
  scan_mime: string | null;
  scan_size: number | null;
  scan_sha: string | null;
}

const ROSTER_SQL = `
  SELECT r.*, s.file_name AS scan_file, s.mime AS scan_mime, s.size AS scan_size, s.sha256 AS scan_sha
  FROM pledge_roster r JOIN people p ON p.id = r.person_id LEFT JOIN pledge_scans s ON s.roster_id = r.id`;

function toEntries(db: Db, rows: RosterRow[]): RosterEntry[] {
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
        signed: r.signed === 1,
        signedDate: r.signed_date,
        signMethod: r.sign_method,
        copies: JSON.parse(r.copies) as RosterEntry['copies'],
        cosignerName: r.cosigner_name,
        cosignerRelation: r.cosigner_relation,
        breachCheckedOn: r.breach_checked_on,
        breachResult: r.breach_result,
        scan: r.scan_file ? { fileName: r.scan_file, mime: r.scan_mime!, size: r.scan_size!, sha256: r.scan_sha! } : null,
      },
    ];
  });
}

function rosterEntry(db: Db, rosterId: string): RosterEntry & { campaignId: string } {
  const row = db.prepare(`${ROSTER_SQL} WHERE r.id = ?`).get(rosterId) as (RosterRow & { campaign_id: string }) | undefined;
  if (!row) throw notFound('名单条目');
  return { ...toEntries(db, [row])[0]!, campaignId: row.campaign_id };
}

function campaignColumns(v: {
  pledgeType: string;
  title: string;
  year: number;
  startDate: string;
  templateText: string;
  needsCosigner?: boolean | undefined;
  cosignerLabel: string | null;
  targetRate: number;
}) {
  const cosigned = v.needsCosigner ?? v.pledgeType in COSIGNED_TYPES;
  return {
    pledge_type: v.pledgeType,
    title: v.title,
    year: v.year,
    start_date: v.startDate,
    template_text: v.templateText,
    needs_cosigner: cosigned ? 1 : 0,
    cosigner_label: cosigned ? (v.cosignerLabel ?? COSIGNED_TYPES[v.pledgeType] ?? '家属') : null,
    target_rate: v.targetRate,
  };
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

export const pledgesHandlers: HandlerMap<
  | 'pledgeCampaigns.list'
  | 'pledgeCampaigns.get'
  | 'pledgeCampaigns.create'
  | 'pledgeCampaigns.update'
  | 'pledgeCampaigns.delete'
  | 'pledgeRoster.list'
  | 'pledgeRoster.add'
  | 'pledgeRoster.remove'
  | 'pledgeRoster.signoff'
  | 'pledgeRoster.bulkSignoff'
  | 'pledgeRoster.uploadScan'
  | 'pledgeRoster.getScan'
  | 'pledgeRoster.removeScan'
  | 'pledgeRoster.breachCheck'
> = {
  'pledgeCampaigns.list': (input, { db }) => {
    const where = new Where('c.deleted_at IS NULL')
      .add(input.year, 'c.year = @year', { year: input.year })
      .add(input.query, '(instr(c.title, @q) > 0 OR instr(c.pledge_type, @q) > 0)', { q: input.query });
    const sql = `${campaignSql(db)} WHERE ${where.sql}`;
    return paged(db, { sql, orderBy: 'c.year DESC, c.start_date DESC', params: where.params }, input, toSummary);
  },

  'pledgeCampaigns.get': (input, { db }) => getCampaignDetail(db, input.id),

  'pledgeCampaigns.create': (input, { db, writer }) => getCampaignDetail(db, writer.insert('pledge_campaigns', campaignColumns(input))),

  'pledgeCampaigns.update': (input, { db, writer }) => {
    campaignRow(db, input.id);
    const earliest = db.prepare('SELECT min(signed_date) FROM pledge_roster WHERE campaign_id = ? AND signed = 1').pluck().get(input.id) as
      string | null;
    if (earliest && earliest < input.startDate) {
      throw new AppError('VALIDATION', `已有${earliest}签订的承诺书，开始日期不能晚于该日。`, { startDate: '晚于已有签订日期' });
    }
    writer.update('pledge_campaigns', input.id, input.rev, campaignColumns(input));
    const edited = getCampaignDetail(db, input.id);
    requireFormUnchanged(db, input.id, edited);
    return edited;
  },

  'pledgeCampaigns.delete': (input, { db, writer }) => {
    const row = campaignRow(db, input.id, 'all');
    if (row.signed_count > 0) throw new AppError('CONFLICT', `该批次已有${row.signed_count}人签订，不能删除。`);
    writer.softDelete('pledge_campaigns', input.id);
  },

  'pledgeRoster.list': (input, { db }) => {
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
  },

  'pledgeRoster.add': (input, { db, writer }) => {
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
  },

  'pledgeRoster.remove': (input, { db, writer }) => {
    const entry = rosterEntry(db, input.rosterId);
    if (entry.signed) throw new AppError('CONFLICT', `“${entry.person.name}”已签订承诺书，不能从名单中移除（如属误登，请先改为未签订）。`);
    db.prepare('DELETE FROM pledge_scans WHERE roster_id = ?').run(input.rosterId);
    writer.remove('pledge_roster', input.rosterId);
  },

  'pledgeRoster.signoff': (input, { db, writer, now }) => {
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
    writer.update('pledge_roster', input.rosterId, input.rev, {
      signed: input.signed ? 1 : 0,
      signed_date: input.signedDate,
      sign_method: input.signed ? input.signMethod : null,
      copies: JSON.stringify(input.signed ? input.copies : []),
      cosigner_name: input.signed ? input.cosignerName : null,
      cosigner_relation: input.signed ? input.cosignerRelation : null,
    });
    // The first signature fixes the text people sign as the campaign's official form.
    if (input.signed) fixPledgeForm(db, writer, getCampaignDetail(db, entry.campaignId));
    return rosterEntry(db, input.rosterId);
  },

  'pledgeRoster.bulkSignoff': (input, { db, writer, now }) => {
    const campaign = campaignRow(db, input.campaignId);
    if (input.signedDate > localIsoDate(now()))
      throw new AppError('VALIDATION', '签订日期不能晚于今天。', { signedDate: '签订日期晚于今天' });
    if (input.signedDate < campaign.start_date) {
      throw new AppError('VALIDATION', `签订日期不能早于本批次开始日期（${campaign.start_date}）。`, { signedDate: '早于批次开始日期' });
    }
    if (campaign.needs_cosigner) throw new AppError('VALIDATION', '该类承诺书须逐人登记共同签名人，不能批量登记。');
    const inCampaign = new Set(db.prepare('SELECT id FROM pledge_roster WHERE campaign_id = ?').pluck().all(input.campaignId) as string[]);
    const strangers = input.rosterIds.filter((id) => !inCampaign.has(id));
    if (strangers.length) throw new AppError('VALIDATION', `有${strangers.length}条不属于本批次名单，未登记。`);
    for (const id of new Set(input.rosterIds)) {
      writer.update(
        'pledge_roster',
        id,
        null,
        { signed: 1, signed_date: input.signedDate, sign_method: input.signMethod, copies: JSON.stringify(input.copies) },
        'signoff',
      );
    }
    fixPledgeForm(db, writer, getCampaignDetail(db, input.campaignId));
    return getCampaignDetail(db, input.campaignId);
  },

  'pledgeRoster.uploadScan': (input, { db, writer, now, user }) => {
    const entry = rosterEntry(db, input.rosterId);
    const bytes = Buffer.from(input.contentBase64, 'base64');
    const { mime, sha256 } = checkScan(input.fileName, bytes);
    db.prepare(
      `INSERT INTO pledge_scans (roster_id, file_name, mime, size, sha256, content, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(roster_id) DO UPDATE SET file_name = excluded.file_name, mime = excluded.mime, size = excluded.size, sha256 = excluded.sha256,
         content = excluded.content, created_at = excluded.created_at, created_by = excluded.created_by`,
    ).run(input.rosterId, input.fileName, mime, bytes.length, sha256, bytes, now().toISOString(), user?.id ?? null);
    writer.audit('scan', 'pledge_roster', input.rosterId, entry.scan ? { ...entry.scan } : null, {
      fileName: input.fileName,
      mime,
      size: bytes.length,
      sha256,
    });
    return rosterEntry(db, input.rosterId);
  },

  'pledgeRoster.getScan': (input, { db }) => {
    const row = db.prepare('SELECT file_name, mime, sha256, content FROM pledge_scans WHERE roster_id = ?').get(input.rosterId) as
      { file_name: string; mime: string; sha256: string; content: Buffer } | undefined;
    if (!row) throw notFound('扫描件');
    if (createHash('sha256').update(row.content).digest('hex') !== row.sha256) {
      throw new AppError('CONFLICT', '扫描件校验失败：保存的文件已损坏，请重新上传。');
    }
    return { fileName: row.file_name, mime: row.mime, sha256: row.sha256, contentBase64: row.content.toString('base64') };
  },

  'pledgeRoster.removeScan': (input, { db, writer }) => {
    const entry = rosterEntry(db, input.rosterId);
    if (!entry.scan) throw notFound('扫描件');
    db.prepare('DELETE FROM pledge_scans WHERE roster_id = ?').run(input.rosterId);
    writer.audit('scan-remove', 'pledge_roster', input.rosterId, { ...entry.scan }, null);
  },

  'pledgeRoster.breachCheck': (input, { db, writer }) => {
    const entry = rosterEntry(db, input.rosterId);
    if (!entry.signed) throw new AppError('CONFLICT', '未签订承诺书的人员无需履诺核查。');
    if (entry.signedDate && input.checkedOn < entry.signedDate)
      throw new AppError('VALIDATION', '核查日期不能早于签订日期。', { checkedOn: '早于签订日期' });
    writer.update(
      'pledge_roster',
      input.rosterId,
      input.rev,
      { breach_checked_on: input.checkedOn, breach_result: input.result },
      'breach-check',
    );
    return rosterEntry(db, input.rosterId);
  },
};

/** One page of a campaign's roster: for other areas (pre-filled 承诺书), which never call this area's handlers. */
export function listRoster(input: ValidInput<'pledgeRoster.list'>, ctx: HandlerContext) {
  return pledgesHandlers['pledgeRoster.list'](input, ctx);
}
