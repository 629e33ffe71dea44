import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase, DbOpenError, type Db } from '../../db/open';
import { acquireDataDirLock, DataDirLockedError } from '../../db/lock';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations';
import { api, isChannel, type Channel, type Envelope, type Operation } from '../api';
import { assertRoles } from './access';
import { auditedEntityId, summarizeInput } from './auditedUse';
import { AppError, unknownChannel } from '../errors';
import { handlers } from '../handlers';
import type { CurrentUser } from '../users/contract';
import { loadUser } from '../users/queries';
import { isInitialized } from '../setup/status';
import type { HandlerContext, HostConfig } from './context';
import { SessionStore } from './sessions';
import { LoginThrottle } from '../auth/throttle';
import { validationError } from './validation';
import type { HandlerFn, PreparedWrite } from './handler';
import { Writer } from './writer';
import { BackgroundServices } from './jobs';
import { BackupService } from '../backup/service';
import { recoverInterruptedRestore, type DbOwner } from '../backup/restore';
import { returnStaleReviews } from '../opinions/replies';
import { hiddenRecordIds, inputNamesHidden, recusedError, withHidden, withoutHidden, type HiddenIds } from '../recusal/hidden';

export const DATABASE_FILE_NAME = 'qinglian.sqlite';

export interface CoreHostOptions {
  dataDir: string;
  shell: HostConfig['shell'];
  version: string;
  /** better_sqlite3.node for the running runtime (Electron passes its own build). */
  nativeBinding?: string;
  now?: () => Date;
  /** Run the automatic-backup schedule (default true; tests that do not want timers pass false). */
  scheduleBackups?: boolean;
}

/** Runs the contract: validates input, checks the session and role, runs the handler in a transaction if it writes. */
export interface CoreHost {
  readonly config: HostConfig;
  readonly db: Db;
  /** Backup jobs, schedule, restore (core/backup). */
  readonly backup: BackupService;
  /** The host's background services (the backup schedule, …): add yours here; stopped on close and shutdown. */
  readonly services: BackgroundServices;
  invoke(channel: string, input: unknown, sessionId?: string | null): Promise<Envelope<unknown>>;
  close(): void;
  /** Waits for a running backup job, runs the on-exit automatic backup if set, then closes. */
  shutdown(): Promise<void>;
}

/** Channels that still answer before first-run setup. */
const BEFORE_SETUP: ReadonlySet<Channel> = new Set(['app.info', 'setup.status', 'setup.initialize']);
/** What a locked session (锁屏) may still call: who it is, unlock with the password, log out. */
const WHILE_LOCKED: ReadonlySet<Channel> = new Set(['auth.me', 'auth.unlock', 'auth.logout', 'securityPolicy.get']);

/** What answers while the live file is damaged: enough to pick a backup and restore it (see `damaged`). */
const DAMAGED_CHANNELS: ReadonlySet<Channel> = new Set([
  'app.info',
  'backup.recoveryStatus',
  'backup.startRecoveryRestore',
  'backup.job',
  'backup.cancel',
  'backup.list',
  'backup.places',
]);

/** A closed connection standing in for the database while the live file is damaged (`db.open` is false). */
function closedPlaceholder(openOptions: { nativeBinding?: string }): Db {
  const placeholder = new Database(':memory:', openOptions);
  placeholder.close();
  return placeholder;
}

