/**
 * Printouts kept as issued (table printed_documents, migration 0013): a batch of reply
 * letters, a 提醒函's 签收单, a campaign's pre-filled 承诺书. What fills the pages is
 * described as canonical JSON (for a batch, the stored letters' own hashes); the first
 * PDF of that content is kept, and every later PDF of the same content returns exactly
 * those bytes — a reprint is the paper that went out, whatever changed in the layout
 * engine, the fonts or Chromium since. Different content (a roster grown since) is a
 * printout of its own.
 */
import type { Db } from '../../db/open';
import { AppError } from '../errors';
import type { Writer } from '../host/writer';
import { canonicalJson, sha256Hex } from '../shared/canonical';

export type PrintedKind = 'replyBatch' | 'reminderReceipts' | 'pledgeForms';

/** What a printout's PDF is kept under: its kind, its subject (letter, campaign) and the content that fills its pages. */
export interface PrintedTarget {
  kind: PrintedKind;
  subjectId: string | null;
  content: unknown;
}

export interface PrintedPdf {
  fileName: string;
  pageCount: number;
  pdf: Buffer;
}

const tampered = () =>
  new AppError(
    'CONFLICT',
    '该打印件的存档PDF与存档时记录的校验值不符，可能已被程序以外的方式改动。为免交出与当初不同的文件，已停止；请联系管理员从备份核对。',
  );

/** The kept PDF of this content, checked against its hash; null when none is kept yet. */
export function readPrinted(db: Db, target: PrintedTarget): PrintedPdf | null {
  const json = canonicalJson(target.content);
  const row = db
    .prepare('SELECT content_json, file_name, page_count, pdf, pdf_sha256 FROM printed_documents WHERE kind = ? AND content_sha256 = ?')
    .get(target.kind, sha256Hex(json)) as
    { content_json: string; file_name: string; page_count: number; pdf: Buffer; pdf_sha256: string } | undefined;
  if (!row) return null;
  if (row.content_json !== json || sha256Hex(row.pdf) !== row.pdf_sha256) throw tampered();
  return { fileName: row.file_name, pageCount: row.page_count, pdf: row.pdf };
}

/** Keeps `made` as the issued PDF of this content unless one is kept already; returns the kept one. */
export function keepPrinted(db: Db, writer: Writer, target: PrintedTarget, made: PrintedPdf): PrintedPdf {
  const json = canonicalJson(target.content);
  db.transaction(() =>
    writer.insertPrintedDocument({
      kind: target.kind,
      subjectId: target.subjectId,
      contentJson: json,
      contentSha256: sha256Hex(json),
      fileName: made.fileName,
      pageCount: made.pageCount,
      pdf: made.pdf,
      pdfSha256: sha256Hex(made.pdf),
    }),
  )();
  return readPrinted(db, target)!;
}
