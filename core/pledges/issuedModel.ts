/**
 * A campaign's official 承诺书 as stored (issued_documents): the text every pre-filled form
 * carries, fixed by its first PDF.
 *
 * The model's shape is versioned (modelVersion): a later template needing other fields
 * adds a version and keeps reading the old ones. Stored in issued_documents (core/issuedDocuments).
 */
import type { CampaignDetail } from './contract';
import { pledgeFormTitle } from './pledgeForm';

export const PLEDGE_FORM_MODEL_VERSION = 1;

/** A campaign's official 承诺书: the text every pre-filled form carries (persons are filled in per print). */
export interface PledgeFormModel {
  kind: 'pledgeForm';
  modelVersion: number;
  template: 'pledgeForm';
  title: string;
  text: string;
  cosigner: string | null;
}

export function pledgeFormModel(c: CampaignDetail): PledgeFormModel {
  return {
    kind: 'pledgeForm',
    modelVersion: PLEDGE_FORM_MODEL_VERSION,
    template: 'pledgeForm',
    title: pledgeFormTitle(c.pledgeType),
    text: c.templateText,
    cosigner: c.needsCosigner ? (c.cosignerLabel ?? '家属') : null,
  };
}
