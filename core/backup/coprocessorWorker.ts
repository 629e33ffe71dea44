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
import { quickCheckWith, type CoprocessorAnswer, type CoprocessorMessage, type CoprocessorResults } from './coprocessorProtocol';

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
      return quickCheckWith(loadSqlite(), m.file, m.nativeBinding);
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
