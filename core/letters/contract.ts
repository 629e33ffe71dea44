/**
 * Reply documents (core/letters): what can be printed of opinion replies and the batch of
 * reply letters. The engine's shapes (settings, fonts, LetterDocument, PdfFile) are in
 * core/print/contract.ts. Pure zod + types: the renderer imports this file.
 */
import { z } from 'zod';
import { recordId } from '../shared/fields';
import { REPLY_STATUSES } from '../opinions/contract';

// ---- what can be printed ----

/** Reply letters (复函) of one or many replies; the persons table is attached when there are many. */
const replyLettersRequest = z.object({
  kind: z.literal('replyLetters'),
  replyIds: z
    .array(recordId('回复'), { error: '请选择要打印的回复' })
    .min(1, { error: '请选择要打印的回复' })
    .max(500, { error: '一次最多打印500份' }),
  /** Double-sided printing: each letter starts on an odd sheet side (a blank page is added after letters with an odd page count). */
  duplex: z.boolean().default(false),
});

/** Landscape list of one reply's persons and opinions (台账). */
const replyPersonsRequest = z.object({ kind: z.literal('replyPersons'), replyId: recordId('回复') });

/** Landscape list of replies (回复台账), filtered like the replies list. */
const repliesListRequest = z.object({
  kind: z.literal('repliesList'),
  query: z.string().trim().max(50).optional(),
  status: z.enum(REPLY_STATUSES).optional(),
  dateFrom: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  dateTo: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});

/** Landscape list of incoming requests (征求意见函台账). */
const requestsListRequest = z.object({
  kind: z.literal('requestsList'),
  query: z.string().trim().max(50).optional(),
  state: z.enum(['all', 'open', 'overdue', 'replied']).default('all'),
});

export const documentRequest = z.discriminatedUnion(
  'kind',
  [replyLettersRequest, replyPersonsRequest, repliesListRequest, requestsListRequest],
  {
    error: '不认识的打印内容',
  },
);
export type DocumentRequest = z.input<typeof documentRequest>;
export type ValidDocumentRequest = z.output<typeof documentRequest>;

export const lettersDocumentInput = z.object({ request: documentRequest });
export const lettersPdfInput = z.object({ request: documentRequest });

export const batchStartInput = z.object({
  replyIds: z.array(recordId('回复')).min(1, { error: '请选择要打印的回复' }).max(500, { error: '一次最多500份' }),
  duplex: z.boolean().default(false),
});
export const batchJobInput = z.object({ jobId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { error: '任务编号不正确' }) });

export type BatchState = 'running' | 'done' | 'failed' | 'cancelled';
export interface BatchStatus {
  jobId: string;
  state: BatchState;
  done: number;
  total: number;
  /** Chinese, when failed. */
  error: string | null;
}
