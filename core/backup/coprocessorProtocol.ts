/**
 * The messages between the backup coprocessor (coprocessor.ts) and its worker thread
 * (coprocessorWorker.ts): one typed request per operation, answered in order with the
 * request's id and either its result or an error message.
 */
import type Database from 'better-sqlite3';

/** `PRAGMA quick_check` and `foreign_key_check` of a database file (read-only). */
export interface QuickCheckResult {
  ok: boolean;
  /** The first line quick_check printed ("ok" when sound). */
  first: string;
  foreignKeyProblems: number;
}

/**
 * The check itself, on whichever thread has SQLite (`Sqlite`: better-sqlite3's class, loaded
 * by the caller): the worker's, or the main thread's when the worker cannot load it.
 * SQLite refusing the file (malformed, not a database) is the verdict, not an error.
 */
export function quickCheckWith(Sqlite: typeof Database, file: string, nativeBinding: string | null | undefined): QuickCheckResult {
  let db: Database.Database | null = null;
  try {
    db = new Sqlite(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    db.pragma('busy_timeout = 5000');
    db.pragma('mmap_size = 268435456'); // pages read through a mapping: no copy, no read call per page
    const rows = db.pragma('quick_check') as Record<string, unknown>[];
    const first = rows[0] ? Object.values(rows[0])[0] : 'ok';
    return {
      ok: rows.length === 1 && first === 'ok',
      first: String(first).slice(0, 200),
      foreignKeyProblems: (db.pragma('foreign_key_check') as unknown[]).length,
    };
  } catch (error) {
    return { ok: false, first: String((error as Error)?.message ?? error).slice(0, 200), foreignKeyProblems: 0 };
  } finally {
    db?.close();
  }
}

export type CoprocessorRequest =
  | { op: 'hashStart'; job: number }
  /** Bytes of shared memory (or a transferred copy) to feed into the job's SHA-256. */
  | { op: 'hash'; job: number; buffer: ArrayBufferLike; offset: number; length: number }
  | { op: 'hashEnd'; job: number }
  | { op: 'hashDrop'; job: number }
  | { op: 'quickCheck'; file: string; nativeBinding: string | null };

/** What each operation answers with. */
export interface CoprocessorResults {
  hashStart: null;
  hash: null;
  hashEnd: string;
  hashDrop: null;
  quickCheck: QuickCheckResult;
}

export type CoprocessorMessage = CoprocessorRequest & { id: number };

export type CoprocessorAnswer = { id: number; result: CoprocessorResults[keyof CoprocessorResults] } | { id: number; error: string };
