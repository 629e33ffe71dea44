import { AppError } from '../errors';
import type { HandlerMap } from '../host/handler';
import { batchResult, batchStatus, cancelBatch, startBatch } from './batch';
import type { FontReport } from '../print/contract';
import { cancelPdfJob, lettersPdf, pdfJobView, startPdfJob } from './pdfJobs';
import { LETTER_SETTINGS_KEY, buildDocument, loadReplies, readLetterSettings, replyBatchTarget } from './documents';
import { fontReport } from '../print/fonts';
import { findChromium, sharedPdfRenderer, warmPdfRendererSoon } from '../print/pdf';
import { prefetchPdfSoon, renderPrefetched } from '../print/prefetch';
import type { HandlerContext } from '../host/context';
import { readIssued } from '../issuedDocuments/store';
import { readPrinted } from '../issuedDocuments/printed';

function serverPdfInfo(): FontReport['serverPdf'] {
  const browser = findChromium();
  return browser
    ? { available: true, browser, note: '本机可直接生成PDF。' }
    : {
        available: false,
        browser: null,
        note: '本机没有找到可生成PDF的浏览器：浏览器模式下请用浏览器的“打印”另存为PDF；桌面程序不受影响。',
      };
}

function renderer() {
  const r = sharedPdfRenderer();
  if (!r) throw new AppError('NOT_FOUND', '本机没有找到可用于生成PDF的浏览器，请使用“打印”并在打印对话框中选择“另存为PDF”。');
  return r;
}

/** Previews of up to this many letters get their PDF made ahead; a batch goes through the job. */
const PREFETCH_MAX_LETTERS = 20;

/** Whether letters.pdf of these replies would return a kept PDF (nothing to make ahead). */
function pdfKeptAlready(ctx: HandlerContext, replyIds: string[], duplex: boolean): boolean {
  if (replyIds.length === 1) return !!readIssued(ctx.db, 'opinionReply', replyIds[0]!)?.pdfSha256;
  const batch = replyBatchTarget(ctx.db, loadReplies(ctx, replyIds), duplex);
  return !!batch && !!readPrinted(ctx.db, batch);
}

export const lettersHandlers: HandlerMap<
  | 'letterSettings.get'
  | 'letterSettings.update'
  | 'letters.fonts'
  | 'letters.document'
  | 'letters.pdf'
  | 'letters.pdfStart'
  | 'letters.pdfJob'
  | 'letters.pdfCancel'
  | 'letters.batchStart'
  | 'letters.batchStatus'
  | 'letters.batchResult'
  | 'letters.batchCancel'
> = {
  'letterSettings.get': (_input, { db }) => readLetterSettings(db),
  'letterSettings.update': (input, { writer }) => {
    writer.putSetting(LETTER_SETTINGS_KEY, input);
    return input;
  },
  // The print pages (preview, batch) ask for this first: the renderer warms up while the clerk looks.
  'letters.fonts': (_input, { db }) => {
    warmPdfRendererSoon();
    return fontReport(readLetterSettings(db).fontMode, serverPdfInfo());
  },
  'letters.document': async (input, ctx) => {
    const doc = await buildDocument(ctx, input.request);
    // The clerk looks at the preview: its PDF is made meanwhile, so 保存PDF finds it ready (prefetch.ts).
    const request = input.request;
    if (request.kind === 'replyLetters' && request.replyIds.length <= PREFETCH_MAX_LETTERS)
      prefetchPdfSoon(async () =>
        pdfKeptAlready(ctx, request.replyIds, request.duplex) ? null : (await buildDocument(ctx, request, { fontSource: 'served' })).html,
      );
    return doc;
  },
  'letters.pdf': (input, ctx) => lettersPdf(ctx, input.request, (html) => renderPrefetched(renderer(), html)),
  'letters.pdfStart': (input, ctx) => startPdfJob(ctx, renderer(), input.request),
  'letters.pdfJob': (input, ctx) => pdfJobView(ctx, input.jobId),
  'letters.pdfCancel': (input, ctx) => cancelPdfJob(ctx, input.jobId),
  'letters.batchStart': (input, ctx) => startBatch(ctx, renderer(), input.replyIds, input.duplex),
  'letters.batchStatus': (input, ctx) => batchStatus(ctx, input.jobId),
  'letters.batchResult': (input, ctx) => batchResult(ctx, input.jobId),
  'letters.batchCancel': (input, ctx) => cancelBatch(ctx, input.jobId),
};
