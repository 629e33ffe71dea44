/**
 * Printouts of issue #5 (廉洁提醒函, its 签收单, pre-filled 承诺书) through the letter engine:
 * the same LetterDocument / PdfFile results as letters.document / letters.pdf, on channels
 * of their own (printouts.document, printouts.pdf). Pure zod + types: the renderer
 * imports this file.
 */
import { z } from 'zod';
import { recordId } from '../shared/fields';

/** The letter in GB/T 9704 letter format. */
const reminderLetterRequest = z.object({ kind: z.literal('reminderLetter'), letterId: recordId('提醒函') });
/** Its 签收单: every addressee with blank 签收人 / 签收日期. */
const reminderReceiptsRequest = z.object({ kind: z.literal('reminderReceipts'), letterId: recordId('提醒函') });
/** Pre-filled 承诺书, one page per person of the roster (all, or those not signed yet). */
const pledgeFormsRequest = z.object({
  kind: z.literal('pledgeForms'),
  campaignId: recordId('承诺批次'),
  filter: z.enum(['all', 'unsigned']).default('all'),
});

export const printoutRequest = z.discriminatedUnion('kind', [reminderLetterRequest, reminderReceiptsRequest, pledgeFormsRequest], {
  error: '不认识的打印内容',
});
export type PrintoutRequest = z.input<typeof printoutRequest>;
export type ValidPrintoutRequest = z.output<typeof printoutRequest>;

export const printoutsDocumentInput = z.object({ request: printoutRequest });
export const printoutsPdfInput = z.object({ request: printoutRequest });

/** At most this many 承诺书 in one job (one page each). */
export const PLEDGE_FORMS_MAX = 3000;
