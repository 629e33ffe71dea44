import { z } from 'zod';
import type { IssuedDocumentInfo } from '../issuedDocuments/contract';
import { dateField, optionalDateField } from '../shared/dateFields';
import { optionalText, page, pageSize, recordId, requiredText, revision, type Paged } from '../shared/fields';
import type { Storage } from '../shared/rows';

/** 节日提醒 (before holidays) or 工作提醒函 (a specific risk, with written feedback due). */
export const REMINDER_KINDS = ['节日提醒', '工作提醒函'] as const;
export const OCCASIONS = ['元旦春节', '清明', '五一', '端午', '中秋国庆', '升学季', '其他'] as const;
export type Occasion = (typeof OCCASIONS)[number];
export const REMINDER_STATUSES = ['draft', 'issued', 'voided'] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];
export const REMINDER_STATUS_LABELS: Record<ReminderStatus, string> = { draft: '拟稿', issued: '已印发', voided: '已作废' };

const year = z.number({ error: '年度应为数字' }).int().min(2000, { error: '年度不正确' }).max(2100, { error: '年度不正确' });

/** A letter's fields as the clerk enters them (the rules between fields are below). */
const letterFieldShape = {
  title: requiredText('标题', 100),
  kind: z.enum(REMINDER_KINDS, { error: '类型只能是：节日提醒、工作提醒函' }),
  occasion: z.enum(OCCASIONS, { error: `节点只能是：${OCCASIONS.join('、')}` }),
  year,
  letterDate: dateField('成文日期'),
  periodFrom: optionalDateField('提醒期间起'),
  periodTo: optionalDateField('提醒期间止'),
  keyPoints: z.array(requiredText('严禁事项', 200)).max(30, { error: '严禁事项最多30条' }).default([]),
  body: requiredText('正文', 10000),
  attachments: z.array(requiredText('附件名称', 100)).max(10, { error: '附件最多10个' }).default([]),
  copyTo: optionalText('抄送', 200),
  signer: optionalText('签发人', 20),
  deliveryMethod: optionalText('送达方式', 30),
  feedbackDueDate: optionalDateField('反馈期限'),
};

const letterFields = z.object(letterFieldShape).superRefine((v, ctx) => {
  if (v.periodFrom && v.periodTo && v.periodTo < v.periodFrom)
    ctx.addIssue({ code: 'custom', path: ['periodTo'], message: '提醒期间止不能早于起' });
  if (v.kind === '工作提醒函' && !v.feedbackDueDate)
    ctx.addIssue({ code: 'custom', path: ['feedbackDueDate'], message: '工作提醒函须填写书面反馈期限' });
  if (v.feedbackDueDate && v.feedbackDueDate < v.letterDate)
    ctx.addIssue({ code: 'custom', path: ['feedbackDueDate'], message: '反馈期限不能早于成文日期' });
});

/** A letter's own fields, as stored (the schema's output). */
export type LetterValues = z.output<typeof letterFields>;
/** Every stored field: rows are read and written through this list (core/shared/rows.ts). */
export const LETTER_FIELDS = Object.keys(letterFieldShape) as (keyof LetterValues)[];
/** Fields whose column holds them otherwise than as is: the lists as JSON text. */
export const LETTER_STORAGE: Storage<keyof LetterValues> = { keyPoints: 'json', attachments: 'json' };
/** The fields the list shows (the rest come with the letter itself). */
export const SUMMARY_FIELDS = ['title', 'kind', 'occasion', 'year', 'letterDate'] as const satisfies (keyof LetterValues)[];

const addressees = z
  .object({
    unitIds: z.array(recordId('单位')).max(2000).default([]),
    personIds: z.array(recordId('人员')).max(2000).default([]),
  })
  .refine((v) => new Set(v.unitIds).size === v.unitIds.length && new Set(v.personIds).size === v.personIds.length, {
    error: '主送对象有重复',
  });

