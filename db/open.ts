import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { LATEST_SCHEMA_VERSION, migrations, type Migration } from './migrations';

export type Db = Database.Database;

/** 'QLLG' — marks a SQLite file as ours, so a stranger's database is never migrated. */
export const APPLICATION_ID = 0x514c4c47;

export type DbOpenErrorCode = 'DB_FROM_FUTURE' | 'DB_NOT_OURS' | 'DB_UNREADABLE';

export class DbOpenError extends Error {
  constructor(
    readonly code: DbOpenErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DbOpenError';
  }
}

export interface OpenOptions {
  /** Path of a better_sqlite3.node built for the running runtime (Electron has its own ABI). */
  nativeBinding?: string;
  /** Migrations to apply; tests pass a prefix of the list to build an old file. */
  migrations?: readonly Migration[];
  /** Where the pre-migration copy goes; default: `<dir of file>/backups/pre-migrate`. */
  preMigrationBackupDir?: string;
  now?: () => Date;
}

export interface OpenResult {
  db: Db;
  /** user_version found in the file before this open (0 for a new file). */
  previousVersion: number;
  /** Copy taken before migrating an existing file, if one was needed. */
  preMigrationBackup?: string;
}

/**
 * Opens (creating if needed) the app's database: checks it is ours and not from a
 * newer app, copies it aside before migrating, applies pending migrations in one
 * transaction, and sets the pragmas every connection needs.
 */
export function openDatabase(file: string, options: OpenOptions = {}): OpenResult {
  const list = options.migrations ?? migrations;
  const latest = list.length ? list[list.length - 1]!.version : 0;
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const existed = fs.existsSync(file) && fs.statSync(file).size > 0;
  // Private to the user whatever the umask: SQLite creates the file 0644 less the umask,
  // and its -wal/-shm with the file's own mode, so the file is made (or set) 0600 first.
  // (Before SQLite opens it: no lock of ours can be dropped by this descriptor.)
  if (!fs.existsSync(file)) fs.closeSync(fs.openSync(file, 'wx', 0o600));
  makePrivate(file);

  let db: Db;
  try {
    db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (error) {
    throw new DbOpenError('DB_UNREADABLE', `无法打开数据文件 ${file}：${(error as Error).message}`);
  }
  try {
    let previousVersion: number;
    let applicationId: number;
    try {
      previousVersion = db.pragma('user_version', { simple: true }) as number;
      applicationId = db.pragma('application_id', { simple: true }) as number;
    } catch (error) {
      throw new DbOpenError('DB_UNREADABLE', `数据文件已损坏或不是数据库文件（${(error as Error).message}）`);
    }
    if (existed) {
      // A file that opens but cannot be read through (truncated, pages overwritten) is
      // caught here, at start, rather than as 程序内部错误 on some later click.
      let check: unknown;
      try {
        check = db.pragma('quick_check', { simple: true });
      } catch (error) {
        check = (error as Error).message;
      }
      if (check !== 'ok') throw new DbOpenError('DB_UNREADABLE', `数据文件已损坏（完整性检查未通过：${String(check).slice(0, 200)}）`);
    }
    if (existed && applicationId !== APPLICATION_ID && !(applicationId === 0 && previousVersion === 0 && isEmptySchema(db))) {
      throw new DbOpenError('DB_NOT_OURS', `文件 ${file} 不是清廉台账的数据文件，已拒绝打开。`);
    }
    if (previousVersion > latest) {
      throw new DbOpenError(
        'DB_FROM_FUTURE',
        `此数据文件由更新版本的清廉台账创建（数据版本 ${previousVersion}），本程序只支持到版本 ${latest}。请安装新版本后再打开，数据文件未做任何改动。`,
      );
    }

    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');

    let preMigrationBackup: string | undefined;
    const pending = list.filter((m) => m.version > previousVersion);
    if (pending.length > 0) {
      if (existed && previousVersion > 0) {
        const now = (options.now ?? (() => new Date()))();
        const dir = options.preMigrationBackupDir ?? path.join(path.dirname(file), 'backups', 'pre-migrate');
        fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
        const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
        preMigrationBackup = path.join(dir, `${path.basename(file, '.sqlite')}-v${previousVersion}-${stamp}.sqlite`);
        // VACUUM INTO writes a consistent, self-contained copy (WAL content included).
        db.prepare('VACUUM INTO ?').run(preMigrationBackup);
        makePrivate(preMigrationBackup);
      }
      db.transaction(() => {
        for (const migration of pending) migration.up(db);
        db.pragma(`application_id = ${APPLICATION_ID}`);
        db.pragma(`user_version = ${latest}`);
      })();
    }
    // The query planner's statistics (sqlite_stat1): without them SQLite may read a table
    // where a covering index would do (the statistics page took ~40% longer). SQLite's
    // advice for a long-lived connection: once at open, over all tables, re-analysing only
    // tables that never were or have grown or shrunk tenfold since; cheap when nothing changed.
    db.pragma('optimize=0x10002');
    return { db, previousVersion, ...(preMigrationBackup ? { preMigrationBackup } : {}) };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** chmod 0600 (0700 for folders) on Linux/macOS; Windows has no such bits (the profile folder is private). */
export function makePrivate(file: string, folder = false): void {
  if (process.platform === 'win32') return;
  fs.chmodSync(file, folder ? 0o700 : 0o600);
}

function isEmptySchema(db: Db): boolean {
  const row = db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number };
  return row.n === 0;
}

export { LATEST_SCHEMA_VERSION };
