/**
 * The stored copies of issued documents (table issued_documents, migration 0004): written
 * once when a document is issued, read for every later view, print and PDF of it. The
 * content is canonical JSON with its SHA-256; reading checks the hash, so a copy altered
 * outside the app is reported instead of printed.
 */
import type { Db } from '../../db/open';
import { AppError } from '../errors';
import type { Writer } from '../host/writer';
import { canonicalJson, sha256Hex } from '../shared/canonical';
import type { IssuedDocumentInfo, IssuedKind } from './contract';

export interface IssuedDocument<M> {
  id: string;
  kind: IssuedKind;
  recordId: string;
  docNumber: string | null;
  modelVersion: number;
  model: M;
  sha256: string;
  reconstructed: boolean;
  createdAt: string;
  createdBy: string | null;
  pdfSha256: string | null;
  pdfCreatedAt: string | null;
}

interface Row {
  id: string;
  kind: IssuedKind;
  record_id: string;
  doc_number: string | null;
  model_version: number;
  content_json: string;
  content_sha256: string;
  reconstructed: number;
  created_at: string;
  created_by: string | null;
  pdf_sha256: string | null;
  pdf_created_at: string | null;
}

const tampered = (what: string) =>
  new AppError(
    'CONFLICT',
    `${what}的存档内容与签发时记录的校验值不符，可能已被程序以外的方式改动。为免打印出与签发不同的文件，已停止；请联系管理员从备份核对。`,
  );

/** The stored copy of a record's issued document, or null when none was stored. */
export function readIssued<M>(db: Db, kind: IssuedKind, recordId: string): IssuedDocument<M> | null {
  const r = db
    .prepare(
      `SELECT id, kind, record_id, doc_number, model_version, content_json, content_sha256, reconstructed, created_at, created_by, pdf_sha256, pdf_created_at
       FROM issued_documents WHERE kind = ? AND record_id = ?`,
    )
    .get(kind, recordId) as Row | undefined;
  if (!r) return null;
  if (sha256Hex(r.content_json) !== r.content_sha256) throw tampered(r.doc_number ?? '该公文');
  return {
    id: r.id,
    kind: r.kind,
    recordId: r.record_id,
    docNumber: r.doc_number,
    modelVersion: r.model_version,
    model: JSON.parse(r.content_json) as M,
    sha256: r.content_sha256,
    reconstructed: r.reconstructed === 1,
    createdAt: r.created_at,
    createdBy: r.created_by,
    pdfSha256: r.pdf_sha256,
    pdfCreatedAt: r.pdf_created_at,
  };
}

/** Stores a document as issued; the caller runs inside the issuing transaction. */
export function freezeDocument<M extends { modelVersion: number }>(
  db: Db,
  writer: Writer,
  kind: IssuedKind,
  recordId: string,
  docNumber: string | null,
  model: M,
): IssuedDocument<M> {
  const json = canonicalJson(model);
  writer.insertIssuedDocument({
    kind,
    recordId,
    docNumber,
    modelVersion: model.modelVersion,
    contentJson: json,
    contentSha256: sha256Hex(json),
  });
  return readIssued<M>(db, kind, recordId)!;
}

/** The archival PDF's bytes, checked against their hash; null when none is kept yet. */
export function readIssuedPdf(db: Db, doc: IssuedDocument<unknown>): Buffer | null {
  const row = db.prepare('SELECT pdf, pdf_sha256 FROM issued_documents WHERE id = ?').get(doc.id) as
    { pdf: Buffer | null; pdf_sha256: string | null } | undefined;
  if (!row?.pdf) return null;
  if (sha256Hex(row.pdf) !== row.pdf_sha256) throw tampered(doc.docNumber ?? '该公文');
  return row.pdf;
}

/**
 * Keeps `pdf` as the archival copy unless one is kept already (two clerks saving at
 * once: the first one wins); returns the bytes that are now the archival copy.
 */
export function archivePdf(db: Db, writer: Writer, doc: IssuedDocument<unknown>, pdf: Uint8Array): Buffer {
  db.transaction(() => writer.attachIssuedPdf(doc.id, pdf, sha256Hex(pdf)))();
  return readIssuedPdf(db, doc)!;
}

/** What the UI shows about a stored copy. */
export function issuedInfo(db: Db, doc: IssuedDocument<unknown>, differences: string[]): IssuedDocumentInfo {
  const by = doc.createdBy
    ? ((db.prepare('SELECT display_name FROM users WHERE id = ?').pluck().get(doc.createdBy) as string | undefined) ?? null)
    : null;
  return {
    sha256: doc.sha256,
    createdAt: doc.createdAt,
    createdBy: by,
    reconstructed: doc.reconstructed,
    pdfSha256: doc.pdfSha256,
    pdfCreatedAt: doc.pdfCreatedAt,
    differences,
  };
}
