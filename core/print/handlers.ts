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
import { documentHtml, documentPdf, layOutDocument, letterDocument, partsAtLetters, pdfKeptAlready, pdfRenderer } from './documents';
import { kindOf, type DocumentKinds } from './documentKinds';
import { fontReport } from './fonts';
import { LETTER_SETTINGS_KEY, readLetterSettings } from './letterSettings';
import { findChromium, mergePdfs, warmPdfRendererSoon } from './pdf';
import { cancelPdfJob, pdfJobView, startPdfJob } from './pdfJobs';
import { prefetchPdfSoon, renderPrefetched } from './prefetch';

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

/** Pages per print of print.pdf: a long document is printed in parts (never splitting a letter) and joined. */
const PRINT_PART_PAGES = 100;

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
    // The print pages (preview, batch) ask for this first: the renderer warms up while the clerk looks.
    'print.fonts': (_input, { db }) => {
      warmPdfRendererSoon();
      return fontReport(readLetterSettings(db).fontMode, serverPdfInfo());
    },
    'print.document': async ({ request }, ctx) => {
      const kind = kindOf(kinds, request, ctx.user);
      const doc = await layOutDocument(ctx, kind, request);
      // The clerk looks at the preview: its PDF is made meanwhile (prefetch.ts), so 保存PDF finds it ready,
      // unless one is kept already or the document is long.
      const ahead = typeof kind.prefetch === 'function' ? kind.prefetch(request) : kind.prefetch !== false;
      if (ahead && doc.pages.length <= PRINT_PART_PAGES)
        prefetchPdfSoon(() => (pdfKeptAlready(ctx, kind, request, doc) ? null : documentHtml(doc, 'served')));
      return letterDocument(doc);
    },
    'print.pdf': ({ request }, ctx) => {
      const kind = kindOf(kinds, request, ctx.user);
      const renderer = pdfRenderer();
      return documentPdf(ctx, kind, request, async (doc) => {
        const parts: Uint8Array[] = [];
        for (const pages of partsAtLetters(doc.pages, PRINT_PART_PAGES))
          parts.push(await renderPrefetched(renderer, documentHtml(doc, 'served', pages)));
        return mergePdfs(parts, doc.title);
      });
    },
    'print.pdfStart': ({ request }, ctx) => startPdfJob(ctx, pdfRenderer(), kindOf(kinds, request, ctx.user), request),
    'print.pdfJob': (input, ctx) => pdfJobView(ctx, input.jobId),
    'print.pdfCancel': (input, ctx) => cancelPdfJob(ctx, input.jobId),
  };
}
