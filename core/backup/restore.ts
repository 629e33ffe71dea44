/**
 * Restoring a backup without ever leaving a half-restored database:
 *
 *   1. decrypt into <dataDir>/backups/.work/restore-<id>.sqlite (same volume as the live file)
 *   2. verify everything there: chunk tags, manifest, SHA-256, application_id, schema
 *      version not newer than this app, integrity_check, foreign_key_check, row counts
 *      — a failure here leaves the live database byte-for-byte as it was
 *   3. the owner of the live database checkpoints and closes it; no -wal/-shm/-journal
 *      may remain beside it (a stale -wal would bring old rows back into the new file)
 *   4. write the restore journal (intent), then rename live → backups/pre-restore/…,
 *      rename the new file → live, fsync the folders
 *   5. the owner opens the new file again (migrating it if it is older); journal removed
 *
 * A crash at any point is repaired by `recoverInterruptedRestore` at the next start.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations';
import { openDatabase } from '../../db/open';
import { AppError } from '../errors';
import type { Phase, Progress } from './create';
import { backupError, throwIfAborted } from './errors';
import {
  crashPoint,
  fsyncDir,
  fsyncDirSync,
  removeQuietly,
  sidecarsOf,
  spaceOf,
  utcStamp,
  writeFailure,
  writeFileAtomicSync,
} from './fsutil';
import type { Manifest } from './manifest';
import { readBackupHeader, readPayload, unlockBackup, type BackupKey } from './read';
import { checkDatabaseFile } from './snapshot';

/** Whoever holds the live database open (the core host, or the CLI). */
export interface DbOwner {
  /**
   * Stop using the live file: checkpoint and close every connection. Throws BUSY if
   * another program uses it. Returns 'damaged' when the live file cannot be read as a
   * database (overwritten, truncated): the restore then moves it, and any -wal/-shm
   * beside it, aside (kept, never deleted) and proceeds.
   */
  release(): void | 'damaged' | Promise<void | 'damaged'>;
  /** Open the live file again; throws if it cannot be opened. `replaced`: a restored file is now in place (sessions end). */
  reacquire(replaced: boolean): void;
}

export const backupPaths = (dataDir: string) => ({
  workDir: path.join(dataDir, 'backups', '.work'),
  preRestoreDir: path.join(dataDir, 'backups', 'pre-restore'),
  journal: path.join(dataDir, 'restore-journal.json'),
});

