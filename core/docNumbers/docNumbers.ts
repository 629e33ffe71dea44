/**
 * 发文字号: `{代字}〔{年}〕{序号}号`, e.g. ×纪廉复〔2025〕7号. One sequence per document kind
 * and year; a number is allocated only when a document is issued, never reused, never
 * skipped silently: a voided document keeps its number, marked 作废.
 */
import type { Db } from '../../db/open';
import type { Writer } from '../host/writer';
import type { DocKind } from '../settings/contract';

export function formatDocNumber(prefix: string, year: number, serial: number): string {
  return `${prefix}〔${year}〕${serial}号`;
}

export function allocateDocNumber(
  db: Db,
  writer: Writer,
  args: { kind: DocKind; year: number; prefix: string; entityId: string; at: string; actorId: string | null },
): string {
  const { next } = db
    .prepare('SELECT ifnull(max(serial), 0) + 1 AS next FROM doc_numbers WHERE kind = ? AND year = ?')
    .get(args.kind, args.year) as { next: number };
  const docNumber = formatDocNumber(args.prefix, args.year, next);
  db.prepare(
    'INSERT INTO doc_numbers (kind, year, serial, doc_number, entity_id, status, allocated_at, allocated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(args.kind, args.year, next, docNumber, args.entityId, '已使用', args.at, args.actorId);
  writer.audit('allocate', 'doc_numbers', docNumber, null, { kind: args.kind, year: args.year, serial: next, entityId: args.entityId });
  return docNumber;
}

export function voidDocNumber(db: Db, writer: Writer, docNumber: string, reason: string, at: string): void {
  db.prepare("UPDATE doc_numbers SET status = '作废', voided_at = ?, void_reason = ? WHERE doc_number = ?").run(at, reason, docNumber);
  writer.audit('void', 'doc_numbers', docNumber, null, { reason });
}
