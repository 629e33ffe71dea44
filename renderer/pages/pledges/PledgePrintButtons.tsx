import type { CampaignDetail } from '../../../core/pledges/contract';

/** Printing of pre-filled pledge forms for the roster (filled in once the print engine has this kind). */
export function PledgePrintButtons(_props: { campaign: CampaignDetail }) {
  return null;
}