export interface RestoreOptions {
  file: string;
  key: BackupKey;
  dataDir: string;
  databaseFile: string;
  owner: DbOwner;
  latestSchemaVersion?: number;
  nativeBinding?: string;
  now?: () => Date;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

export interface RestoreResult {
  manifest: Manifest;
  backupFile: string;
  preRestoreFile: string | null;
  /** The replaced live file could not be read (it is kept at preRestoreFile, named -damaged-). */
  replacedDamaged: boolean;
}

export interface VerifyResult {
  manifest: Manifest;
  file: string;
  size: number;
  automatic: boolean;
}

interface Journal {
  version: 1;
  state: 'swapping';
  live: string;
  incoming: string;
  preRestore: string;
  backupFile: string;
  backupId: string;
  startedAt: string;
}

/**
 * Decrypts and checks a backup completely (steps 1–2) into `incoming`. Used by verify
 * (then deleted) and restore. Never touches the live database.
 */
async function decryptAndCheck(
  o: Pick<RestoreOptions, 'file' | 'key' | 'signal' | 'onProgress' | 'latestSchemaVersion' | 'nativeBinding'>,
  incoming: string,
): Promise<{ manifest: Manifest; size: number; automatic: boolean }> {
  const latest = o.latestSchemaVersion ?? LATEST_SCHEMA_VERSION;
  const report = (phase: Phase, fraction: number) => o.onProgress?.({ phase, fraction });
  report('decrypt', 0);
  const opened = await readBackupHeader(o.file);
  const space = await spaceOf(path.dirname(incoming));
  if (space && space.free < opened.header.plaintextLength + 8 * 1024 * 1024) {
    throw backupError('TARGET_UNWRITABLE', '数据文件夹所在磁盘空间不足，无法解开备份进行检查。请先清理磁盘。');
  }
  const { keys } = await unlockBackup(opened.header, o.key);
  throwIfAborted(o.signal);
  let fh: fs.promises.FileHandle;
  try {
    fh = await fs.promises.open(incoming, 'wx', 0o600);
  } catch (error) {
    throw writeFailure(error, path.dirname(incoming));
  }
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (!pendingBytes) return;
    const buffers = pending;
    pending = [];
    pendingBytes = 0;
    const n = buffers.reduce((s, b) => s + b.length, 0);
    const { bytesWritten } = await fh.writev(buffers);
    if (bytesWritten !== n) await fh.write(Buffer.concat(buffers).subarray(bytesWritten));
  };
  let manifest: Manifest;
  try {
    manifest = await readPayload(opened, keys, {
      signal: o.signal,
      onProgress: (done, all) => report('decrypt', 0.75 * (done / all)),
      onManifest: (m) => {
        if (m.schemaVersion > latest) {
          throw backupError(
            'BACKUP_FROM_FUTURE',
            `此备份来自更新版本的清廉台账（程序 ${m.appVersion}，数据版本 ${m.schemaVersion}），本程序只支持到数据版本 ${latest}。请先升级程序再恢复；当前数据没有任何改动。`,
          );
        }
      },
      sink: async (bytes) => {
        pending.push(bytes);
        pendingBytes += bytes.length;
        if (pendingBytes >= 1024 * 1024) await flush();
      },
    });
    await flush();
    await fh.sync();
  } finally {
    await fh.close();
  }
  crashPoint('restore:after-decrypt');
  report('check', 0.8);
  const facts = checkDatabaseFile(incoming, {
    full: true,
    latestSchemaVersion: latest,
    ...(o.nativeBinding ? { nativeBinding: o.nativeBinding } : {}),
  });
  if (facts.schemaVersion !== manifest.schemaVersion) throw backupError('BACKUP_CORRUPT', '备份中数据库的版本与清单记录不符，备份不可用。');
  const names = new Set([...Object.keys(facts.counts), ...Object.keys(manifest.counts)]);
  for (const name of names) {
    if (facts.counts[name] !== manifest.counts[name]) {
      throw backupError(
        'BACKUP_CORRUPT',
        `备份中表 ${name} 的记录数（${facts.counts[name] ?? '缺失'}）与清单（${manifest.counts[name] ?? '缺失'}）不符，备份不可用。`,
      );
    }
  }
  return { manifest, size: opened.size, automatic: (opened.header.flags & 1) === 1 };
}

/** Checks a backup completely with its key, without restoring: decrypts into the work folder, checks, deletes. */
export async function verifyBackup(
  o: Pick<RestoreOptions, 'file' | 'key' | 'signal' | 'onProgress' | 'latestSchemaVersion' | 'nativeBinding'> & { workDir: string },
): Promise<VerifyResult> {
  fs.mkdirSync(o.workDir, { recursive: true, mode: 0o700 });
  const incoming = path.join(o.workDir, `verify-${process.pid}-${Date.now().toString(36)}.sqlite`);
  try {
    const r = await decryptAndCheck(o, incoming);
    o.onProgress?.({ phase: 'done', fraction: 1 });
    return { manifest: r.manifest, file: o.file, size: r.size, automatic: r.automatic };
  } finally {
    await removeQuietly(incoming);
    await removeQuietly(`${incoming}-journal`);
  }
}

