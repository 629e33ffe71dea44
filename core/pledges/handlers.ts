import { createHash } from 'node:crypto';
import { AppError, notFound } from '../errors';
import type { HandlerMap } from '../host/handler';
import { localIsoDate } from '../shared/dates';
import { checkScan } from './scan';
import { fixPledgeForm, requireFormUnchanged } from './officialForm';
import { addToRoster, campaignColumns, campaignRow, getCampaignDetail, listCampaigns, listRoster, rosterEntry, signoff } from './records';

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
  'pledgeCampaigns.list': listCampaigns,

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

  'pledgeRoster.list': listRoster,

  'pledgeRoster.add': addToRoster,

  'pledgeRoster.remove': (input, { db, writer }) => {
    const entry = rosterEntry(db, input.rosterId);
    if (entry.signed) throw new AppError('CONFLICT', `“${entry.person.name}”已签订承诺书，不能从名单中移除（如属误登，请先改为未签订）。`);
    db.prepare('DELETE FROM pledge_scans WHERE roster_id = ?').run(input.rosterId);
    writer.remove('pledge_roster', input.rosterId);
  },

  'pledgeRoster.signoff': signoff,

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
