/**
 * 保存PDF as a job (print.pdfStart / pdfJob / pdfCancel), for the pages that save PDFs
 * and for 批量打印 (many reply letters as one PDF): the clerk sees the letters laid out,
 * then “第 N 页/共 M 页” while a long document is written, and can cancel it for real —
 * layout stops between letters, the writer at the next part (PART_PAGES pages), and
 * nothing is returned or kept. Runs on core/host/jobs.ts; only the account that started a
 * job sees or cancels it (an administrator may cancel any); a finished job is told once,
 * then forgotten. A preview's PDF made ahead (prefetch.ts) is taken as is.
 */
import { AppError } from '../errors';
import type { HandlerContext } from '../host/context';
import { JobRunner, type JobActor } from '../host/jobs';
import type { PdfFile, PdfJobPhase, PdfJobView } from './contract';
import { documentPdf, pdfSource } from './documents';
import type { DocumentKind } from './documentKinds';
import { PART_PAGES, pdfProgressLabel } from './pdf';
import { pdfWriter } from './pdfWriter';
import { renderPrefetched } from './prefetch';

export { PART_PAGES } from './pdf';

const runner = new JobRunner<'pdf', PdfJobPhase, PdfFile>({
  now: () => new Date(),
  maxRunning: 4,
  busyMessage: '已有多份PDF正在生成，请等其中一份完成后再试。',
  notFoundMessage: '找不到该PDF任务（可能已过期或程序已重新启动），请重新保存。',
  unexpectedPrefix: '生成PDF时出错',
  forgetAfterMs: 10 * 60_000,
});

/** Batches (more than one letter) running now: at most BATCH_MAX_RUNNING, each may be hundreds of pages. */
const batches = new Set<string>();
const BATCH_MAX_RUNNING = 2;

const actor = (ctx: HandlerContext): JobActor => ({ userId: ctx.user?.id ?? null, isAdmin: !!ctx.user?.roles.includes('admin') });

export function startPdfJob<R extends { kind: string }>(ctx: HandlerContext, kind: DocumentKind<R>, request: R): PdfJobView {
  const letters = kind.letters?.(request) ?? 1;
  if (letters > 1 && batches.size >= BATCH_MAX_RUNNING) throw new AppError('BUSY', '已有批量打印任务正在进行，请稍后再试。');
  const view = runner.start(
    'pdf',
    ctx.user!.id,
    { phase: 'layout', label: '正在排版', done: 0, total: letters },
    async ({ signal, report }) => {
      const steps = { signal, report: (done: number, total: number) => report({ phase: 'layout', label: '正在排版', done, total }) };
      const file = await documentPdf(
        ctx,
        kind,
        request,
        (doc) => {
          const source = pdfSource(doc);
          return renderPrefetched(source, () =>
            pdfWriter.render(source, {
              partPages: PART_PAGES,
              signal,
              onPages: (done, total) => report({ phase: 'print', label: pdfProgressLabel(done, total), done, total }),
            }),
          );
        },
        steps,
      );
      if (signal.aborted) throw new AppError('CANCELLED', '已取消，PDF没有保存。');
      return file;
    },
  );
  if (letters > 1) {
    batches.add(view.id);
    void runner.settled(view.id).then(() => batches.delete(view.id));
  }
  return view;
}

function owned(ctx: HandlerContext, jobId: string): void {
  // Someone else's job id is not found, rather than forbidden: ids say nothing to other accounts.
  if (!runner.owns(jobId, { userId: ctx.user?.id ?? null, isAdmin: false }))
    throw new AppError('NOT_FOUND', '找不到该PDF任务（可能已过期或程序已重新启动），请重新保存。');
}

/** The job's view; once it has ended (its PDF handed out, or why not) the job is forgotten. */
export function pdfJobView(ctx: HandlerContext, jobId: string): PdfJobView {
  owned(ctx, jobId);
  const view = runner.view(jobId);
  if (view.state !== 'running') runner.forget(jobId);
  return view;
}

export function cancelPdfJob(ctx: HandlerContext, jobId: string): PdfJobView {
  return runner.cancel(jobId, actor(ctx));
}