export const remindersCreateInput = z.intersection(letterFields, addressees);
export const remindersUpdateInput = z.intersection(z.object({ id: recordId('提醒函'), rev: revision }), letterFields);
export const remindersSetAddresseesInput = z.intersection(z.object({ id: recordId('提醒函') }), addressees);
export const remindersIdInput = z.object({ id: recordId('提醒函') });
export const remindersTransitionInput = z.object({ id: recordId('提醒函'), rev: revision });
export const remindersVoidInput = z.object({ id: recordId('提醒函'), rev: revision, reason: requiredText('作废理由', 200) });
export const remindersCopyInput = z.object({ sourceId: recordId('提醒函'), year, letterDate: dateField('成文日期') });
export const remindersLastForOccasionInput = z.object({ occasion: z.enum(OCCASIONS), beforeYear: year });
export const remindersListInput = z.object({
  year: year.optional(),
  occasion: z.enum(OCCASIONS).optional(),
  query: z.string().trim().max(50).optional(),
  page,
  pageSize,
});
/** An addressee's receipt and feedback, as the clerk records them. */
const receiptFieldShape = {
  /** null clears a receipt entered by mistake. */
  receiptSigner: optionalText('签收人', 20),
  receiptDate: optionalDateField('签收日期'),
  feedbackDueDate: optionalDateField('反馈期限'),
  feedbackDate: optionalDateField('反馈日期'),
};
export const remindersReceiptInput = z
  .object({ addresseeId: recordId('主送对象'), rev: revision, ...receiptFieldShape })
  .refine((v) => !!v.receiptSigner === !!v.receiptDate, { error: '签收人和签收日期须同时填写', path: ['receiptDate'] });

export const pointsCreateInput = z.object({ text: requiredText('严禁事项', 200) });
export const pointsUpdateInput = z.object({ id: recordId('严禁事项'), rev: revision, text: requiredText('严禁事项', 200) });
export const pointsDeleteInput = z.object({ id: recordId('严禁事项') });

/** An addressee's stored receipt fields (the schema's output). */
export type ReceiptValues = z.output<z.ZodObject<typeof receiptFieldShape>>;
export const RECEIPT_FIELDS = Object.keys(receiptFieldShape) as (keyof ReceiptValues)[];

export type ReminderPoint = { id: string; rev: number } & z.output<typeof pointsCreateInput>;

/** 主送对象: a unit or a person the letter is addressed to, with the receipt. */
export type Addressee = {
  id: string;
  rev: number;
  lineNo: number;
  kind: 'unit' | 'person';
  unitId: string | null;
  personId: string | null;
  /** Unit path, or the person's name with unit. */
  name: string;
  feedbackOverdue: boolean;
} & ReceiptValues;

/** A letter as the list shows it: some of its fields and the receipt counts. */
export type ReminderSummary = {
  id: string;
  rev: number;
  status: ReminderStatus;
  docNumber: string | null;
  addresseeCount: number;
  receivedCount: number;
  /** Received / addressed, 0..1 (1 when there are no addressees). */
  receiptRate: number;
  feedbackOverdueCount: number;
} & Pick<LetterValues, (typeof SUMMARY_FIELDS)[number]>;

/** A letter: every field, its state and its addressees. */
export type ReminderDetail = ReminderSummary &
  LetterValues & {
    derivedFromId: string | null;
    voidReason: string | null;
    addressees: Addressee[];
    /** Addressees without a receipt yet. */
    missing: Addressee[];
    /** The letter as issued, stored at 印发 (every later print uses it); null before. */
    issuedDocument: IssuedDocumentInfo | null;
  };

export type RemindersPage = Paged<ReminderSummary>;

// ---- documents (print.document / print.pdf; the kinds are in documents.ts) ----

/** The letter in GB/T 9704 letter format. */
const reminderLetterRequest = z.object({ kind: z.literal('reminderLetter'), letterId: recordId('提醒函') });
/** Its 签收单: every addressee with blank 签收人 / 签收日期. */
const reminderReceiptsRequest = z.object({ kind: z.literal('reminderReceipts'), letterId: recordId('提醒函') });
/** The documents of this area (core/api.ts joins every area's into printRequest). */
export const reminderDocumentRequests = [reminderLetterRequest, reminderReceiptsRequest] as const;
export type ReminderDocumentRequest = z.output<(typeof reminderDocumentRequests)[number]>;