export async function restoreBackup(o: RestoreOptions): Promise<RestoreResult> {
  const paths = backupPaths(o.dataDir);
  const now = (o.now ?? (() => new Date()))();
  fs.mkdirSync(paths.workDir, { recursive: true, mode: 0o700 });
  const incoming = path.join(paths.workDir, `restore-${utcStamp(now)}-${process.pid}.sqlite`);
  let manifest: Manifest;
  try {
    ({ manifest } = await decryptAndCheck(o, incoming));
    throwIfAborted(o.signal); // the last point where cancel is honoured
    crashPoint('restore:verified');
  } catch (error) {
    await removeQuietly(incoming);
    await removeQuietly(`${incoming}-journal`);
    throw error;
  }

  o.onProgress?.({ phase: 'swap', fraction: 0.95 });
  fs.mkdirSync(paths.preRestoreDir, { recursive: true, mode: 0o700 });
  const live = o.databaseFile;
  const damaged = await Promise.resolve()
    .then(() => o.owner.release())
    .then(
      (state) => state === 'damaged',
      async (error: unknown) => {
        await removeQuietly(incoming);
        throw error instanceof AppError
          ? error
          : backupError('BUSY', `无法关闭当前数据文件：${(error as Error).message}。当前数据没有改动。`);
      },
    );

  const preRestore = path.join(
    paths.preRestoreDir,
    `${path.basename(live, '.sqlite')}-${damaged ? 'damaged' : 'pre-restore'}-${utcStamp(now)}.sqlite`,
  );
  const hadLive = fs.existsSync(live);
  let swapped = false;
  try {
    const sidecars = sidecarsOf(live);
    // A -wal or -journal left beside a healthy file means another connection has it open.
    // Beside a damaged file it is the crashed program's and cannot be checkpointed: it goes
    // aside with the file (the caller holds the data-folder lock, so no program of ours uses it).
    if (!damaged && sidecars.some((f) => f.endsWith('-wal') || f.endsWith('-journal'))) {
      throw backupError('BUSY', '数据文件仍被其他程序（或另一个清廉台账窗口）打开，无法安全替换。请关闭后重试；当前数据没有改动。');
    }
    const journal: Journal = {
      version: 1,
      state: 'swapping',
      live,
      incoming,
      preRestore,
      backupFile: o.file,
      backupId: manifest.backupId,
      startedAt: now.toISOString(),
    };
    writeFileAtomicSync(paths.journal, JSON.stringify(journal, null, 2));
    crashPoint('restore:after-journal');
    // A -shm without a -wal holds no data; it goes with the old file so nothing stale stays beside the new one.
    for (const f of sidecars) fs.renameSync(f, preRestore + f.slice(live.length));
    if (hadLive) fs.renameSync(live, preRestore);
    fsyncDirSync(paths.preRestoreDir);
    fsyncDirSync(path.dirname(live));
    crashPoint('restore:after-move-live');
    fs.renameSync(incoming, live);
    swapped = true;
    fsyncDirSync(path.dirname(live));
    crashPoint('restore:after-move-new');
  } catch (error) {
    // Put the old file back (only if it was moved), then let the owner open it again.
    if (!swapped && hadLive && !fs.existsSync(live) && fs.existsSync(preRestore)) fs.renameSync(preRestore, live);
    await removeQuietly(incoming);
    await removeQuietly(paths.journal);
    reacquireQuietly(o.owner);
    throw error instanceof AppError ? error : writeFailure(error, path.dirname(live));
  }

  try {
    o.owner.reacquire(true);
  } catch (error) {
    // The verified file would not open (e.g. a migration failed): go back to the old one.
    const failed = path.join(paths.workDir, `failed-${utcStamp(now)}.sqlite`);
    try {
      fs.renameSync(live, failed);
      for (const f of sidecarsOf(live)) fs.renameSync(f, failed + f.slice(live.length));
      if (hadLive) fs.renameSync(preRestore, live);
      fsyncDirSync(path.dirname(live));
    } finally {
      await removeQuietly(paths.journal);
    }
    reacquireQuietly(o.owner);
    throw backupError('INTERNAL', `恢复后的数据文件无法打开（${(error as Error).message}），已换回恢复前的数据。`);
  }
  crashPoint('restore:after-reopen');
  await removeQuietly(paths.journal);
  await fsyncDir(o.dataDir);
  o.onProgress?.({ phase: 'done', fraction: 1 });
  return { manifest, backupFile: o.file, preRestoreFile: hadLive ? preRestore : null, replacedDamaged: damaged && hadLive };
}

function reacquireQuietly(owner: DbOwner): void {
  try {
    owner.reacquire(false);
  } catch (error) {
    console.error('[backup] could not reopen the database after a failed restore', error);
  }
}

export interface RecoveryReport {
  outcome: 'completed' | 'rolled-back' | 'journal-unreadable';
  backupFile: string | null;
  startedAt: string | null;
}

/**
 * Run before the database is opened (core host start, CLI): finishes or rolls back a
 * restore that was cut off, and clears the work folder. Never deletes a database file:
 * anything set aside is moved next to the pre-restore copy.
 */
