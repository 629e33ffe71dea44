/**
 * The core host's backup service: long jobs (create, verify, restore, automatic) run
 * in the host process one at a time, report progress and can be cancelled; the UI
 * polls `backup.job`. Also the schedule and the on-exit backup.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../db/open';
import { AppError } from '../errors';
import type { HostConfig } from '../host/context';
import { readSetting } from '../settings/queries';
import { nextDue, readAutoKey, readState, setAutoKey, updateState, type BackupState } from './auto';
import {
  DEFAULT_BACKUP_SETTINGS,
  backupSettingsSchema,
  type BackupFileInfo,
  type BackupJobView,
  type BackupListing,
  type BackupSettings,
  type BackupStatus,
  type RecoveryStatus,
  type JobKind,
  type ManifestView,
} from './contract';
import { createBackup, type Progress } from './create';
import { backupError } from './errors';
import { BACKUP_EXTENSION, DEFAULT_KDF, FLAG_AUTOMATIC, HEADER_LENGTH, KDF_BOUNDS, parseHeader } from './format';
import type { KdfParams } from './crypto';
import { testHooks, type TestHooks } from '../config/testHooks';
import { TABLE_LABELS, type Manifest } from './manifest';
import { backupPaths, restoreBackup, verifyBackup, type DbOwner, type RecoveryReport } from './restore';
import { rotateOwn } from './rotation';

export const BACKUP_SETTINGS_KEY = 'backup';
export const AUTO_PREFIX = 'qinglian-auto';

/**
 * The KDF cost for new backups and keys: DEFAULT_KDF (2^17), or a test hook's logN
 * (15..20; core/config/testHooks.ts, never the environment) — never below what readers accept.
 */
export function kdfForNewBackups(hooks: Readonly<TestHooks> = testHooks()): KdfParams {
  const logN = hooks.backupKdfLogN;
  return logN !== undefined && Number.isInteger(logN) && logN >= KDF_BOUNDS.minLogN && logN <= KDF_BOUNDS.maxLogN
    ? { ...DEFAULT_KDF, logN }
    : DEFAULT_KDF;
}

export function readBackupSettings(db: Db): BackupSettings {
  const parsed = backupSettingsSchema.safeParse(readSetting<unknown>(db, BACKUP_SETTINGS_KEY));
  return parsed.success ? parsed.data : DEFAULT_BACKUP_SETTINGS;
}

export interface BackupServiceDeps {
  config: HostConfig;
  getDb(): Db;
  owner: DbOwner;
  /** The Chinese explanation when the live file is damaged and the host runs only for 从备份恢复 (null: healthy). */
  damaged?(): string | null;
  now(): Date;
  nativeBinding?: string;
  /** After a restore: every session ends (the accounts may differ); the restored database gets an audit entry. */
  afterRestore(info: { userId: string | null; manifest: Manifest; backupFile: string }): void;
  /** After a backup was written and verified: an audit entry (who took the records away, and where to). */
  afterCreate?(info: { userId: string | null; manifest: Manifest; backupFile: string }): void;
}

interface JobRecord {
  view: BackupJobView;
  controller: AbortController;
  done: Promise<void>;
}

export function manifestView(m: Manifest): ManifestView {
  const counts = Object.entries(m.counts)
    .filter(([table]) => TABLE_LABELS[table])
    .map(([table, count]) => ({ table, label: TABLE_LABELS[table]!, count }));
  return {
    backupId: m.backupId,
    createdAt: m.createdAt,
    createdBy: m.createdBy,
    kind: m.kind,
    appVersion: m.appVersion,
    schemaVersion: m.schemaVersion,
    machine: m.machine,
    databaseSize: m.database.size,
    counts,
  };
}

export class BackupService {
  private readonly jobs = new Map<string, JobRecord>();
  private current: JobRecord | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly paths: ReturnType<typeof backupPaths>;

  constructor(private readonly deps: BackupServiceDeps) {
    this.paths = backupPaths(deps.config.dataDir);
  }

  /** A restore cut off by a crash was finished or rolled back at start: remember it for the status. */
  noteRecovery(report: RecoveryReport | null): void {
    if (!report) return;
    updateState(this.deps.config.dataDir, (s) => {
      s.lastRestore = { at: this.deps.now().toISOString(), backupFile: report.backupFile, outcome: `interrupted-${report.outcome}` };
    });
  }

  get busy(): boolean {
    return this.current !== null;
  }

  job(id: string): BackupJobView {
    const job = this.jobs.get(id);
    if (!job) throw new AppError('NOT_FOUND', '找不到该备份任务（程序可能已重新启动）。');
    return { ...job.view };
  }

  cancel(id: string): BackupJobView {
    const job = this.jobs.get(id);
    if (!job) throw new AppError('NOT_FOUND', '找不到该备份任务。');
    if (job.view.state === 'running') job.controller.abort();
    return { ...job.view };
  }

