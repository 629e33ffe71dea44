/**
 * The backup coprocessor: one worker thread that takes the work a backup can do beside
 * the main thread, so the two cores of a clerk's PC share it: the SHA-256 of the
 * database (while the main thread encrypts and writes) and the database's quick_check
 * (while the main thread reads the new file back).
 *
 * The worker is a typed module, coprocessorWorker.ts, speaking coprocessorProtocol.ts.
 * electron-vite builds it as its own entry beside the core process
 * (out/main/coprocessorWorker.js); under tsx (tests, CLI, browser mode) the .ts source
 * runs with tsx's require hook. Where neither can start, the backup works on this thread
 * (slower, not refused). It is started on first use and keeps the process alive only
 * while it has work (an idle coprocessor never holds up an exit).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CoprocessorAnswer, CoprocessorRequest, CoprocessorResults, QuickCheckResult } from './coprocessorProtocol';

export type { QuickCheckResult } from './coprocessorProtocol';

const requireHere = createRequire(__filename);

/**
 * Where the worker's code is: the built file beside the bundle that holds this code (the
 * core process's entry, or one folder up from a shared chunk), else the TypeScript
 * source beside this file, run with tsx's CommonJS hook (a worker does not inherit
 * tsx's loader).
 */
export function coprocessorWorkerEntry(dir = __dirname): { file: string; execArgv?: string[] } | null {
  for (const built of [path.join(dir, 'coprocessorWorker.js'), path.join(dir, '..', 'coprocessorWorker.js')]) {
    // In an installed app the bundle is inside app.asar, which a worker cannot load from;
    // electron-builder.json unpacks the worker to app.asar.unpacked (asarUnpack).
    const unpacked = built.replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
    if (unpacked !== built && fs.existsSync(unpacked)) return { file: unpacked };
    if (fs.existsSync(built)) return { file: built };
  }
  const source = path.join(dir, 'coprocessorWorker.ts');
  if (!fs.existsSync(source)) return null;
  try {
    return { file: source, execArgv: ['--require', requireHere.resolve('tsx/cjs')] };
  } catch {
    return null; // no tsx here: the work stays on this thread
  }
}

type Pending = { resolve(value: unknown): void; reject(error: Error): void };

class Coprocessor {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  private get thread(): Worker {
    if (this.worker) return this.worker;
    const entry = coprocessorWorkerEntry();
    if (!entry) throw new Error('备份辅助线程的代码不在程序中');
    const worker = new Worker(entry.file, entry.execArgv ? { execArgv: entry.execArgv } : {});
    worker.on('message', (m: CoprocessorAnswer) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) worker.unref();
      if ('error' in m) p.reject(new Error(m.error));
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

  /** Sends one request; the answer comes in order, after every earlier request was done. */
  call<R extends CoprocessorRequest>(request: R, transfer: ArrayBuffer[] = []): Promise<CoprocessorResults[R['op']]> {
    let thread: Worker;
    try {
      thread = this.thread;
    } catch (error) {
      return Promise.reject(error as Error);
    }
    const id = this.nextId++;
    const answer = new Promise<CoprocessorResults[R['op']]>((resolve, reject) =>
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject }),
    );
    if (this.pending.size === 1) thread.ref();
    thread.postMessage({ ...request, id }, transfer);
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
  readonly started = shared.call({ op: 'hashStart', job: this.job });

  update(bytes: Uint8Array): Promise<void> {
    if (bytes.buffer instanceof SharedArrayBuffer) {
      return shared
        .call({ op: 'hash', job: this.job, buffer: bytes.buffer, offset: bytes.byteOffset, length: bytes.byteLength })
        .then(() => undefined);
    }
    // (Buffer#slice does not copy, and a small Buffer may sit in a shared pool: copy exactly these bytes.)
    const copy = new Uint8Array(bytes.byteLength);
    copy.set(bytes);
    return shared
      .call({ op: 'hash', job: this.job, buffer: copy.buffer, offset: 0, length: copy.byteLength }, [copy.buffer])
      .then(() => undefined);
  }

  async digest(): Promise<string> {
    await this.started;
    return shared.call({ op: 'hashEnd', job: this.job });
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

/** `PRAGMA quick_check` and `foreign_key_check` on a database file, read-only, on the coprocessor. */
export function quickCheckOffThread(file: string, nativeBinding?: string): Promise<QuickCheckResult> {
  return shared.call({ op: 'quickCheck', file, nativeBinding: nativeBinding ?? null });
}
