import { newId } from '../../db/ids';
import { auditEntryHash, GENESIS_HASH } from '../../db/auditChain';
import type Database from 'better-sqlite3';
import type { Db } from '../../db/open';
import { cachedStatement } from '../../db/statements';
import { AppError, notFound, staleRevision } from '../errors';

/** Tables written through the Writer; table and column names never come from input. */
export type WritableTable =
  | 'users'
  | 'units'
  | 'people'
  | 'settings'
  | 'sanctions'
  | 'pending_matters'
  | 'pending_matter_events'
  | 'opinion_requests'
  | 'opinion_request_persons'
  | 'opinion_replies'
  | 'opinion_reply_items'
  | 'opinion_section_checks'
  | 'reminder_points'
  | 'reminder_letters'
  | 'reminder_addressees'
  | 'pledge_campaigns'
  | 'pledge_roster'
  | 'clearances'
  | 'revisits'
  | 'person_recusals';
/** Tables whose rows go to the 回收站 instead of being removed. */
export type RecyclableTable =
  | 'units'
  | 'people'
  | 'sanctions'
  | 'pending_matters'
  | 'opinion_requests'
  | 'reminder_points'
  | 'reminder_letters'
  | 'pledge_campaigns'
  | 'clearances'
  | 'revisits';
/** Child rows that are removed outright (their parent record keeps the history in the audit log). */
export type RemovableTable =
  | 'opinion_request_persons'
  | 'opinion_reply_items'
  | 'opinion_section_checks'
  | 'reminder_addressees'
  | 'pledge_roster'
  | 'person_recusals';
type Row = Record<string, unknown>;

/**
 * The one write path. Every change to a record goes through here, inside the
 * transaction the host opened for the call, so the row's who/when stamps, its
 * revision and the audit-log entry are written together or not at all.
 */
export class Writer {
  constructor(
    private readonly db: Db,
    private readonly actorId: () => string | null,
    private readonly now: () => Date,
  ) {}

  /** Compiled statements, per connection: batch writes (a 5,000-person roster) would otherwise recompile the same SQL each row. */
  private prepare(sql: string): Database.Statement {
    return cachedStatement(this.db, sql);
  }

  /** Inserts a row with a fresh id and stamps; returns the id. */
  insert(table: WritableTable, values: Row, id: string = newId()): string {
    const at = this.now().toISOString();
    const actor = this.actorId();
    const row: Row = { id, ...values, rev: 1, created_at: at, created_by: actor, updated_at: at, updated_by: actor };
    const cols = Object.keys(row);
    this.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`).run(row);
    this.audit('create', table, id, null, this.snapshot(table, id));
    return id;
  }

  /**
   * Inserts many rows (all with the same columns) as `insert` does each: fresh ids,
   * stamps, one audit entry per row. One statement for all rows: a table with a
   * full-text index (people_fts) flushes its pending index data at every statement,
   * so a 10,000-person import inserted row by row spent ~70 µs a row on that alone.
   */
  insertMany(table: WritableTable, rows: Row[]): string[] {
    if (!rows.length) return [];
    const at = this.now().toISOString();
    const actor = this.actorId();
    const full = rows.map((values) => ({
      id: newId(),
      ...values,
      rev: 1,
      created_at: at,
      created_by: actor,
      updated_at: at,
      updated_by: actor,
    }));
    const cols = Object.keys(full[0]!);
    if (full.some((r) => Object.keys(r).length !== cols.length || cols.some((c) => !(c in r))))
      throw new Error('insertMany: rows differ in columns');
    this.prepare(
      `INSERT INTO ${table} (${cols.join(', ')}) SELECT ${cols.map((c) => `value ->> '$.${c}'`).join(', ')} FROM json_each(?)`,
    ).run(JSON.stringify(full));
    for (const r of full) this.audit('create', table, r.id, null, this.snapshot(table, r.id));
    return full.map((r) => r.id);
  }

  /**
   * Updates an active row if it still has `expectedRev` (optimistic concurrency: two
   * clerks editing the same person must not silently overwrite each other).
   */
  update(table: WritableTable, id: string, expectedRev: number | null, values: Row, action = 'update'): void {
    const before = this.snapshot(table, id);
    if (!before || before.deleted_at) throw notFound('记录');
    if (expectedRev !== null && before.rev !== expectedRev) throw staleRevision();
    const at = this.now().toISOString();
    const sets = Object.keys(values).map((c) => `${c} = @${c}`);
    this.prepare(
      `UPDATE ${table} SET ${[...sets, 'rev = rev + 1', 'updated_at = @__at', 'updated_by = @__by'].join(', ')} WHERE id = @__id`,
    ).run({ ...values, __at: at, __by: this.actorId(), __id: id });
    this.audit(action, table, id, before, this.snapshot(table, id));
  }

  /** Moves a row to the 回收站. */
  softDelete(table: RecyclableTable, id: string): void {
    const before = this.snapshot(table, id);
    if (!before || before.deleted_at) throw notFound('记录');
    const at = this.now().toISOString();
    this.prepare(`UPDATE ${table} SET deleted_at = ?, deleted_by = ?, rev = rev + 1 WHERE id = ?`).run(at, this.actorId(), id);
    this.audit('delete', table, id, before, this.snapshot(table, id));
  }

  /** Brings a row back from the 回收站. */
  restore(table: RecyclableTable, id: string): void {
    const before = this.snapshot(table, id);
    if (!before || !before.deleted_at) throw new AppError('NOT_FOUND', '回收站中没有这条记录，可能已被恢复。');
    const at = this.now().toISOString();
    this.prepare(
      `UPDATE ${table} SET deleted_at = NULL, deleted_by = NULL, rev = rev + 1, updated_at = ?, updated_by = ? WHERE id = ?`,
    ).run(at, this.actorId(), id);
    this.audit('restore', table, id, before, this.snapshot(table, id));
  }

  /** Removes a row for good (only for child rows that are rebuilt, never for records). */
  remove(table: RemovableTable, id: string): void {
    const before = this.snapshot(table, id);
    if (!before) return;
    this.prepare(`DELETE FROM ${table} WHERE id = ?`).run(id);
    this.audit('remove', table, id, before, null);
  }

  /** Key/value settings (no revision: last write wins, and the audit keeps both). */
  putSetting(key: string, value: unknown): void {
    const before = this.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    const json = JSON.stringify(value);
    this.prepare(
      'INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by',
    ).run(key, json, this.now().toISOString(), this.actorId());
    this.audit(before ? 'update' : 'create', 'settings', key, before ? { value: before.value } : null, { value: json });
  }

  /**
   * Stores an issued document (issued_documents: never updated or deleted, the database
   * refuses it). The audit entry records its number and hash, not the text itself.
   */
  insertIssuedDocument(v: {
    kind: 'opinionReply' | 'reminderLetter' | 'pledgeForm';
    recordId: string;
    docNumber: string | null;
    modelVersion: number;
    contentJson: string;
    contentSha256: string;
  }): string {
    const id = newId();
    this.prepare(
      `INSERT INTO issued_documents (id, kind, record_id, doc_number, model_version, content_json, content_sha256, reconstructed, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
    ).run(id, v.kind, v.recordId, v.docNumber, v.modelVersion, v.contentJson, v.contentSha256, this.now().toISOString(), this.actorId());
    this.audit('freeze', 'issued_documents', id, null, {
      kind: v.kind,
      recordId: v.recordId,
      docNumber: v.docNumber,
      contentSha256: v.contentSha256,
    });
    return id;
  }