  startCreate(input: { folder: string; passphrase: string }, user: { id: string; displayName: string } | null): BackupJobView {
    const folder = path.resolve(input.folder);
    return this.start('create', async (signal, progress) => {
      const r = await createBackup({
        source: this.source(),
        targetDir: folder,
        key: { passphrase: input.passphrase },
        kdf: kdfForNewBackups(),
        kind: 'manual',
        appVersion: this.deps.config.version,
        createdBy: user?.displayName ?? null,
        workDir: this.paths.workDir,
        now: this.deps.now,
        signal,
        onProgress: progress,
      });
      updateState(this.deps.config.dataDir, (s) => {
        s.lastSuccess = { at: r.manifest.createdAt, file: r.file, kind: 'manual' };
      });
      this.deps.afterCreate?.({ userId: user?.id ?? null, manifest: r.manifest, backupFile: r.file });
      return { file: r.file, size: r.size, manifest: manifestView(r.manifest), preRestoreFile: null, readBack: r.readBack };
    });
  }

  startVerify(input: { file: string; passphrase: string }): BackupJobView {
    return this.start('verify', async (signal, progress) => {
      const r = await verifyBackup({
        file: path.resolve(input.file),
        key: { passphrase: input.passphrase },
        workDir: this.paths.workDir,
        signal,
        onProgress: progress,
        ...(this.deps.nativeBinding ? { nativeBinding: this.deps.nativeBinding } : {}),
      });
      return { file: r.file, size: r.size, manifest: manifestView(r.manifest), preRestoreFile: null };
    });
  }

  /** Where the app stands when it started on a damaged file (the renderer shows 从备份恢复 then). */
  recoveryStatus(): RecoveryStatus {
    const message = this.deps.damaged?.() ?? null;
    return {
      damaged: message !== null,
      message,
      databaseFile: this.deps.config.databaseFile,
      suggestedFolders: message ? suggestedFolders() : [],
    };
  }

  /**
   * 从备份恢复 on a damaged live file, without logging in: the accounts are in the file
   * that cannot be read, so nobody can log in; knowing the backup's passphrase is what
   * allows it (docs/decisions.md). Refused while the database is healthy.
   */
  startRecoveryRestore(input: { file: string; passphrase: string }): BackupJobView {
    if (!this.deps.damaged?.()) throw new AppError('FORBIDDEN', '数据文件完好：请登录后由管理员在“备份与恢复”中恢复。');
    return this.startRestore(input, null);
  }

  startRestore(input: { file: string; passphrase: string }, userId: string | null): BackupJobView {
    return this.start('restore', async (signal, progress) => {
      const file = path.resolve(input.file);
      const r = await restoreBackup({
        file,
        key: { passphrase: input.passphrase },
        dataDir: this.deps.config.dataDir,
        databaseFile: this.deps.config.databaseFile,
        owner: this.deps.owner,
        now: this.deps.now,
        signal,
        onProgress: progress,
        ...(this.deps.nativeBinding ? { nativeBinding: this.deps.nativeBinding } : {}),
      });
      updateState(this.deps.config.dataDir, (s) => {
        s.lastRestore = { at: this.deps.now().toISOString(), backupFile: file, outcome: 'completed' };
      });
      this.deps.afterRestore({ userId, manifest: r.manifest, backupFile: file });
      return {
        file,
        size: fs.statSync(this.deps.config.databaseFile).size,
        manifest: manifestView(r.manifest),
        preRestoreFile: r.preRestoreFile,
      };
    });
  }

  /** Runs an automatic backup now (schedule, exit, or the administrator's 立即备份). */
  startAuto(): BackupJobView {
    const settings = readBackupSettings(this.deps.getDb());
    const key = readAutoKey(this.deps.config.dataDir);
    if (!settings.auto.folder) throw backupError('VALIDATION', '尚未设置自动备份文件夹。');
    if (!key) throw backupError('VALIDATION', '尚未设置自动备份密钥，请管理员先设置。');
    const folder = path.resolve(settings.auto.folder);
    const started = this.deps.now();
    updateState(this.deps.config.dataDir, (s) => {
      s.lastAutoAttemptAt = started.toISOString();
    });
    const job = this.start('auto', async (signal, progress) => {
      fs.mkdirSync(folder, { recursive: true });
      const r = await createBackup({
        source: this.source(),
        targetDir: folder,
        prefix: AUTO_PREFIX,
        key: { kek: key.kek, salt: key.salt, kdf: key.kdf },
        kind: 'automatic',
        appVersion: this.deps.config.version,
        createdBy: null,
        workDir: this.paths.workDir,
        now: this.deps.now,
        signal,
        onProgress: progress,
      });
      const state = updateState(this.deps.config.dataDir, (s) => {
        const stamp = { at: r.manifest.createdAt, file: r.file, kind: 'automatic' as const };
        s.lastSuccess = stamp;
        s.lastAuto = stamp;
        s.lastAutoError = null;
        s.written.push({
          file: r.file,
          backupId: r.manifest.backupId,
          size: r.size,
          headerSha256: r.headerSha256,
          createdAt: r.manifest.createdAt,
        });
      });
      this.deps.afterCreate?.({ userId: null, manifest: r.manifest, backupFile: r.file });
      try {
        const rotation = await rotateOwn(folder, settings.auto.keep, state.written, [r.file]);
        updateState(this.deps.config.dataDir, (s) => {
          s.written = rotation.records;
          s.lastRotation = {
            at: this.deps.now().toISOString(),
            removed: rotation.removed.map((f) => path.basename(f)),
            leftAlone: rotation.leftAlone,
          };
        });
      } catch (error) {
        // The backup itself is written and verified; a rotation that could not run deletes nothing.
        console.error('[backup] rotation failed', error);
      }
      return { file: r.file, size: r.size, manifest: manifestView(r.manifest), preRestoreFile: null, readBack: r.readBack };
    });
    return job;
  }

