/**
 * The document of the pledges area, registered with the one print channel
 * (core/print/documentKinds.ts): pre-filled 承诺书, one page per person of the roster (all,
 * or those not signed yet). The first PDF fixes the campaign's official text; the PDF of the
 * same roster and text is kept as first printed.
 */
import { AppError } from '../errors';
import type { HandlerContext } from '../host/context';
import { pledgeFormModel, type PledgeFormModel } from './issuedModel';
import { readIssued } from '../issuedDocuments/store';
import type { DocumentKinds } from '../print/documentKinds';
import { visibleRows } from '../recusal/hidden';
import { PLEDGE_FORMS_MAX, type PledgeDocumentRequest, type RosterEntry } from './contract';
import { fixPledgeForm } from './officialForm';
import { layoutPledgeForms, pledgeFormData } from './pledgeForm';
import { getCampaignDetail, listRoster } from './records';

async function rosterOf(ctx: HandlerContext, campaignId: string, filter: 'all' | 'unsigned'): Promise<RosterEntry[]> {
  const out: RosterEntry[] = [];
  for (let page = 1, seen = 0; ; page++) {
    const res = await listRoster({ campaignId, filter, page, pageSize: 200 }, ctx);
    seen += res.items.length;
    out.push(...visibleRows(res.items)); // not the persons this account is recused from (回避)
    if (seen >= res.total || !res.items.length) break;
  }
  return out;
}

export const pledgeDocumentKinds: DocumentKinds<PledgeDocumentRequest> = {
  pledgeForms: {
    reads: 'pledgeRoster.list',
    layOut: async (ctx, request) => {
      const c = getCampaignDetail(ctx.db, request.campaignId);
      const roster = await rosterOf(ctx, c.id, request.filter);
      if (!roster.length)
        throw new AppError('VALIDATION', request.filter === 'unsigned' ? '名单中已没有未签订的人员。' : '名单为空，请先加入人员。');
      if (roster.length > PLEDGE_FORMS_MAX) throw new AppError('VALIDATION', `一次最多打印${PLEDGE_FORMS_MAX}份承诺书，请分批打印。`);
      // The campaign's official text once fixed (first PDF or first signature), else the live one.
      const form = readIssued<PledgeFormModel>(ctx.db, 'pledgeForm', c.id)?.model ?? pledgeFormModel(c);
      const data = { ...pledgeFormData(c, roster), title: form.title, text: form.text, cosigner: form.cosigner };
      const pages = layoutPledgeForms(data);
      const long = pages.length > roster.length ? [`承诺书正文较长，有${pages.length - roster.length}份超过一页。`] : [];
      return {
        title: c.title,
        fileBase: `${c.title}（${roster.length}份）`,
        pages,
        landscape: false,
        letterCount: roster.length,
        warnings: long,
        archival: true,
        // Kept as first printed for these persons and this text: the same roster prints the same bytes.
        printed: { kind: 'pledgeForms', subjectId: c.id, content: { template: 'pledgeForms', version: 1, data } },
      };
    },
    // The first PDF of a campaign's forms makes its text the official one (later edits are refused).
    beforePdf: (ctx, request) => fixPledgeForm(ctx.db, ctx.writer, getCampaignDetail(ctx.db, request.campaignId)),
  },
};
