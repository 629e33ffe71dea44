/**
 * The backup coprocessor: one worker thread that takes the work a backup can do beside
 * the main thread, so the two cores of a clerk's PC share it: the SHA-256 of the
 * database (while the main thread encrypts and writes) and the database's quick_check
 * (while the main thread reads the new file back).
 *
 * The worker's code is a short plain-JS string run with `eval: true`, so the same code
 * works under tsx (tests, CLI), in the web host and inside Electron's bundled core
 * process, with no separate file to bundle. It holds no format logic: it hashes bytes
 * and checks a database file. It is started on first use and keeps the process alive
 * only while it has work (an idle coprocessor never holds up an exit).
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const hashes = new Map();
parentPort.on('message', (m) => {
  try {
    let result = null;
    switch (m.op) {
      case 'hashStart': hashes.set(m.job, createHash('sha256')); break;
      case 'hash': hashes.get(m.job).update(new Uint8Array(m.buffer, m.offset, m.length)); break;
      case 'hashEnd': result = hashes.get(m.job).digest('hex'); hashes.delete(m.job); break;
      case 'hashDrop': hashes.delete(m.job); break;
      case 'quickCheck': {
        const Database = require(m.module); // a failure here is an error: the caller checks on its own thread
        let db = null;
        try {
          db = new Database(m.file, Object.assign({ readonly: true, fileMustExist: true }, m.nativeBinding ? { nativeBinding: m.nativeBinding } : {}));
          db.pragma('busy_timeout = 5000');
          db.pragma('mmap_size = 268435456'); // pages read through a mapping: no copy, no read call per page
          const rows = db.pragma('quick_check');
          const first = rows[0] ? Object.values(rows[0])[0] : 'ok';
          result = { ok: rows.length === 1 && first === 'ok', first: String(first).slice(0, 200), foreignKeyProblems: db.pragma('foreign_key_check').length };
        } catch (error) {
          // SQLite itself refused the file (malformed, not a database): that is the verdict.
          result = { ok: false, first: String((error && error.message) || error).slice(0, 200), foreignKeyProblems: 0 };
        } finally {
          if (db) db.close();
        }
        break;
      }
      default: throw new Error('unknown op ' + m.op);
    }
    parentPort.postMessage({ id: m.id, result });
  } catch (error) {
    parentPort.postMessage({ id: m.id, error: String((error && error.message) || error) });
  }
});
`;

export interface QuickCheckResult {
  ok: boolean;
  /** The first line quick_check printed ("ok" when sound). */
  first: string;
  foreignKeyProblems: number;
}

type Pending = { resolve(value: unknown): void; reject(error: Error): void };

class Coprocessor {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  private get thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.on('message', (m: { id: number; result?: unknown; error?: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) worker.unref();
      if (m.error !== undefined) p.reject(new Error(m.error));
      else p.resolve(m.result);
    });
    const fail = (error: Error) => {
      this.worker = null;
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`备份辅助线程意外退出（${code}）`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  /** Sends one message; the answer comes in order, after every earlier message was done. */
  call<T>(message: Record<string, unknown>, transfer: ArrayBuffer[] = []): Promise<T> {
    const id = this.nextId++;
    const answer = new Promise<T>((resolve, reject) => this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject }));
    const thread = this.thread;
    if (this.pending.size === 1) thread.ref();
    thread.postMessage({ ...message, id }, transfer);
    return answer;
  }
}

const shared = new Coprocessor();
let jobs = 0;

/**
 * A SHA-256 computed on the coprocessor, fed in order. `update` takes shared memory (the
 * caller must not change those bytes until the returned promise settles) or a small
 * ordinary buffer (copied into the message).
 */
export class OffThreadHash implements HashJob {
  private readonly job = ++jobs;
  /** Settles when the coprocessor has taken the job (rejects if it could not start). */
  readonly started = shared.call<null>({ op: 'hashStart', job: this.job });

  update(bytes: Uint8Array): Promise<void> {
    if (bytes.buffer instanceof SharedArrayBuffer) {
      return shared
        .call<null>({ op: 'hash', job: this.job, buffer: bytes.buffer, offset: bytes.byteOffset, length: bytes.byteLength })
        .then(() => undefined);
    }
    // (Buffer#slice does not copy, and a small Buffer may sit in a shared pool: copy exactly these bytes.)
    const copy = new Uint8Array(bytes.byteLength);
    copy.set(bytes);
    return shared
      .call<null>({ op: 'hash', job: this.job, buffer: copy.buffer, offset: 0, length: copy.byteLength }, [copy.buffer])
      .then(() => undefined);
  }

  async digest(): Promise<string> {
    await this.started;
    return shared.call<string>({ op: 'hashEnd', job: this.job });
  }

  /** Forgets the job (after a failure or cancel). */
  drop(): void {
    shared.call({ op: 'hashDrop', job: this.job }).catch(() => undefined);
  }
}

/** A SHA-256 fed in order, wherever it is computed. */
export interface HashJob {
  update(bytes: Uint8Array): Promise<void>;
  digest(): Promise<string>;
  drop(): void;
}

/** The same on this thread: used when the coprocessor cannot run here (the backup is slower, not refused). */
class LocalHash implements HashJob {
  private readonly hash = createHash('sha256');

  update(bytes: Uint8Array): Promise<void> {
    this.hash.update(bytes);
    return Promise.resolve();
  }

  digest(): Promise<string> {
    return Promise.resolve(this.hash.digest('hex'));
  }

  drop(): void {}
}

/** A hash job on the coprocessor once it has answered, else on this thread. */
export async function startHash(): Promise<HashJob> {
  try {
    const job = new OffThreadHash();
    await job.started;
    return job;
  } catch {
    return new LocalHash();
  }
}

const requireHere = createRequire(__filename);

/** `PRAGMA quick_check` and `foreign_key_check` on a database file, read-only, on the coprocessor. */
export function quickCheckOffThread(file: string, nativeBinding?: string): Promise<QuickCheckResult> {
  return shared.call<QuickCheckResult>({
    op: 'quickCheck',
    file,
    module: requireHere.resolve('better-sqlite3'),
    nativeBinding: nativeBinding ?? null,
  });
}
