/**
 * From a laid-out document (documentKinds.ts) to what the print channel returns: the
 * self-contained HTML of the preview and the print (compose.ts), and its PDF, kept as the
 * archival copy of an issued document (archive.ts) or by content (printed_documents).
 * Nothing here knows a document kind by name.
 */
import type { HandlerContext } from '../host/context';
import { readIssued } from '../issuedDocuments/store';
import { readPrinted } from '../issuedDocuments/printed';
import { withArchivalPdf, withPrintedPdf } from './archive';
import { renderDocument, type Page } from './compose';
import type { LetterDocument, PdfFile, ResolvedFont } from './contract';
import type { DocumentKind, LaidDocument, LayoutSteps } from './documentKinds';
import { resolveFonts, type FontSource } from './fonts';
import { readLetterSettings } from './letterSettings';
import type { PdfSource } from './pdfWriter';

/** File names keep the document number's 〔〕 but lose characters Windows refuses. */
export const safeFileName = (s: string) => s.replace(/[\\/:*?"<>|\r\n\t]/g, '').slice(0, 120);

/** The page model with its fonts (resolved from the letter settings): what any PDF writer needs. */
export interface PrintedPages extends LaidDocument {
  fonts: ResolvedFont[];
  fileName: string;
}

export async function layOutDocument<R extends { kind: string }>(
  ctx: HandlerContext,
  kind: DocumentKind<R>,
  request: R,
  steps?: LayoutSteps,
): Promise<PrintedPages> {
  return withFonts(ctx, await (steps && kind.layOutInSteps ? kind.layOutInSteps(ctx, request, steps) : kind.layOut(ctx, request)));
}

/** A laid-out document with its fonts (from the letter settings) and its file name. */
export function withFonts(ctx: HandlerContext, laid: LaidDocument): PrintedPages {
  return { ...laid, fonts: resolveFonts(readLetterSettings(ctx.db).fontMode), fileName: `${safeFileName(laid.fileBase)}.pdf` };
}

/** The HTML of `pages` (all of the document's by default), fonts inlined or served. */
export function documentHtml(doc: PrintedPages, fontSource: FontSource = 'inline', pages: Page[] = doc.pages): string {
  return renderDocument({ title: doc.title, pages, fonts: doc.fonts, landscape: doc.landscape, fontSource });
}

/** What the PDF writer draws: the page model, its fonts and title. */
export const pdfSource = (doc: PrintedPages): PdfSource => ({
  title: doc.title,
  pages: doc.pages,
  fonts: doc.fonts,
  landscape: doc.landscape,
});

/** What print.document returns: the HTML derived from the page model, and what the clerk is told. */
export function letterDocument(doc: PrintedPages, fontSource: FontSource = 'inline'): LetterDocument {
  return {
    title: doc.title,
    fileName: doc.fileName,
    orientation: doc.landscape ? 'landscape' : 'portrait',
    pageCount: doc.pages.length,
    letterCount: doc.letterCount,
    warnings: doc.warnings,
    ...(doc.archival ? { archival: true } : {}),
    html: documentHtml(doc, fontSource),
  };
}

/** Whether the PDF of this document is kept already (nothing to make ahead of the click). */
export function pdfKeptAlready<R extends { kind: string }>(
  ctx: HandlerContext,
  kind: DocumentKind<R>,
  request: R,
  doc: PrintedPages,
): boolean {
  if (doc.printed) return !!readPrinted(ctx.db, doc.printed);
  const archival = kind.archival?.(ctx, request);
  return !!archival && !!readIssued(ctx.db, archival.target.kind, archival.target.recordId)?.pdfSha256;
}

/**
 * The PDF of a document, written by `print` from its page model: an issued document's
 * archival copy (the first PDF made after issue, byte for byte, found before laying out),
 * else the copy kept for this content (printed_documents, e.g. a batch of issued replies),
 * else printed now. A job passes `steps` (laid out in steps, cancellable).
 */
export async function documentPdf<R extends { kind: string }>(
  ctx: HandlerContext,
  kind: DocumentKind<R>,
  request: R,
  print: (doc: PrintedPages) => Promise<Uint8Array>,
  steps?: LayoutSteps,
): Promise<PdfFile> {
  const archival = kind.archival?.(ctx, request) ?? null;
  return withArchivalPdf(
    ctx,
    archival?.target ?? null,
    (doc) => archival!.fileName(doc),
    async () => {
      kind.beforePdf?.(ctx, request);
      const doc = await layOutDocument(ctx, kind, request, steps);
      return withPrintedPdf(ctx, doc.printed, async () => {
        const pdf = await print(doc);
        return { fileName: doc.fileName, pageCount: doc.pages.length, pdfBase64: Buffer.from(pdf).toString('base64') };
      });
    },
  );
}

/**
 * The pages in parts of at most `partPages`, cut only where a letter (or a person's form)
 * starts, so that one letter is never split between two prints.
 */
export function partsAtLetters(pages: Page[], partPages: number): Page[][] {
  const parts: Page[][] = [];
  let part: Page[] = [];
  for (const p of pages) {
    if (part.length >= partPages && p.number === 1) {
      parts.push(part);
      part = [];
    }
    part.push(p);
  }
  if (part.length) parts.push(part);
  return parts;
}
