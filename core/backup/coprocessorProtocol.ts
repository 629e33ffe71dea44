/**
 * The messages between the backup coprocessor (coprocessor.ts) and its worker thread
 * (coprocessorWorker.ts): one typed request per operation, answered in order with the
 * request's id and either its result or an error message.
 */

/** `PRAGMA quick_check` and `foreign_key_check` of a database file (read-only). */
export interface QuickCheckResult {
  ok: boolean;
  /** The first line quick_check printed ("ok" when sound). */
  first: string;
  foreignKeyProblems: number;
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