  /** Keeps the first PDF of an issued document as its archival copy; false when one is already kept. */
  attachIssuedPdf(id: string, pdf: Uint8Array, sha256: string): boolean {
    const changed = this.prepare(
      'UPDATE issued_documents SET pdf = ?, pdf_sha256 = ?, pdf_created_at = ?, pdf_created_by = ? WHERE id = ? AND pdf IS NULL',
    ).run(Buffer.from(pdf), sha256, this.now().toISOString(), this.actorId(), id).changes;
    if (changed) this.audit('archivePdf', 'issued_documents', id, null, { pdfSha256: sha256, bytes: pdf.byteLength });
    return changed > 0;
  }

  /**
   * Keeps a printout's PDF as issued (printed_documents: a batch, a 签收单, pre-filled
   * 承诺书); nothing when the same content is kept already (two clerks at once: the first wins).
   */
  insertPrintedDocument(v: {
    kind: 'replyBatch' | 'reminderReceipts' | 'pledgeForms';
    subjectId: string | null;
    contentJson: string;
    contentSha256: string;
    fileName: string;
    pageCount: number;
    pdf: Uint8Array;
    pdfSha256: string;
  }): boolean {
    const id = newId();
    const changed = this.prepare(
      `INSERT INTO printed_documents (id, kind, subject_id, content_json, content_sha256, file_name, page_count, pdf, pdf_sha256, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kind, content_sha256) DO NOTHING`,
    ).run(
      id,
      v.kind,
      v.subjectId,
      v.contentJson,
      v.contentSha256,
      v.fileName,
      v.pageCount,
      Buffer.from(v.pdf),
      v.pdfSha256,
      this.now().toISOString(),
      this.actorId(),
    ).changes;
    if (changed)
      this.audit('archivePdf', 'printed_documents', id, null, {
        kind: v.kind,
        subjectId: v.subjectId,
        contentSha256: v.contentSha256,
        pdfSha256: v.pdfSha256,
        bytes: v.pdf.byteLength,
      });
    return changed > 0;
  }

  /**
   * Appends an audit entry (also for things that are not a row change: login, a view of
   * a dossier, a print). The entry is chained to the one before it (db/auditChain.ts):
   * reading the last hash and inserting happen in one transaction (a savepoint inside
   * the host's transaction for writing calls, its own for reading calls), and the one
   * connection serialises writers, so two entries never share a predecessor.
   */
  audit(action: string, entity: string, entityId: string | null, before: Row | null, after: Row | null): void {
    const append = () => {
      const last = this.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
        { seq: number; hash: string | null } | undefined;
      const entry = {
        seq: (last?.seq ?? 0) + 1,
        at: this.now().toISOString(),
        user_id: this.actorId(),
        action,
        entity,
        entity_id: entityId,
        before: before ? JSON.stringify(redact(before)) : null,
        after: after ? JSON.stringify(redact(after)) : null,
        prev_hash: last?.hash ?? GENESIS_HASH,
      };
      this.prepare(
        'INSERT INTO audit_log (seq, at, user_id, action, entity, entity_id, before, after, prev_hash, hash) VALUES (@seq, @at, @user_id, @action, @entity, @entity_id, @before, @after, @prev_hash, @hash)',
      ).run({ ...entry, hash: auditEntryHash(entry) });
    };
    if (this.db.inTransaction) append();
    else this.db.transaction(append).immediate();
  }

  private snapshot(table: WritableTable, id: string): Row | null {
    return (this.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Row | undefined) ?? null;
  }
}

/** Password hashes never go into the audit log. */
function redact(row: Row): Row {
  if (!('password_hash' in row)) return row;
  const { password_hash: _omitted, ...rest } = row;
  return rest;
}
