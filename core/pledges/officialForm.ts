/**
 * A campaign's official 承诺书: the text every pre-filled form of the campaign carries is
 * fixed (stored in issued_documents) the first time its forms are saved as PDF or the first
 * signature is registered — from then on what people signed is on record, forms print from
 * the stored text, and edits of the text, type or co-signer are refused.
 */
import type { Db } from '../../db/open';
import { AppError } from '../errors';
import type { Writer } from '../host/writer';
import { freezeDocument, readIssued } from '../issuedDocuments/store';
import { pledgeFormModel, type PledgeFormModel } from './issuedModel';
import { canonicalJson } from '../shared/canonical';
import type { CampaignDetail } from './contract';

export const readOfficialForm = (db: Db, campaignId: string) => readIssued<PledgeFormModel>(db, 'pledgeForm', campaignId);

/** Fixes the campaign's official form unless it is fixed already. */
export function fixPledgeForm(db: Db, writer: Writer, campaign: CampaignDetail): void {
  if (readOfficialForm(db, campaign.id)) return;
  db.transaction(() => freezeDocument(db, writer, 'pledgeForm', campaign.id, null, pledgeFormModel(campaign)))();
}

/** Refuses an edit that would change the text of a campaign whose official form is fixed. */
export function requireFormUnchanged(db: Db, campaignId: string, edited: CampaignDetail): void {
  const fixed = readOfficialForm(db, campaignId);
  if (!fixed) return;
  if (canonicalJson(pledgeFormModel(edited)) === canonicalJson(fixed.model)) return;
  throw new AppError(
    'CONFLICT',
    '本批次的承诺书已正式打印或已有人签订，承诺书类型、正文和共同签名人不能再修改（已签订的是原文本）。如需使用新文本，请新建批次。',
  );
}
