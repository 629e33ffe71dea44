/**
 * One program per data folder: the app (Electron or browser mode) and the CLI's restore
 * hold an exclusive lock on `<dataDir>/qinglian.lock` for as long as they use the folder.
 *
 * Why a SQLite database as the lock file: SQLite's own locks (fcntl on Linux/macOS,
 * LockFileEx on Windows) are released by the operating system when the process dies, so
 * there is no stale lock to detect or clean up after a crash or a power cut, unlike a
 * pid file; and SQLite tracks locks per file inside the process too, so a second host in
 * the same process is refused like one in another process. The lock is taken with
 * `locking_mode = EXCLUSIVE` and one write transaction: from then on the connection
 * keeps the exclusive lock until it is closed. No code may open this file with `fs`
 * (closing any descriptor on it would drop the lock, as with the database itself).
 *
 * Beside it, `qinglian.lock.json` says who holds the lock (pid, which program, since
 * when) for the refusal message only; it is never trusted for anything else.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

export const LOCK_FILE_NAME = 'qinglian.lock';
const INFO_FILE_NAME = 'qinglian.lock.json';

export type LockHolder = 'electron' | 'browser' | 'cli';

const HOLDER_NAMES: Record<LockHolder, string> = {
  electron: '清廉台账程序',
  browser: '清廉台账（浏览器模式）',
  cli: '命令行备份工具',
};

export class DataDirLockedError extends Error {
  readonly code = 'DATA_DIR_LOCKED';
  constructor(message: string) {
    super(message);
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly dataDir: string;
  release(): void;
}

export interface LockOptions {
  holder: LockHolder;
  nativeBinding?: string;
  now?: () => Date;
}

/** Takes the data folder's lock or throws DataDirLockedError with a Chinese message naming the holder. */
export function acquireDataDirLock(dataDir: string, options: LockOptions): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') fs.chmodSync(dataDir, 0o700); // private whatever the umask or whoever made it
  const file = path.join(dataDir, LOCK_FILE_NAME);
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding, timeout: 0 } : { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS lock (id INTEGER PRIMARY KEY); COMMIT');
  } catch (error) {
    db.close();
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) throw new DataDirLockedError(lockedMessage(dataDir));
    throw error;
  }
  try {
    if (process.platform !== 'win32') fs.chmodSync(file, 0o600);
    const info = { pid: process.pid, holder: options.holder, since: (options.now ?? (() => new Date()))().toISOString() };
    fs.writeFileSync(path.join(dataDir, INFO_FILE_NAME), JSON.stringify(info), { mode: 0o600 });
  } catch {
    // The note is only for the message; the lock is what counts.
  }
  let held = true;
  return {
    dataDir,
    release() {
      if (!held) return;
      held = false;
      fs.rmSync(path.join(dataDir, INFO_FILE_NAME), { force: true });
      db.close();
    },
  };
}

function lockedMessage(dataDir: string): string {
  let who = '另一个清廉台账';
  try {
    const info = JSON.parse(fs.readFileSync(path.join(dataDir, INFO_FILE_NAME), 'utf8')) as { pid?: unknown; holder?: unknown };
    const name = HOLDER_NAMES[info.holder as LockHolder];
    if (name && typeof info.pid === 'number') who = `${name}（进程号 ${info.pid}）`;
  } catch {
    // no note: the generic name
  }
  return `数据文件夹 ${dataDir} 已有一个清廉台账正在使用：${who}。同一份数据同时只能由一个程序打开。请先关闭它（或等待它完成）再试；数据没有任何改动。`;
}
