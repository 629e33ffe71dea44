/**
 * printouts.document / printouts.pdf: 廉洁提醒函, 签收单 and pre-filled 承诺书 laid out by
 * the templates in reminderLetter.ts and pledgeForm.ts, rendered by compose.ts like every
 * letter (fonts resolved from the letter settings, self-contained HTML), printed to PDF by
 * the same Chromium renderer as letters.pdf. Issued 提醒函 are laid out from their stored
 * copy (core/issuedDocuments) and their first PDF is kept as the archival copy; the first
 * PDF of a campaign's 承诺书 fixes its official text. Nothing else is written.
 */
import { AppError, notFound } from '../errors';
import type { HandlerContext } from '../host/context';
import type { HandlerMap } from '../host/handler';
import { getCampaignDetail, listRoster } from '../pledges/records';
import type { RosterEntry } from '../pledges/contract';
import { getReminderDetail } from '../reminders/records';
import { readOfficeSettings } from '../settings/queries';
import { localIsoDate } from '../shared/dates';
import { renderDocument, type Page } from '../print/compose';
import type { LetterDocument } from '../print/contract';
import { readLetterSettings, safeFileName } from './documents';
import { resolveFonts, type FontSource } from '../print/fonts';
import { mergePdfs, sharedPdfRenderer, type PdfRenderer } from '../print/pdf';
import { withArchivalPdf, withPrintedPdf } from '../print/archive';
import { readPrinted, type PrintedTarget } from '../issuedDocuments/printed';
import { prefetchPdfSoon, renderPrefetched } from '../print/prefetch';
import { readIssued } from '../issuedDocuments/store';
import { pledgeFormModel, storedReminderLetter, type PledgeFormModel, type ReminderDocumentModel } from './issuedModels';
import { fixPledgeForm } from '../pledges/officialForm';
import { layoutPledgeForms, pledgeFormData } from '../pledges/pledgeForm';
import { PLEDGE_FORMS_MAX, type ValidPrintoutRequest } from './printouts';
import {
  layoutReceiptSheet,
  layoutReminderLetter,
  receiptSheetData,
  receiptSheetOf,
  reminderLetterData,
} from '../reminders/reminderLetter';
import { visibleRows } from '../recusal/hidden';

interface Laid {
  title: string;
  fileBase: string;
  pages: Page[];
  letterCount: number;
  warnings: string[];
  /** One issued 提醒函: its PDF is archived (see LetterDocument.archival). */
  archival?: boolean;
  /** A 签收单 of an issued 提醒函, or pre-filled 承诺书: its PDF is kept by content (printed_documents). */
  printed?: PrintedTarget;
}

function office(ctx: HandlerContext) {
  const o = readOfficeSettings(ctx.db);
  if (!o) throw new AppError('NOT_INITIALIZED', '尚未完成首次设置（发文机关名称）。');
  return o;
}

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

async function layOut(ctx: HandlerContext, request: ValidPrintoutRequest): Promise<Laid> {
  const settings = readLetterSettings(ctx.db);
  switch (request.kind) {
    case 'reminderLetter':
    case 'reminderReceipts': {
      const d = getReminderDetail(ctx.db, request.letterId, localIsoDate(ctx.now()));
      if (!d) throw notFound('提醒函');
      const warnings =
        d.status === 'voided'
          ? [`${d.docNumber ?? '该提醒函'}已作废，打印件带“已作废”字样。`]
          : d.status === 'draft'
            ? ['提醒函尚未印发：文号待印发时生成，打印件带“未印发”字样。']
            : [];
      if (request.kind === 'reminderLetter') {
        // Issued: the stored letter and its settings (core/issuedDocuments), never the live records.
        const stored = readIssued<ReminderDocumentModel>(ctx.db, 'reminderLetter', d.id);
        const data = stored ? storedReminderLetter(stored.model, d.status === 'voided') : reminderLetterData(d, office(ctx));
        return {
          title: data.title,
          fileBase: `${d.docNumber ?? '未印发'} ${data.title}`,
          pages: layoutReminderLetter(data, { settings: stored ? stored.model.settings : settings }),
          letterCount: 1,
          warnings,
          archival: !!stored && d.status === 'issued',
        };
      }
      if (!d.addressees.length) throw new AppError('VALIDATION', '该提醒函还没有主送对象，无法打印签收单。');
      const stored = readIssued<ReminderDocumentModel>(ctx.db, 'reminderLetter', d.id);
      const sheet = stored ? receiptSheetOf(storedReminderLetter(stored.model, d.status === 'voided')) : receiptSheetData(d, office(ctx));
      return {
        title: `${d.title}签收单`,
        fileBase: `${d.docNumber ?? '未印发'} 签收单`,
        pages: layoutReceiptSheet(sheet),
        letterCount: 1,
        warnings,
        // The 签收单 of an issued letter goes out with it: kept as first printed, for this content.
        ...(d.status === 'issued'
          ? { printed: { kind: 'reminderReceipts', subjectId: d.id, content: { template: 'receiptSheet', version: 1, sheet } } }
          : {}),
      };
    }
    case 'pledgeForms': {
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
        letterCount: roster.length,
        warnings: long,
        // Kept as first printed for these persons and this text: the same roster prints the same bytes.
        printed: { kind: 'pledgeForms', subjectId: c.id, content: { template: 'pledgeForms', version: 1, data } },
      };
    }
  }
}

