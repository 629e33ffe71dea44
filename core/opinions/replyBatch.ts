/**
 * Batch PDFs of many reply letters as a job: started by one call, polled for progress
 * (done/total letters read and laid out), fetched when done, cancellable. The letters are
 * written as one PDF, each font embedded once (docs/letters.md). Jobs live in memory
 * (a restart forgets them) and their results are dropped ten minutes after they end.
 */
import { randomBytes } from 'node:crypto';
import { AppError } from '../errors';
import type { HandlerContext } from '../host/context';
import type { HandlerMap } from '../host/handler';
import type { PdfFile } from '../print/contract';
import type { BatchStatus } from './contract';
import { withPrintedPdf } from '../print/archive';
import { pdfSource, withFonts } from '../print/documents';
import { loadReplies, replyBatchTarget, replyLettersLaid } from './documents';
import { pdfWriter } from '../print/pdfWriter';

interface Job {
  status: BatchStatus;
  userId: string;
  cancelled: boolean;
  result: PdfFile | null;
  endedAt: number | null;
}

const jobs = new Map<string, Job>();
export const CHUNK = 10;
const KEEP_MS = 10 * 60_000;

function sweep(now: number) {
  for (const [id, j] of jobs) if (j.endedAt && now - j.endedAt > KEEP_MS) jobs.delete(id);
}

export function startBatch(ctx: HandlerContext, replyIds: string[], duplex: boolean): BatchStatus {
  sweep(Date.now());
  const running = [...jobs.values()].filter((j) => j.status.state === 'running').length;
  if (running >= 2) throw new AppError('BUSY', '已有批量打印任务正在进行，请稍后再试。');
  const jobId = randomBytes(12).toString('base64url');
  const job: Job = {
    status: { jobId, state: 'running', done: 0, total: replyIds.length, error: null },
    userId: ctx.user!.id,
    cancelled: false,
    result: null,
    endedAt: null,
  };
  jobs.set(jobId, job);
  void run(ctx, job, replyIds, duplex);
  return { ...job.status };
}

async function run(ctx: HandlerContext, job: Job, replyIds: string[], duplex: boolean) {
  try {
    // Lay out every letter (progress moves as they are read and laid out), then write the
    // whole batch as one document: its fonts embedded once, and a PDF whose title names the batch.
    const details: ReturnType<typeof loadReplies> = [];
    for (let i = 0; i < replyIds.length; i += CHUNK) {
      if (job.cancelled) return;
      details.push(...loadReplies(ctx, replyIds.slice(i, i + CHUNK)));
      job.status.done = Math.min(replyIds.length, i + CHUNK);
      await new Promise((r) => setImmediate(r)); // let status polls in between
    }
    // A batch of issued letters is kept as first printed (printed_documents): the same batch prints the same bytes.
    const file = await withPrintedPdf(ctx, replyBatchTarget(ctx.db, details, duplex), async () => {
      const doc = withFonts(ctx, replyLettersLaid(ctx, details, duplex));
      const pdf = await pdfWriter.render(pdfSource(doc));
      return { fileName: doc.fileName, pageCount: doc.pages.length, pdfBase64: pdf.toString('base64') };
    });
    if (job.cancelled) return;
    job.result = file;
    job.status.state = 'done';
  } catch (error) {
    job.status.state = 'failed';
    job.status.error = error instanceof AppError ? error.message : '生成PDF时出错，已停止。';
    if (!(error instanceof AppError)) console.error('[letters] batch failed', error);
  } finally {
    if (job.cancelled && job.status.state === 'running') job.status.state = 'cancelled';
    job.endedAt = Date.now();
  }
}

function own(ctx: HandlerContext, jobId: string): Job {
  const job = jobs.get(jobId);
  if (!job || job.userId !== ctx.user?.id) throw new AppError('NOT_FOUND', '找不到该打印任务（可能已过期），请重新开始。');
  return job;
}

export function batchStatus(ctx: HandlerContext, jobId: string): BatchStatus {
  return { ...own(ctx, jobId).status };
}

export function batchResult(ctx: HandlerContext, jobId: string): PdfFile {
  const job = own(ctx, jobId);
  if (job.status.state !== 'done' || !job.result)
    throw new AppError('CONFLICT', job.status.state === 'running' ? '打印任务尚未完成。' : (job.status.error ?? '打印任务没有完成。'));
  const result = job.result;
  jobs.delete(jobId);
  return result;
}

export function cancelBatch(ctx: HandlerContext, jobId: string): BatchStatus {
  const job = own(ctx, jobId);
  if (job.status.state === 'running') {
    job.cancelled = true;
    job.status.state = 'cancelled';
  }
  return { ...job.status };
}

export const replyBatchHandlers: HandlerMap<'letters.batchStart' | 'letters.batchStatus' | 'letters.batchResult' | 'letters.batchCancel'> =
  {
    'letters.batchStart': (input, ctx) => startBatch(ctx, input.replyIds, input.duplex),
    'letters.batchStatus': (input, ctx) => batchStatus(ctx, input.jobId),
    'letters.batchResult': (input, ctx) => batchResult(ctx, input.jobId),
    'letters.batchCancel': (input, ctx) => cancelBatch(ctx, input.jobId),
  };
