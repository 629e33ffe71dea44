/**
 * A consistent copy of the live database, taken without stopping the clerk's work, and
 * the checks run on any database file before it is trusted (snapshot or restore).
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/open';
import { APPLICATION_ID } from '../../db/open';
import { AppError } from '../errors';
import { backupError, throwIfAborted } from './errors';
import { removeQuietly } from './fsutil';

export interface SnapshotSource {
  /** The host's open connection: snapshot with the online backup API (writes through this connection are folded in). */
  db?: Db;
  databaseFile: string;
  nativeBinding?: string;
}

export interface DbFacts {
  applicationId: number;
  schemaVersion: number;
  sqliteVersion: string;
  counts: Record<string, number>;
}

/**
 * Copies the database to `dest` through SQLite only (see OpenSnapshot for why). With
 * `source.db`: better-sqlite3's online backup from that connection (async, in steps:
 * the host keeps answering; its own writes meanwhile are folded into the copy).
 * Without (the CLI): `VACUUM INTO` from a fresh read-only connection (a WAL reader:
 * other processes keep writing). `dest` is created empty first with mode 0600 (SQLite
 * would create it 0644 less the umask). The copy ends in rollback-journal mode, self-contained.
 */
export async function takeSnapshot(
  source: SnapshotSource,
  dest: string,
  options: { signal?: AbortSignal; onProgress?: (fraction: number) => void } = {},
): Promise<void> {
  fs.closeSync(fs.openSync(dest, 'wx', 0o600)); // throws if it exists
  fs.chmodSync(dest, 0o600);
  if (source.db) {
    await source.db.backup(dest, {
      progress: ({ totalPages, remainingPages }) => {
        if (options.signal?.aborted) throw backupError('CANCELLED', '操作已取消，没有做任何改动。');
        options.onProgress?.(totalPages ? (totalPages - remainingPages) / totalPages : 1);
        return 8192; // 32 MiB of 4 KiB pages per step, then the event loop runs
      },
    });
  } else {
    const db = new Database(source.databaseFile, {
      readonly: true,
      fileMustExist: true,
      ...(source.nativeBinding ? { nativeBinding: source.nativeBinding } : {}),
    });
    try {
      db.pragma('busy_timeout = 5000');
      db.prepare('VACUUM INTO ?').run(dest);
    } finally {
      db.close();
    }
  }
  throwIfAborted(options.signal);
  const copy = new Database(dest, source.nativeBinding ? { nativeBinding: source.nativeBinding } : {});
  try {
    if (copy.pragma('journal_mode', { simple: true }) !== 'delete') copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  // No fsync: the snapshot is a scratch file (a crash discards it); the backup file is fsynced.
}

/**
 * A database image to back up: a private copy in the work folder, which `facts`
 * describe, held until `close()` (which removes it).
 *
 * Why always a copy: POSIX advisory locks belong to the process, and closing ANY file
 * descriptor on the live database (a read stream, fs.openSync/closeSync, a worker's fd)
 * silently drops every lock SQLite holds on it for the whole process (sqlite.org, "How
 * To Corrupt An SQLite Database File" §2.2). An earlier version read the live file in
 * place with `fs` under a read transaction; after one backup the running app held no
 * lock, and `backup restore` replaced the database under it. So the app's process
 * touches the live file (and its -wal/-shm) only through SQLite: the online backup API
 * writes the copy, and everything after that reads the copy, which no connection of
 * ours holds locks on that matter.
 */
export interface OpenSnapshot {
  mode: 'copy';
  file: string;
  size: number;
  facts: DbFacts;
  close(): Promise<void>;
}

/** Copies the database into `copyTo` (`<workDir>/snapshot-<id>.sqlite`) through SQLite and reads its facts. */
export async function openSnapshot(
  source: SnapshotSource,
  copyTo: string,
  options: { signal?: AbortSignal; onProgress?: (fraction: number) => void; beforeCopy?: () => Promise<void> } = {},
): Promise<OpenSnapshot> {
  await options.beforeCopy?.();
  fs.mkdirSync(path.dirname(copyTo), { recursive: true, mode: 0o700 });
  const cleanup = async () => {
    for (const f of [copyTo, `${copyTo}-journal`, `${copyTo}-wal`, `${copyTo}-shm`]) await removeQuietly(f);
  };
  try {
    try {
      await takeSnapshot(source, copyTo, {
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      });
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (
        code.startsWith('SQLITE_') &&
        !code.startsWith('SQLITE_BUSY') &&
        !code.startsWith('SQLITE_FULL') &&
        !code.startsWith('SQLITE_IOERR')
      ) {
        throw new AppError(
          'DB_UNREADABLE',
          `当前数据文件已损坏，无法读取（${(error as Error).message}），未生成备份。可以从以前的备份恢复。`,
        );
      }
      throw error;
    }
    const db = new Database(copyTo, {
      readonly: true,
      fileMustExist: true,
      ...(source.nativeBinding ? { nativeBinding: source.nativeBinding } : {}),
    });
    let facts: DbFacts;
    try {
      facts = readFacts(db);
    } finally {
      db.close();
    }
    return { mode: 'copy', file: copyTo, size: fs.statSync(copyTo).size, facts, close: cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** Reads the facts a manifest records (and a restore compares). */
export function readFacts(db: Db): DbFacts {
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
    )
    .all() as { name: string }[];
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    counts[name] = (db.prepare(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`).get() as { n: number }).n;
  }
  return {
    applicationId: db.pragma('application_id', { simple: true }) as number,
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    sqliteVersion: (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v,
    counts,
  };
}

export interface CheckOptions {
  /** Full integrity_check (restore) instead of quick_check (snapshot). */
  full: boolean;
  latestSchemaVersion: number;
  nativeBinding?: string;
}

/**
 * Opens a database file read-only and checks it is ours, not from a newer app, and
 * sound (integrity, foreign keys). Returns its facts. Never writes to the file.
 */
export function checkDatabaseFile(file: string, options: CheckOptions): DbFacts {
  let db: Db;
  try {
    db = new Database(file, {
      readonly: true,
      fileMustExist: true,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
  } catch (error) {
    throw backupError('BACKUP_CORRUPT', `备份中的数据库无法打开：${(error as Error).message}`);
  }
  try {
    let facts: DbFacts;
    try {
      facts = readFacts(db);
    } catch (error) {
      throw backupError('BACKUP_CORRUPT', `备份中的数据库已损坏：${(error as Error).message}`);
    }
    if (facts.applicationId !== APPLICATION_ID) throw backupError('NOT_A_BACKUP', '备份中的数据库不是清廉台账的数据文件。');
    if (facts.schemaVersion > options.latestSchemaVersion) {
      throw backupError(
        'BACKUP_FROM_FUTURE',
        `此备份来自更新版本的清廉台账（数据版本 ${facts.schemaVersion}），本程序只支持到版本 ${options.latestSchemaVersion}。请先升级程序再恢复；当前数据没有任何改动。`,
      );
    }
    let check: Record<string, unknown>[];
    let fk: unknown[];
    try {
      check = db.pragma(options.full ? 'integrity_check' : 'quick_check') as Record<string, unknown>[];
      fk = db.pragma('foreign_key_check') as unknown[];
    } catch (error) {
      throw backupError('BACKUP_CORRUPT', `数据库完整性检查未通过（数据库已损坏：${(error as Error).message}）。`);
    }
    const first = check[0] ? Object.values(check[0])[0] : 'ok';
    if (check.length !== 1 || first !== 'ok') {
      throw backupError('BACKUP_CORRUPT', `数据库完整性检查未通过：${String(first).slice(0, 200)}`);
    }
    if (fk.length) throw backupError('BACKUP_CORRUPT', `数据库外键检查未通过（${fk.length} 处引用不存在的记录）。`);
    return facts;
  } finally {
    db.close();
  }
}

/** SHA-256 and size of a file, read in 1 MiB blocks (async: the host keeps answering). */
export async function hashFile(
  file: string,
  options: { signal?: AbortSignal; onProgress?: (done: number) => void } = {},
): Promise<{ sha256: string; size: number }> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const hash = createHash('sha256');
    const buf = Buffer.allocUnsafe(1024 * 1024);
    let size = 0;
    for (;;) {
      throwIfAborted(options.signal);
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (!bytesRead) break;
      hash.update(buf.subarray(0, bytesRead));
      size += bytesRead;
      options.onProgress?.(size);
    }
    return { sha256: hash.digest('hex'), size };
  } finally {
    await fh.close();
  }
}