export function createCoreHost(options: CoreHostOptions): CoreHost {
  const databaseFile = path.join(options.dataDir, DATABASE_FILE_NAME);
  const openOptions = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  // One program per data folder, for the host's whole life (db/lock.ts): a second app or
  // browser-mode host, or the CLI's restore, is refused while this one runs.
  const folderLock = acquireDataDirLock(options.dataDir, { holder: options.shell, ...openOptions });
  let db: Db;
  let recovered: ReturnType<typeof recoverInterruptedRestore>;
  /**
   * Set when the live file cannot be read (overwritten, truncated): the host still starts,
   * holding the folder, and answers only what 从备份恢复 needs (DAMAGED_CHANNELS); every
   * other call gets DB_UNREADABLE with this Chinese explanation. Cleared by a restore.
   */
  let damaged: string | null = null;
  try {
    // A restore cut off by a crash is finished or rolled back before the file is opened.
    recovered = recoverInterruptedRestore(options.dataDir, databaseFile);
    try {
      db = openDatabase(databaseFile, openOptions).db;
    } catch (error) {
      if (!(error instanceof DbOpenError) || error.code !== 'DB_UNREADABLE') throw error;
      damaged = `数据文件已损坏，无法打开（${error.message}）。已保存的数据不会被删除：从备份恢复时，损坏的文件会原样移到 backups/pre-restore 文件夹保留。请选择一个备份文件并输入它的口令，从备份恢复。`;
      db = closedPlaceholder(openOptions);
    }
  } catch (error) {
    folderLock.release();
    throw error;
  }
  /** True while a restore has the database closed: only backup.job answers. */
  let restoring = false;
  const config: HostConfig = { dataDir: options.dataDir, databaseFile, shell: options.shell, version: options.version };
  const now = options.now ?? (() => new Date());
  const sessions = new SessionStore();
  const loginThrottle = new LoginThrottle();
  const owner: DbOwner = {
    release() {
      if (damaged) return 'damaged'; // nothing open: the restore moves the damaged file aside
      restoring = true;
      try {
        db.pragma('wal_checkpoint(TRUNCATE)');
        db.close();
      } catch (error) {
        // Still open: keep serving; the restore reports the failure and changes nothing.
        if (db.open) restoring = false;
        throw error;
      }
    },
    reacquire(replaced) {
      if (!db.open) db = openDatabase(databaseFile, openOptions).db;
      damaged = null;
      restoring = false;
      // The restored file may have other accounts: everyone logs in again.
      if (replaced) sessions.endAll();
    },
  };
  const backup = new BackupService({
    config,
    getDb: () => db,
    owner,
    damaged: () => damaged,
    now,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    afterCreate: ({ userId, manifest, backupFile }) => {
      if (!db.open) return;
      db.transaction(() =>
        new Writer(db, () => userId, now).audit('backup', 'backup', manifest.backupId, null, {
          backupFile,
          kind: manifest.kind,
          counts: manifest.counts,
        }),
      )();
    },
    afterRestore: ({ userId, manifest, backupFile }) => {
      const exists = userId && db.prepare('SELECT 1 FROM users WHERE id = ?').get(userId);
      new Writer(db, () => (exists ? userId : null), now).audit('restore', 'backup', manifest.backupId, null, {
        backupFile,
        createdAt: manifest.createdAt,
        appVersion: manifest.appVersion,
      });
    },
  });
  backup.noteRecovery(recovered);
  /** Every background service of this host (core/host/jobs.ts): started here, stopped on close and shutdown. */
  const services = new BackgroundServices();
  if (options.scheduleBackups !== false) services.add(backup.schedule);
  services.startAll();

  function writeInTransaction(write: () => unknown, ctx: HandlerContext): unknown {
    return db.transaction(() => {
      const value = write();
      // Whatever this call changed (a request's purpose, a person's unit, the authority's
      // name), a reviewed reply whose letter would now say something else goes back to 待审核.
      if (isInitialized(db)) returnStaleReviews(db, ctx.writer, now());
      return value;
    })();
  }

  function invokeSync(channel: string, rawInput: unknown, sessionId: string | null): unknown {
    if (!isChannel(channel)) throw unknownChannel(channel);
    const operation = api[channel];
    if (damaged && !DAMAGED_CHANNELS.has(channel)) throw new AppError('DB_UNREADABLE', damaged);
    if (restoring && channel !== 'backup.job') throw new AppError('BUSY', '正在从备份恢复数据，请稍候再操作。');
    if (!BEFORE_SETUP.has(channel) && !restoring && !damaged && !isInitialized(db)) {
      throw new AppError('NOT_INITIALIZED', '程序尚未完成首次设置，请先填写发文机关并创建管理员账号。');
    }
    let user: CurrentUser | null = null;
    const userId = sessions.touch(sessionId);
    if (userId && !restoring && !damaged) user = loadUser(db, userId);
    // While the file is damaged nobody can log in (the accounts are in it): the few
    // DAMAGED_CHANNELS answer without a session; the restore needs the backup's passphrase.
    if (operation.access !== 'public' && !damaged) {
      if (!user) throw new AppError('UNAUTHENTICATED', '登录已失效，请重新登录。');
      if (!WHILE_LOCKED.has(channel) && sessions.isLocked(sessionId)) throw new AppError('LOCKED', '屏幕已锁定，请输入密码解锁后再操作。');
      assertRoles(operation, user);
    }
    // Recusal (回避): an input naming a record this account must not see is refused before
    // anything reads it; whatever the call returns is cleared of such records (core/recusal).
    const hidden: HiddenIds = user ? hiddenRecordIds(db, user.id) : new Set();
    if (inputNamesHidden(rawInput, hidden)) throw recusedError();
    const parsed = operation.input.safeParse(rawInput ?? {});
    if (!parsed.success) throw validationError(parsed.error);
    const value = withHidden(hidden, () => runHandler(channel, operation, parsed.data, user, sessionId));
    return value instanceof Promise ? value.then((v) => withoutHidden(v, hidden)) : withoutHidden(value, hidden);
  }

  function runHandler(channel: Channel, operation: Operation, input: unknown, user: CurrentUser | null, sessionId: string | null): unknown {
    const parsed = { data: input as never };

    const ctx: HandlerContext = {
      db,
      config,
      now,
      user,
      sessionId,
      sessions,
      loginThrottle,
      writer: new Writer(db, () => ctx.user?.id ?? null, now),
      backup,
    };
    const entry = handlers[channel] as unknown as HandlerFn<never> | PreparedWrite<never, unknown>;
    if (typeof entry !== 'function') {
      if (!operation.writes) throw new Error(`${channel}: a prepared handler must belong to a writing channel`);
      // The slow part (scrypt) first, outside the transaction; then the write, as any other.
      return entry.prepare(parsed.data, ctx).then((prepared) => writeInTransaction(() => entry.run(parsed.data, ctx, prepared), ctx));
    }
    const handler = entry as (input: unknown, ctx: HandlerContext) => unknown;
    if (operation.writes) return writeInTransaction(() => handler(parsed.data, ctx), ctx);
    const value = handler(parsed.data, ctx);
    const logs = operation.logs;
    if (!logs) return value;
    // A view, print or export is logged once it has succeeded (a refused call shows nothing).
    const logUse = (result: unknown) => {
      // An export also says how many rows left the app (who took how much of the register).
      const rows = (result as { rows?: unknown } | null)?.rows;
      ctx.writer.audit(logs, channel, auditedEntityId(parsed.data), null, {
        title: operation.title,
        input: summarizeInput(parsed.data),
        ...(typeof rows === 'number' ? { rows } : {}),
      });
      return result;
    };
    return value instanceof Promise ? value.then(logUse) : logUse(value);
  }

  return {
    config,
    get db() {
      return db;
    },
    backup,
    async invoke(channel, input, sessionId = null) {
      try {
        const value = await invokeSync(channel, input, sessionId ?? null);
        return { ok: true, value: value === undefined ? null : value };
      } catch (error) {
        return { ok: false, error: toErrorBody(error) };
      }
    },
    services,
    close() {
      // Timers stop at once (a service's stop may also wait for work in hand; close does not).
      void services.stopAll().catch(() => undefined);
      if (db.open) db.close();
      folderLock.release();
    },
    async shutdown() {
      await services.stopAll().catch(() => undefined);
      await backup.shutdown();
      if (db.open) db.close();
      folderLock.release();
    },
  };
}

function toErrorBody(error: unknown) {
  if (error instanceof AppError) return error.toBody();
  if (error instanceof DbOpenError) return { code: error.code, message: error.message };
  if (error instanceof DataDirLockedError) return { code: 'BUSY' as const, message: error.message };
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
    return { code: 'CONFLICT' as const, message: '与已有记录冲突，未保存。' };
  }
  // "database is locked" (and its extended codes): another program holds the file; not an internal error.
  if (typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))) {
    return {
      code: 'BUSY' as const,
      message: '数据文件正被其他程序占用（可能是数据库工具或另一个程序），请稍后再试；本次操作没有保存任何改动。',
    };
  }
  console.error('[core] unexpected error', error);
  return { code: 'INTERNAL' as const, message: '程序内部错误，操作未完成，已保存的数据没有改动。' };
}

export { LATEST_SCHEMA_VERSION };
