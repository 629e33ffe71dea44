/**
 * 保存PDF as a job (print.pdfStart / pdfJob / pdfCancel), for the pages that save PDFs
 * the clerk sees “第 N 页/共 M 页” while a long document is written and can cancel it
 * for real — the writer stops at the next part (PART_PAGES pages) and nothing is returned
 * or kept. Runs on core/host/jobs.ts; only the account that started a job sees
 * or cancels it (an administrator may cancel any). A preview's PDF made ahead
 * (prefetch.ts) is taken as is.
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

const actor = (ctx: HandlerContext): JobActor => ({ userId: ctx.user?.id ?? null, isAdmin: !!ctx.user?.roles.includes('admin') });

export function startPdfJob<R extends { kind: string }>(ctx: HandlerContext, kind: DocumentKind<R>, request: R): PdfJobView {
  return runner.start('pdf', ctx.user!.id, { phase: 'layout', label: '正在排版', done: 0, total: 1 }, async ({ signal, report }) => {
    const file = await documentPdf(ctx, kind, request, (doc) => {
      const source = pdfSource(doc);
      return renderPrefetched(source, () =>
        pdfWriter.render(source, {
          partPages: PART_PAGES,
          signal,
          onPages: (done, total) => report({ phase: 'print', label: pdfProgressLabel(done, total), done, total }),
        }),
      );
    });
    if (signal.aborted) throw new AppError('CANCELLED', '已取消，PDF没有保存。');
    return file;
  });
}

function owned(ctx: HandlerContext, jobId: string): void {
  // Someone else's job id is not found, rather than forbidden: ids say nothing to other accounts.
  if (!runner.owns(jobId, { userId: ctx.user?.id ?? null, isAdmin: false }))
    throw new AppError('NOT_FOUND', '找不到该PDF任务（可能已过期或程序已重新启动），请重新保存。');
}

export function pdfJobView(ctx: HandlerContext, jobId: string): PdfJobView {
  owned(ctx, jobId);
  return runner.view(jobId);
}

export function cancelPdfJob(ctx: HandlerContext, jobId: string): PdfJobView {
  return runner.cancel(jobId, actor(ctx));
}
