/**
 * The documents of the reminders area, registered with the one print channel
 * (core/print/documentKinds.ts): the 廉洁提醒函 in GB/T 9704 letter format and its 签收单.
 * An issued letter is laid out from its stored copy (core/issuedDocuments) and its first
 * PDF is kept as the archival copy; the 签收单 of an issued letter is kept as first printed.
 */
import { AppError, notFound } from '../errors';
import type { HandlerContext } from '../host/context';
import { storedReminderLetter, type ReminderDocumentModel } from './issuedModel';
import { readIssued } from '../issuedDocuments/store';
import type { DocumentKinds } from '../print/documentKinds';
import { safeFileName } from '../print/documents';
import { readLetterSettings } from '../print/letterSettings';
import { readOfficeSettings } from '../settings/queries';
import { localIsoDate } from '../shared/dates';
import type { ReminderDocumentRequest } from './contract';
import { getReminderDetail } from './records';
import { layoutReceiptSheet, layoutReminderLetter, receiptSheetData, receiptSheetOf, reminderLetterData } from './reminderLetter';

type Of<K extends ReminderDocumentRequest['kind']> = Extract<ReminderDocumentRequest, { kind: K }>;

function office(ctx: HandlerContext) {
  const o = readOfficeSettings(ctx.db);
  if (!o) throw new AppError('NOT_INITIALIZED', '尚未完成首次设置（发文机关名称）。');
  return o;
}

/** The letter with what the clerk is told about its state. */
function letterOf(ctx: HandlerContext, letterId: string) {
  const d = getReminderDetail(ctx.db, letterId, localIsoDate(ctx.now()));
  if (!d) throw notFound('提醒函');
  const warnings =
    d.status === 'voided'
      ? [`${d.docNumber ?? '该提醒函'}已作废，打印件带“已作废”字样。`]
      : d.status === 'draft'
        ? ['提醒函尚未印发：文号待印发时生成，打印件带“未印发”字样。']
        : [];
  // Issued: the stored letter and its settings (core/issuedDocuments), never the live records.
  const stored = readIssued<ReminderDocumentModel>(ctx.db, 'reminderLetter', d.id);
  return { d, warnings, stored };
}

export const reminderDocumentKinds: DocumentKinds<ReminderDocumentRequest> = {
  reminderLetter: {
    reads: 'reminderLetters.get',
    layOut: (ctx, request: Of<'reminderLetter'>) => {
      const { d, warnings, stored } = letterOf(ctx, request.letterId);
      const data = stored ? storedReminderLetter(stored.model, d.status === 'voided') : reminderLetterData(d, office(ctx));
      const archival = !!stored && d.status === 'issued';
      return {
        title: data.title,
        fileBase: `${d.docNumber ?? '未印发'} ${data.title}`,
        pages: layoutReminderLetter(data, { settings: stored ? stored.model.settings : readLetterSettings(ctx.db) }),
        landscape: false,
        letterCount: 1,
        warnings,
        archival,
        printed: null,
      };
    },
    archival: (ctx, request: Of<'reminderLetter'>) => {
      const status = ctx.db.prepare('SELECT status FROM reminder_letters WHERE id = ?').pluck().get(request.letterId) as string | undefined;
      if (!status) return null;
      return {
        target: { kind: 'reminderLetter', recordId: request.letterId, voided: status === 'voided' },
        fileName: (doc) => `${safeFileName(`${doc.docNumber ?? ''} ${(doc.model as ReminderDocumentModel).letter.title}`)}.pdf`,
      };
    },
  },
  reminderReceipts: {
    reads: 'reminderLetters.get',
    layOut: (ctx, request: Of<'reminderReceipts'>) => {
      const { d, warnings, stored } = letterOf(ctx, request.letterId);
      if (!d.addressees.length) throw new AppError('VALIDATION', '该提醒函还没有主送对象，无法打印签收单。');
      const sheet = stored ? receiptSheetOf(storedReminderLetter(stored.model, d.status === 'voided')) : receiptSheetData(d, office(ctx));
      return {
        title: `${d.title}签收单`,
        fileBase: `${d.docNumber ?? '未印发'} 签收单`,
        pages: layoutReceiptSheet(sheet),
        landscape: false,
        letterCount: 1,
        warnings,
        // The 签收单 of an issued letter goes out with it: kept as first printed, for this content.
        archival: d.status === 'issued',
        printed:
          d.status === 'issued'
            ? { kind: 'reminderReceipts', subjectId: d.id, content: { template: 'receiptSheet', version: 1, sheet } }
            : null,
      };
    },
  },
};
