/**
 * The one rendering channel for every document kind (print.document, print.pdf,
 * print.pdfStart / pdfJob / pdfCancel), the fonts and the letter settings. The kinds are
 * the areas' (documentKinds.ts); core/handlers.ts passes them in. Each call first applies
 * the role rule of the channel the kind reads (core/host/access.ts); recusal (回避) is the
 * kinds' own: their lists leave out the records of a person this account is recused from.
 */
import type { ValidPrintRequest } from '../api';
import type { HandlerMap } from '../host/handler';
import type { FontReport } from './contract';
import { documentPdf, layOutDocument, letterDocument, pdfKeptAlready, pdfSource } from './documents';
import { kindOf, type DocumentKinds } from './documentKinds';
import { fontReport } from './fonts';
import { LETTER_SETTINGS_KEY, readLetterSettings } from './letterSettings';
import { warmPdfRendererSoon } from './pdf';
import { cancelPdfJob, pdfJobView, startPdfJob } from './pdfJobs';
import { prefetchPdfSoon, renderPrefetched } from './prefetch';

/** The core writes every PDF itself (pdfWriter.ts): no browser needed, on any PC. */
const serverPdfInfo = (): FontReport['serverPdf'] => ({ available: true, browser: null, note: '本机可直接生成PDF。' });

/** Longer documents are not written ahead while the clerk looks at the preview. */
const PREFETCH_MAX_PAGES = 100;

export function printHandlers(
  kinds: DocumentKinds<ValidPrintRequest>,
): HandlerMap<
  | 'letterSettings.get'
  | 'letterSettings.update'
  | 'print.fonts'
  | 'print.document'
  | 'print.pdf'
  | 'print.pdfStart'
  | 'print.pdfJob'
  | 'print.pdfCancel'
> {
  return {
    'letterSettings.get': (_input, { db }) => readLetterSettings(db),
    'letterSettings.update': (input, { writer }) => {
      writer.putSetting(LETTER_SETTINGS_KEY, input);
      return input;
    },
    // The print pages (preview, batch) ask for this first: the writer parses its fonts while the clerk looks.
    'print.fonts': (_input, { db }) => {
      const { fontMode } = readLetterSettings(db);
      warmPdfRendererSoon(fontMode);
      return fontReport(fontMode, serverPdfInfo());
    },
    'print.document': async ({ request }, ctx) => {
      const kind = kindOf(kinds, request, ctx.user);
      const doc = await layOutDocument(ctx, kind, request);
      // The clerk looks at the preview: its PDF is made meanwhile (prefetch.ts), so 保存PDF finds it ready,
      // unless one is kept already or the document is long.
      const ahead = typeof kind.prefetch === 'function' ? kind.prefetch(request) : kind.prefetch !== false;
      if (ahead && doc.pages.length <= PREFETCH_MAX_PAGES)
        prefetchPdfSoon(() => (pdfKeptAlready(ctx, kind, request, doc) ? null : pdfSource(doc)));
      return letterDocument(doc);
    },
    'print.pdf': ({ request }, ctx) =>
      documentPdf(ctx, kindOf(kinds, request, ctx.user), request, (doc) => renderPrefetched(pdfSource(doc))),
    'print.pdfStart': ({ request }, ctx) => startPdfJob(ctx, kindOf(kinds, request, ctx.user), request),
    'print.pdfJob': (input, ctx) => pdfJobView(ctx, input.jobId),
    'print.pdfCancel': (input, ctx) => cancelPdfJob(ctx, input.jobId),
  };
}