export function recoverInterruptedRestore(dataDir: string, databaseFile: string): RecoveryReport | null {
  const paths = backupPaths(dataDir);
  let report: RecoveryReport | null = null;
  if (fs.existsSync(paths.journal)) {
    let j: Journal | null = null;
    try {
      const raw = JSON.parse(fs.readFileSync(paths.journal, 'utf8')) as Journal;
      if (raw.version === 1 && raw.live && raw.incoming && raw.preRestore && path.resolve(raw.live) === path.resolve(databaseFile)) j = raw;
    } catch {
      j = null;
    }
    if (!j) {
      fs.renameSync(paths.journal, `${paths.journal}.unreadable-${Date.now()}`);
      report = { outcome: 'journal-unreadable', backupFile: null, startedAt: null };
    } else {
      const liveExists = fs.existsSync(j.live);
      const incomingExists = fs.existsSync(j.incoming);
      const preExists = fs.existsSync(j.preRestore);
      let outcome: RecoveryReport['outcome'];
      if (incomingExists && !liveExists) {
        // Cut off between the two renames (or before the first, with no old file): the new file was fully verified; finish.
        fs.mkdirSync(path.dirname(j.preRestore), { recursive: true, mode: 0o700 });
        for (const f of sidecarsOf(j.live)) fs.renameSync(f, j.preRestore + f.slice(j.live.length));
        fs.renameSync(j.incoming, j.live);
        outcome = 'completed';
      } else if (incomingExists && liveExists) {
        // Cut off before the old file moved: it is untouched; drop the new one.
        fs.rmSync(j.incoming, { force: true });
        outcome = 'rolled-back';
      } else if (!liveExists && preExists) {
        fs.renameSync(j.preRestore, j.live);
        outcome = 'rolled-back';
      } else {
        outcome = 'completed'; // both renames done
      }
      fsyncDirSync(path.dirname(j.live));
      fs.rmSync(paths.journal, { force: true });
      fsyncDirSync(dataDir);
      report = { outcome, backupFile: j.backupFile, startedAt: j.startedAt };
    }
  }
  // Leftovers of cut-off snapshots, verifications and restores (never the live file).
  if (fs.existsSync(paths.workDir)) {
    for (const name of fs.readdirSync(paths.workDir)) {
      if (/^(snapshot|verify|restore)-.*\.sqlite(-journal|-wal|-shm)?$/.test(name))
        fs.rmSync(path.join(paths.workDir, name), { force: true });
    }
  }
  return report;
}

/**
 * The owner used when no core host holds the file (the CLI): refuses if any other
 * connection has it open (an exclusive lock cannot be had), checkpoints and closes.
 */
export function fileOwner(databaseFile: string, nativeBinding?: string): DbOwner {
  const opts = nativeBinding ? { nativeBinding } : {};
  return {
    release() {
      if (!fs.existsSync(databaseFile)) return;
      let db: Database.Database;
      try {
        db = new Database(databaseFile, { ...opts, fileMustExist: true, timeout: 200 });
      } catch {
        return 'damaged';
      }
      try {
        db.pragma('locking_mode = EXCLUSIVE');
        db.exec('BEGIN EXCLUSIVE; COMMIT');
        db.pragma('wal_checkpoint(TRUNCATE)');
        // Readable at all? (A file whose first bytes were overwritten fails above; a truncated one here.)
        const check = db.pragma('quick_check', { simple: true });
        if (check !== 'ok') return 'damaged';
      } catch (error) {
        const code = (error as { code?: string }).code ?? '';
        if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
          throw backupError('BUSY', '数据文件正被清廉台账或其他程序使用。请先退出清廉台账再从命令行恢复；当前数据没有改动。');
        }
        if (
          code.startsWith('SQLITE_NOTADB') ||
          code.startsWith('SQLITE_CORRUPT') ||
          code.startsWith('SQLITE_IOERR') ||
          code.startsWith('SQLITE_CANTOPEN')
        )
          return 'damaged';
        throw error;
      } finally {
        db.close();
      }
    },
    reacquire() {
      const { db } = openDatabase(databaseFile, opts);
      try {
        const ok = db.pragma('quick_check', { simple: true });
        if (ok !== 'ok') throw new Error(`quick_check: ${String(ok)}`);
      } finally {
        db.close();
      }
    },
  };
}
