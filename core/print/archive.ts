/**
 * The archival PDF of an issued document: the first PDF made from the stored model after
 * issue is kept (issued_documents.pdf, with its SHA-256) and every later PDF request for
 * that one document returns exactly those bytes — a reprint years later is byte-identical
 * even after the layout engine, the fonts or the Chromium version changed.
 *
 * Only issued, not voided documents are archived: a voided one is printed fresh from its
 * stored model with 已作废 across it. Batches, 签收单 and pre-filled 承诺书 are kept by
 * their content (withPrintedPdf).
 */
import { PDFDocument } from 'pdf-lib';
import type { HandlerContext } from '../host/context';
import { archivePdf, readIssued, readIssuedPdf, type IssuedDocument } from '../issuedDocuments/store';
import type { IssuedKind } from '../issuedDocuments/contract';
import { keepPrinted, readPrinted, type PrintedTarget } from '../issuedDocuments/printed';
import type { PdfFile } from './contract';

export interface ArchivableTarget {
  kind: IssuedKind;
  recordId: string;
  /** The record is voided now: no archival copy is served or kept. */
  voided: boolean;
}

/**
 * Returns the archival PDF of `target`, keeping `render()`'s result as that copy when
 * there is none yet. Without a stored document (not issued) it is `render()` as is.
 */
export async function withArchivalPdf<M>(
  ctx: HandlerContext,
  target: ArchivableTarget | null,
  fileNameOf: (doc: IssuedDocument<M>) => string,
  render: () => Promise<PdfFile>,
): Promise<PdfFile> {
  const doc = target && !target.voided ? readIssued<M>(ctx.db, target.kind, target.recordId) : null;
  if (!doc) return render();
  const kept = readIssuedPdf(ctx.db, doc);
  if (kept) return { fileName: fileNameOf(doc), pageCount: await pageCount(kept), pdfBase64: kept.toString('base64') };
  const made = await render();
  const bytes = archivePdf(ctx.db, ctx.writer, doc, Buffer.from(made.pdfBase64, 'base64'));
  return { ...made, pdfBase64: bytes.toString('base64'), pageCount: await pageCount(bytes) };
}

async function pageCount(pdf: Uint8Array): Promise<number> {
  return (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();
}

/**
 * The same for a printout that is not one issued document (a batch, a 签收单, pre-filled
 * 承诺书; core/issuedDocuments/printed.ts): the PDF kept for this content, else `render()`'s
 * result, kept. Null target (a draft in the batch, a letter not issued): `render()` as is.
 */
export async function withPrintedPdf(ctx: HandlerContext, target: PrintedTarget | null, render: () => Promise<PdfFile>): Promise<PdfFile> {
  if (!target) return render();
  const kept = readPrinted(ctx.db, target);
  if (kept) return { fileName: kept.fileName, pageCount: kept.pageCount, pdfBase64: kept.pdf.toString('base64') };
  const made = await render();
  const pdf = keepPrinted(ctx.db, ctx.writer, target, { ...made, pdf: Buffer.from(made.pdfBase64, 'base64') });
  return { fileName: pdf.fileName, pageCount: pdf.pageCount, pdfBase64: pdf.pdf.toString('base64') };
}
