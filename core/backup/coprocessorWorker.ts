/**
 * The backup coprocessor's worker thread (see coprocessor.ts): hashes bytes and checks a
 * database file, nothing else (no format logic). Built by electron-vite as its own entry
 * (out/main/coprocessorWorker.js, electron.vite.config.ts); under tsx (tests, CLI,
 * browser mode) the .ts file runs with tsx's require hook.
 */
import { createHash, type Hash } from 'node:crypto';
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { CoprocessorAnswer, CoprocessorMessage, CoprocessorResults, QuickCheckResult } from './coprocessorProtocol';

const hashes = new Map<number, Hash>();

function hashOf(job: number): Hash {
  const hash = hashes.get(job);
  if (!hash) throw new Error(`no hash job ${job}`);
  return hash;
}

/**
 * SQLite is loaded on first use, outside the verdict: if this thread cannot load it, the
 * request fails (the caller then checks on its own thread) rather than calling the
 * database damaged; and hashing works even where it cannot.
 */
const loadSqlite = (): typeof Database => createRequire(__filename)('better-sqlite3') as typeof Database;

function quickCheck(file: string, nativeBinding: string | null): QuickCheckResult {
  const Sqlite = loadSqlite();
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
    // SQLite itself refused the file (malformed, not a database): that is the verdict.
    return { ok: false, first: String((error as Error)?.message ?? error).slice(0, 200), foreignKeyProblems: 0 };
  } finally {
    db?.close();
  }
}

function handle(m: CoprocessorMessage): CoprocessorResults[keyof CoprocessorResults] {
  switch (m.op) {
    case 'hashStart':
      hashes.set(m.job, createHash('sha256'));
      return null;
    case 'hash':
      hashOf(m.job).update(new Uint8Array(m.buffer, m.offset, m.length));
      return null;
    case 'hashEnd': {
      const digest = hashOf(m.job).digest('hex');
      hashes.delete(m.job);
      return digest;
    }
    case 'hashDrop':
      hashes.delete(m.job);
      return null;
    case 'quickCheck':
      return quickCheck(m.file, m.nativeBinding);
  }
}

const port = parentPort;
if (!port) throw new Error('coprocessorWorker.ts runs only as a worker thread');
port.on('message', (m: CoprocessorMessage) => {
  let answer: CoprocessorAnswer;
  try {
    answer = { id: m.id, result: handle(m) };
  } catch (error) {
    answer = { id: m.id, error: String((error as Error)?.message ?? error) };
  }
  port.postMessage(answer);
});