  async setAutoKey(passphrase: string): Promise<void> {
    await setAutoKey(this.deps.config.dataDir, passphrase, this.deps.now(), kdfForNewBackups());
  }

  status(db: Db): BackupStatus {
    const settings = readBackupSettings(db);
    const state = readState(this.deps.config.dataDir);
    const now = this.deps.now().getTime();
    // Never point at a file that is gone: fall back to the newest recorded backup still on disk.
    let lastSuccess = state.lastSuccess;
    let lastSuccessGone: BackupStatus['lastSuccessGone'] = null;
    if (lastSuccess && !fs.existsSync(lastSuccess.file)) {
      lastSuccessGone = { at: lastSuccess.at, file: lastSuccess.file };
      const still = state.written.filter((w) => fs.existsSync(w.file)).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
      lastSuccess = still ? { at: still.createdAt, file: still.file, kind: 'automatic' } : null;
    }
    const ageDays = lastSuccess ? Math.max(0, (now - Date.parse(lastSuccess.at)) / 86_400_000) : null;
    const keySet = readAutoKey(this.deps.config.dataDir) !== null;
    const configured = settings.auto.enabled && !!settings.auto.folder && keySet;
    const due = nextDue(state, settings.auto.intervalHours, configured);
    return {
      lastSuccess,
      lastSuccessGone,
      rotation: state.lastRotation,
      ageDays: ageDays === null ? null : Math.floor(ageDays * 10) / 10,
      warnAfterDays: settings.warnAfterDays,
      stale: ageDays === null || ageDays > settings.warnAfterDays,
      auto: {
        enabled: settings.auto.enabled,
        folder: settings.auto.folder,
        keySet,
        lastError: state.lastAutoError,
        nextDueAt: due ? due.toISOString() : null,
      },
      lastRestore: state.lastRestore,
      runningJob: this.current?.view.id ?? null,
      suggestedFolders: suggestedFolders(),
    };
  }

  /** Starts an automatic backup if one is due; returns the job or null. */
  tick(): BackupJobView | null {
    if (this.current) return null;
    let settings: BackupSettings;
    try {
      settings = readBackupSettings(this.deps.getDb());
    } catch {
      return null; // database closed (restore in progress) or not set up
    }
    const configured = settings.auto.enabled && !!settings.auto.folder && readAutoKey(this.deps.config.dataDir) !== null;
    const due = nextDue(readState(this.deps.config.dataDir), settings.auto.intervalHours, configured);
    if (!due || due.getTime() > this.deps.now().getTime()) return null;
    try {
      return this.startAuto();
    } catch (error) {
      this.recordAutoError(error);
      return null;
    }
  }

