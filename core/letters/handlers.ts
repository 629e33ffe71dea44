import { AppError } from '../errors';
import type { HandlerMap } from '../host/handler';
import { batchResult, batchStatus, cancelBatch, startBatch } from './batch';
import type { FontReport } from './contract';
import { withArchivalPdf, withPrintedPdf } from './archive';
import { LETTER_SETTINGS_KEY, buildDocument, loadReplies, readLetterSettings, replyBatchTarget, safeFileName } from './documents';
import type { ReplyDocumentModel } from './issuedModels';
import { replyTitle } from './replyLetter';
import { fontReport } from './fonts';
import { findChromium, sharedPdfRenderer, warmPdfRendererSoon } from './pdf';

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

export const lettersHandlers: HandlerMap<
  | 'letterSettings.get'
  | 'letterSettings.update'
  | 'letters.fonts'
  | 'letters.document'
  | 'letters.pdf'
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
  'letters.document': (input, ctx) => buildDocument(ctx, input.request),
  'letters.pdf': async (input, ctx) => {
    const r = renderer();
    const request = input.request;
    // One issued letter: its archival PDF (the first one made after 签发), byte for byte.
    const single = request.kind === 'replyLetters' && request.replyIds.length === 1 ? request.replyIds[0]! : null;
    const status = single
      ? (ctx.db.prepare('SELECT status FROM opinion_replies WHERE id = ?').pluck().get(single) as string | undefined)
      : undefined;
    return withArchivalPdf<ReplyDocumentModel>(
      ctx,
      single && status ? { kind: 'opinionReply', recordId: single, voided: status === 'voided' } : null,
      (doc) => `${safeFileName(`${doc.docNumber ?? ''} ${replyTitle(doc.model.letter.persons)}`)}.pdf`,
      async () => {
        // Several issued replies in one PDF: kept as first printed, like the batch job's.
        const batch = request.kind === 'replyLetters' ? replyBatchTarget(ctx.db, loadReplies(ctx, request.replyIds), request.duplex) : null;
        return withPrintedPdf(ctx, batch, async () => {
          const doc = await buildDocument(ctx, request, { fontSource: 'served' });
          const pdf = await r.render(doc.html);
          return { fileName: doc.fileName, pageCount: doc.pageCount, pdfBase64: pdf.toString('base64') };
        });
      },
    );
  },
  'letters.batchStart': (input, ctx) => startBatch(ctx, renderer(), input.replyIds, input.duplex),
  'letters.batchStatus': (input, ctx) => batchStatus(ctx, input.jobId),
  'letters.batchResult': (input, ctx) => batchResult(ctx, input.jobId),
  'letters.batchCancel': (input, ctx) => cancelBatch(ctx, input.jobId),
};