function toDocument(ctx: HandlerContext, laid: Laid, fontSource: FontSource = 'inline'): LetterDocument {
  const fonts = resolveFonts(readLetterSettings(ctx.db).fontMode);
  return {
    title: laid.title,
    fileName: `${safeFileName(laid.fileBase)}.pdf`,
    orientation: 'portrait',
    pageCount: laid.pages.length,
    letterCount: laid.letterCount,
    warnings: laid.warnings,
    ...(laid.archival || laid.printed ? { archival: true } : {}),
    html: renderDocument({ title: laid.title, pages: laid.pages, fonts, landscape: false, fontSource }),
  };
}

/**
 * The laid-out document of a printout request, as letters.document returns one (for the
 * letter engine's own paths, e.g. the desktop shell's print job, should these kinds join
 * its documentRequest union).
 */
export async function buildPrintout(
  ctx: HandlerContext,
  request: ValidPrintoutRequest,
  fontSource: FontSource = 'inline',
): Promise<LetterDocument> {
  return toDocument(ctx, await layOut(ctx, request), fontSource);
}

/** Whether printouts.pdf would return a kept PDF for this printout (nothing to make ahead). */
function pdfKeptAlready(ctx: HandlerContext, request: ValidPrintoutRequest, laid: Laid): boolean {
  if (laid.printed) return !!readPrinted(ctx.db, laid.printed);
  return request.kind === 'reminderLetter' && !!readIssued(ctx.db, 'reminderLetter', request.letterId)?.pdfSha256;
}

/** Pages per PDF part of a long job (each part is one Chromium print; the parts are merged). */
const PART_PAGES = 100;

export const printoutHandlers: HandlerMap<'printouts.document' | 'printouts.pdf'> = {
  'printouts.document': async (input, ctx) => {
    const laid = await layOut(ctx, input.request);
    // The clerk looks at the preview: its PDF is made meanwhile (prefetch.ts), unless one is kept already or it is long.
    prefetchPdfSoon(() =>
      laid.pages.length > PART_PAGES || pdfKeptAlready(ctx, input.request, laid) ? null : toDocument(ctx, laid, 'served').html,
    );
    return toDocument(ctx, laid);
  },

  'printouts.pdf': async (input, ctx) => {
    const renderer = sharedPdfRenderer();
    if (!renderer) throw new AppError('NOT_FOUND', '本机没有找到可用于生成PDF的浏览器，请使用“打印”并在打印对话框中选择“另存为PDF”。');
    const request = input.request;
    if (request.kind === 'reminderLetter') {
      const status = ctx.db.prepare('SELECT status FROM reminder_letters WHERE id = ?').pluck().get(request.letterId) as string | undefined;
      return withArchivalPdf<ReminderDocumentModel>(
        ctx,
        status ? { kind: 'reminderLetter', recordId: request.letterId, voided: status === 'voided' } : null,
        (doc) => `${safeFileName(`${doc.docNumber ?? ''} ${doc.model.letter.title}`)}.pdf`,
        () => renderPdf(ctx, renderer, request),
      );
    }
    // The first PDF of a campaign's forms makes its text the official one (later edits are refused).
    if (request.kind === 'pledgeForms') fixPledgeForm(ctx.db, ctx.writer, getCampaignDetail(ctx.db, request.campaignId));
    const laid = await layOut(ctx, request);
    return withPrintedPdf(ctx, laid.printed ?? null, () => renderPdf(ctx, renderer, laid));
  },
};

async function renderPdf(ctx: HandlerContext, renderer: PdfRenderer, requestOrLaid: ValidPrintoutRequest | Laid) {
  const laid = 'pages' in requestOrLaid ? requestOrLaid : await layOut(ctx, requestOrLaid);
  // Long jobs in parts, never splitting one person's form.
  const parts: Page[][] = [];
  let part: Page[] = [];
  for (const p of laid.pages) {
    if (part.length >= PART_PAGES && p.number === 1) {
      parts.push(part);
      part = [];
    }
    part.push(p);
  }
  if (part.length) parts.push(part);
  const pdfs: Uint8Array[] = [];
  for (const pages of parts) pdfs.push(await renderPrefetched(renderer, toDocument(ctx, { ...laid, pages }, 'served').html));
  const pdf = await mergePdfs(pdfs, laid.title);
  return { fileName: `${safeFileName(laid.fileBase)}.pdf`, pageCount: laid.pages.length, pdfBase64: Buffer.from(pdf).toString('base64') };
}
