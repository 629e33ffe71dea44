/**
 * 保存PDF as a job (letters.pdfStart / pdfJob / pdfCancel), for the pages that save PDFs
 * in browser mode: the clerk sees “第 N 页/共 M 页” while a long document prints and can
 * cancel it for real — printing stops at the next part (PART_PAGES pages) and nothing is
 * returned or kept. Runs on core/host/jobs.ts; only the account that started a job sees
 * or cancels it (an administrator may cancel any). A preview's PDF made ahead
 * (prefetch.ts) is taken as is.
 */
import { AppError } from '../errors';
import type { HandlerContext } from '../host/context';
import { JobRunner, type JobActor } from '../host/jobs';
import type { PdfFile, PdfJobPhase, PdfJobView } from '../print/contract';
import type { ValidDocumentRequest } from './contract';
import { withArchivalPdf, withPrintedPdf } from '../print/archive';
import { buildDocument, loadReplies, replyBatchTarget, safeFileName } from './documents';
import type { ReplyDocumentModel } from './issuedModels';
import { replyTitle } from '../opinions/replyLetter';
import { PART_PAGES, pdfProgressLabel, type PdfRenderer } from '../print/pdf';
import { renderPrefetched } from '../print/prefetch';

export { PART_PAGES } from '../print/pdf';

/**
 * The PDF of a letter-engine document, printed by `print`: one issued letter's archival
 * copy (the first one made after 签发, byte for byte), several issued letters as first
 * printed together (printed_documents), anything else printed now.
 */
export async function lettersPdf(
  ctx: HandlerContext,
  request: ValidDocumentRequest,
  print: (html: string) => Promise<Buffer>,
): Promise<PdfFile> {
  const single = request.kind === 'replyLetters' && request.replyIds.length === 1 ? request.replyIds[0]! : null;
  const status = single
    ? (ctx.db.prepare('SELECT status FROM opinion_replies WHERE id = ?').pluck().get(single) as string | undefined)
    : undefined;
  return withArchivalPdf<ReplyDocumentModel>(
    ctx,
    single && status ? { kind: 'opinionReply', recordId: single, voided: status === 'voided' } : null,
    (doc) => `${safeFileName(`${doc.docNumber ?? ''} ${replyTitle(doc.model.letter.persons)}`)}.pdf`,
    async () => {
      const batch = request.kind === 'replyLetters' ? replyBatchTarget(ctx.db, loadReplies(ctx, request.replyIds), request.duplex) : null;
      return withPrintedPdf(ctx, batch, async () => {
        const doc = await buildDocument(ctx, request, { fontSource: 'served' });
        const pdf = await print(doc.html);
        return { fileName: doc.fileName, pageCount: doc.pageCount, pdfBase64: pdf.toString('base64') };
      });
    },
  );
}

const runner = new JobRunner<'pdf', PdfJobPhase, PdfFile>({
  now: () => new Date(),
  maxRunning: 4,
  busyMessage: '已有多份PDF正在生成，请等其中一份完成后再试。',
  notFoundMessage: '找不到该PDF任务（可能已过期或程序已重新启动），请重新保存。',
  unexpectedPrefix: '生成PDF时出错',
  forgetAfterMs: 10 * 60_000,
});

const actor = (ctx: HandlerContext): JobActor => ({ userId: ctx.user?.id ?? null, isAdmin: !!ctx.user?.roles.includes('admin') });

export function startPdfJob(ctx: HandlerContext, renderer: PdfRenderer, request: ValidDocumentRequest): PdfJobView {
  return runner.start('pdf', ctx.user!.id, { phase: 'layout', label: '正在排版', done: 0, total: 1 }, async ({ signal, report }) => {
    const file = await lettersPdf(ctx, request, (html) =>
      renderPrefetched(renderer, html, () =>
        renderer.renderInParts(html, {
          partPages: PART_PAGES,
          signal,
          onPages: (done, total) => report({ phase: 'print', label: pdfProgressLabel(done, total), done, total }),
        }),
      ),
    );
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