  startScheduler(everyMs = 60_000): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), everyMs);
    this.timer.unref();
  }

  stopScheduler(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** The host is stopping: wait for a running job (a restore must finish), then the on-exit backup if enabled. */
  async shutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.current) {
      if (this.current.view.kind !== 'restore') this.current.controller.abort();
      await this.current.done;
    }
    let settings: BackupSettings;
    try {
      settings = readBackupSettings(this.deps.getDb());
    } catch {
      return;
    }
    if (!settings.auto.enabled || !settings.auto.onExit) return;
    try {
      const job = this.startAuto();
      await this.jobs.get(job.id)?.done;
    } catch (error) {
      this.recordAutoError(error);
    }
  }

  list(folderInput: string): BackupListing {
    const folder = path.resolve(folderInput);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new AppError(
        'NOT_FOUND',
        code === 'ENOTDIR'
          ? `${folder} 不是文件夹。`
          : `无法打开文件夹 ${folder}（${code === 'ENOENT' ? '不存在' : (code ?? '未知错误')}）。`,
      );
    }
    const folders = entries
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort((a, b) => a.localeCompare(b, 'zh-CN'))
      .slice(0, 500);
    const backups: BackupFileInfo[] = [];
    for (const e of entries) {
      if (!e.isFile() || !e.name.endsWith(BACKUP_EXTENSION)) continue;
      const file = path.join(folder, e.name);
      const size = fs.statSync(file).size;
      const info: BackupFileInfo = { file, name: e.name, size, createdAt: null, automatic: false, problem: null };
      try {
        const fh = fs.openSync(file, 'r');
        try {
          // Header only, synchronously: cheap, no key.
          const raw = Buffer.alloc(HEADER_LENGTH);
          const n = fs.readSync(fh, raw, 0, HEADER_LENGTH, 0);
          const h = parseHeader(raw.subarray(0, n), size);
          info.createdAt = h.createdAt.toISOString();
          info.automatic = (h.flags & FLAG_AUTOMATIC) !== 0;
        } finally {
          fs.closeSync(fh);
        }
      } catch (error) {
        info.problem = error instanceof AppError ? error.message : '无法读取';
      }
      backups.push(info);
    }
    backups.sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? '') || b.name.localeCompare(a.name));
    const parent = path.dirname(folder);
    return { folder, parent: parent === folder ? null : parent, folders, backups };
  }

  private recordAutoError(error: unknown): void {
    const message = error instanceof AppError ? error.message : `自动备份失败：${(error as Error)?.message ?? error}`;
    updateState(this.deps.config.dataDir, (s) => {
      s.lastAutoError = { at: this.deps.now().toISOString(), message };
    });
  }

  private source() {
    return {
      db: this.deps.getDb(),
      databaseFile: this.deps.config.databaseFile,
      ...(this.deps.nativeBinding ? { nativeBinding: this.deps.nativeBinding } : {}),
    };
  }

  private start(
    kind: JobKind,
    run: (signal: AbortSignal, progress: (p: Progress) => void) => Promise<BackupJobView['result']>,
  ): BackupJobView {
    if (this.current) {
      throw backupError('BUSY', '另一个备份或恢复任务正在进行，请等它完成后再试。');
    }
    const id = randomBytes(16).toString('base64url');
    const controller = new AbortController();
    const view: BackupJobView = {
      id,
      kind,
      state: 'running',
      phase: kind === 'verify' || kind === 'restore' ? 'decrypt' : 'snapshot',
      fraction: 0,
      startedAt: this.deps.now().toISOString(),
      finishedAt: null,
      error: null,
      result: null,
    };
    const record: JobRecord = { view, controller, done: Promise.resolve() };
    this.jobs.set(id, record);
    this.current = record;
    // Forget finished jobs after an hour.
    for (const [jid, j] of this.jobs) if (j.view.finishedAt && Date.parse(j.view.finishedAt) < Date.now() - 3600_000) this.jobs.delete(jid);
    record.done = run(controller.signal, (p) => {
      view.phase = p.phase;
      view.fraction = p.fraction;
    })
      .then(
        (result) => {
          view.state = 'done';
          view.phase = 'done';
          view.fraction = 1;
          view.result = result;
        },
        (error: unknown) => {
          const body =
            error instanceof AppError
              ? error.toBody()
              : { code: 'INTERNAL' as const, message: `备份任务意外失败：${(error as Error)?.message ?? String(error)}` };
          if (!(error instanceof AppError)) console.error('[backup] job failed', error);
          view.state = body.code === 'CANCELLED' ? 'cancelled' : 'failed';
          view.error = { code: body.code, message: body.message };
          if (kind === 'auto') this.recordAutoError(error);
        },
      )
      .finally(() => {
        view.finishedAt = this.deps.now().toISOString();
        if (this.current === record) this.current = null;
      });
    return { ...view };
  }
}

/** Removable drives and the home folder, for the folder picker. */
export function suggestedFolders(): string[] {
  const out: string[] = [];
  const children = (dir: string) => {
    try {
      return fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => path.join(dir, e.name));
    } catch {
      return [];
    }
  };
  if (process.platform === 'win32') {
    for (const letter of 'DEFGHIJKLMNOPQRSTUVWXYZ') if (fs.existsSync(`${letter}:\\`)) out.push(`${letter}:\\`);
  } else if (process.platform === 'darwin') {
    out.push(...children('/Volumes'));
  } else {
    const user = os.userInfo().username;
    out.push(
      ...children(path.join('/media', user)),
      ...children(path.join('/run/media', user)),
      ...children('/media').filter((d) => path.basename(d) !== user),
    );
  }
  out.push(os.homedir());
  return [...new Set(out)].slice(0, 20);
}

export type { BackupState };
