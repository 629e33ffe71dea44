/**
 * Document kinds: what core/print knows of a printable document without knowing any by
 * name. Each area declares its kinds (core/opinions/documents.ts: 复函 and the opinion
 * lists; core/reminders/documents.ts: 提醒函 and its 签收单; core/pledges/documents.ts:
 * 承诺书) with the request's zod schema in its contract.ts; core/handlers.ts registers them
 * all with the one rendering channel (print.document, print.pdf, print.pdfStart).
 *
 * A kind returns the page model (pages, title, landscape): the engine derives the HTML
 * from it (compose.ts) and prints that to PDF, so another writer can take the same pages.
 */
import type { Channel } from '../api';
import { AppError } from '../errors';
import type { HandlerContext } from '../host/context';
import { assertChannelAccess } from '../host/access';
import type { IssuedDocument } from '../issuedDocuments/store';
import type { PrintedTarget } from '../issuedDocuments/printed';
import type { CurrentUser } from '../users/contract';
import type { ArchivableTarget } from './archive';
import type { Page } from './compose';

/** A document laid out by its kind: the page model, and what the print channel needs around it. */
export interface LaidDocument {
  title: string;
  /** The suggested file name without “.pdf” (made safe for Windows by the engine). */
  fileBase: string;
  pages: Page[];
  landscape: boolean;
  /** Letters (or forms) in the document: 1 for a list. */
  letterCount: number;
  /** Notes for the clerk (e.g. “草稿，未签发……”). */
  warnings: string[];
  /** The desktop shell saves the core's PDF rather than printing its own (LetterDocument.archival). */
  archival: boolean;
  /** Kept by its content once printed (printed_documents: a batch, a 签收单, 承诺书); null: printed fresh. */
  printed: PrintedTarget | null;
}

/** One issued document whose first PDF is its archival copy (archive.ts), and its file name then. */
export interface ArchivalPdf {
  target: ArchivableTarget;
  fileName(doc: IssuedDocument<unknown>): string;
}

export interface DocumentKind<R extends { kind: string }> {
  /**
   * The channel whose data the document shows: its role rule (core/host/access.ts) applies
   * to printing the document too, so a document never shows what its channel would refuse.
   */
  reads: Channel;
  layOut(ctx: HandlerContext, request: R): Promise<LaidDocument> | LaidDocument;
  /** The issued document this request prints, found without laying it out (its kept PDF is returned as is). */
  archival?(ctx: HandlerContext, request: R): ArchivalPdf | null;
  /** Runs before a PDF is made (承诺书: the first PDF fixes the campaign's official text). */
  beforePdf?(ctx: HandlerContext, request: R): void;
  /** Whether a preview's PDF is made ahead (prefetch.ts); the landscape lists are not. Default true. */
  prefetch?: boolean | ((request: R) => boolean);
  /** Letters the request asks for (default 1): a PDF job's layout counts them, and more than one is a batch (pdfJobs.ts). */
  letters?(request: R): number;
  /** Lays out for a PDF job: reports letters read, stops between them once cancelled. Default: layOut. */
  layOutInSteps?(ctx: HandlerContext, request: R, steps: LayoutSteps): Promise<LaidDocument>;
}

/** A PDF job's hold on laying out: its cancel signal and the letters read so far. */
export interface LayoutSteps {
  signal: AbortSignal;
  report(done: number, total: number): void;
}

/** Every kind of a request union, by its `kind`: the type makes a missing or extra kind a compile error. */
export type DocumentKinds<R extends { kind: string }> = { [K in R['kind']]: DocumentKind<Extract<R, { kind: K }>> };

/** The kind of `request`, after the role rule of the channel it reads (FORBIDDEN in Chinese otherwise). */
export function kindOf<R extends { kind: string }>(kinds: DocumentKinds<R>, request: R, user: CurrentUser | null): DocumentKind<R> {
  const kind = (kinds as unknown as Record<string, DocumentKind<R> | undefined>)[request.kind];
  if (!kind) throw new AppError('VALIDATION', '不认识的打印内容');
  assertChannelAccess(kind.reads, user);
  return kind;
}
