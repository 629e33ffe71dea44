/**
 * The core host's backup service: the four kinds of backup job (create, verify, restore,
 * automatic) on the host's job runner (core/host/jobs.ts: one at a time, progress,
 * cancel by the owner or an administrator), the status, and the on-exit backup. The
 * schedule is schedule.ts, the places and the folder browser folders.ts, rotation
 * rotation.ts, the steps of a backup create.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/open';
import { AppError } from '../errors';
import type { HostConfig } from '../host/context';
import { JobRunner, type BackgroundService, type JobView } from '../host/jobs';
import { readAutoKey, readState, setAutoKey, updateState } from './auto';
import {
  PHASE_LABELS,
  type BackupJobView,
  type BackupListing,
  type BackupPlaces,
  type BackupStatus,
  type JobKind,
  type JobPhase,
  type RecoveryStatus,
} from './contract';
import { createBackup, type Progress } from './create';
import { backupError } from './errors';
import { backupPlaces, checkPlace, listFolder, systemDrives, type DriveProbe, type PlaceAccess } from './folders';
import type { Manifest } from './manifest';
import { backupPaths, restoreBackup, verifyBackup, type DbOwner, type RecoveryReport } from './restore';
import { rotateAfterAutomatic } from './rotation';
import { autoBackupSchedule, autoDueAt, recordAutoError, settingsIfReadable } from './schedule';
import { AUTO_PREFIX, kdfForNewBackups, manifestView, readBackupSettings } from './settings';

export interface BackupServiceDeps {
  config: HostConfig;
  getDb(): Db;
  owner: DbOwner;
  /** The Chinese explanation when the live file is damaged and the host runs only for 从备份恢复 (null: healthy). */
  damaged?(): string | null;
  now(): Date;
  nativeBinding?: string;
  /** How removable drives are found (tests pass their own). */
  drives?: DriveProbe;
  /** After a restore: every session ends (the accounts may differ); the restored database gets an audit entry. */
  afterRestore(info: { userId: string | null; manifest: Manifest; backupFile: string }): void;
  /** After a backup was written and verified: an audit entry (who took the records away, and where to). */
  afterCreate?(info: { userId: string | null; manifest: Manifest; backupFile: string }): void;
}

/** Who calls: null before login (only the recovery page on a damaged file gets that far). */
export interface BackupActor {
  id: string;
  displayName: string;
  isAdmin: boolean;
}

type Result = NonNullable<BackupJobView['result']>;
type Job = JobView<JobKind, JobPhase, Result>;

/** A job's progress as the runner keeps it: phase, its Chinese label, and the fraction in thousandths. */
const progressOf = (p: Progress) => ({ phase: p.phase, label: PHASE_LABELS[p.phase], done: Math.round(p.fraction * 1000), total: 1000 });

export { manifestView };

export class BackupService {
  private readonly jobs: JobRunner<JobKind, JobPhase, Result>;
  private readonly paths: ReturnType<typeof backupPaths>;
  private readonly drives: DriveProbe;
  /** The automatic-backup timer, a background service the host starts and stops. */
  readonly schedule: BackgroundService;

  constructor(private readonly deps: BackupServiceDeps) {
    this.paths = backupPaths(deps.config.dataDir);
    this.drives = deps.drives ?? systemDrives;
    this.jobs = new JobRunner({
      now: deps.now,
      busyMessage: '另一个备份或恢复任务正在进行，请等它完成后再试。',
      notFoundMessage: '找不到该备份任务（程序可能已重新启动）。',
      unexpectedPrefix: '备份任务意外失败',
      onFailure: (kind, error) => {
        if (kind === 'auto') recordAutoError(deps.config.dataDir, deps.now(), error);
      },
    });
    this.schedule = autoBackupSchedule(() => this.tick());
  }

  /** A restore cut off by a crash was finished or rolled back at start: remember it for the status. */
  noteRecovery(report: RecoveryReport | null): void {
    if (!report) return;
    updateState(this.deps.config.dataDir, (s) => {
      s.lastRestore = { at: this.deps.now().toISOString(), backupFile: report.backupFile, outcome: `interrupted-${report.outcome}` };
    });
  }

  get busy(): boolean {
    return this.jobs.running().length > 0;
  }

  /** A job's progress (backup.job is public: a restore ends every session, and the 128-bit id is what lets one watch). */
  job(id: string): BackupJobView {
    return toView(this.jobs.view(id));
  }

  /** Cancels a running job: its owner or an administrator; on a damaged file (nobody can log in) the person at the machine. */
  cancel(id: string, actor: BackupActor | null): BackupJobView {
    const damaged = !!this.deps.damaged?.();
    return toView(this.jobs.cancel(id, { userId: actor?.id ?? null, isAdmin: damaged || !!actor?.isAdmin }));
  }

  /** Where this account may browse and keep backups (folders.ts). */
  placeAccess(actor: BackupActor | null): PlaceAccess {
    if (this.deps.damaged?.() || actor?.isAdmin) return { anywhere: true, allowed: [] };
    const settings = settingsIfReadable(this.deps.getDb);
    return {
      anywhere: false,
      allowed: settings ? [...settings.allowedFolders, ...(settings.auto.folder ? [settings.auto.folder] : [])] : [],
    };
  }

  places(actor: BackupActor | null): Promise<BackupPlaces> {
    return backupPlaces(this.placeAccess(actor), this.drives);
  }

  list(folder: string, actor: BackupActor | null): Promise<BackupListing> {
    return listFolder(folder, this.placeAccess(actor), this.drives);
  }

  async startCreate(input: { folder: string; passphrase: string }, actor: BackupActor): Promise<BackupJobView> {
    const folder = await checkPlace(input.folder, this.placeAccess(actor), this.drives);
    return this.start('create', actor.id, async (signal, progress) => {
      const r = await createBackup({
        source: this.source(),
        targetDir: folder,
        key: { passphrase: input.passphrase },
        kdf: kdfForNewBackups(),
        kind: 'manual',
        appVersion: this.deps.config.version,
        createdBy: actor.displayName,
        workDir: this.paths.workDir,
        now: this.deps.now,
        signal,
        onProgress: progress,
      });
      updateState(this.deps.config.dataDir, (s) => {
        s.lastSuccess = { at: r.manifest.createdAt, file: r.file, kind: 'manual' };
      });
      this.deps.afterCreate?.({ userId: actor.id, manifest: r.manifest, backupFile: r.file });
      return { file: r.file, size: r.size, manifest: manifestView(r.manifest), preRestoreFile: null, readBack: r.readBack };
    });
  }

  async startVerify(input: { file: string; passphrase: string }, actor: BackupActor): Promise<BackupJobView> {
    const file = await checkPlace(input.file, this.placeAccess(actor), this.drives);
    return this.start('verify', actor.id, async (signal, progress) => {
      const r = await verifyBackup({
        file,
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
    return { damaged: message !== null, message, databaseFile: this.deps.config.databaseFile };
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
    return this.start('restore', userId, async (signal, progress) => {
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

  /** Runs an automatic backup now (schedule, exit, or the administrator's 立即备份); owned by the host (only an administrator cancels it). */
  startAuto(): BackupJobView {
    const settings = readBackupSettings(this.deps.getDb());
    const key = readAutoKey(this.deps.config.dataDir);
    if (!settings.auto.folder) throw backupError('VALIDATION', '尚未设置自动备份文件夹。');
    if (!key) throw backupError('VALIDATION', '尚未设置自动备份密钥，请管理员先设置。');
    const folder = path.resolve(settings.auto.folder);
    const dataDir = this.deps.config.dataDir;
    updateState(dataDir, (s) => {
      s.lastAutoAttemptAt = this.deps.now().toISOString();
    });
    return this.start('auto', null, async (signal, progress) => {
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
      const state = updateState(dataDir, (s) => {
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
      await rotateAfterAutomatic({
        dataDir,
        folder,
        policy: settings.auto.keep,
        records: state.written,
        written: r.file,
        now: this.deps.now,
      });
      return { file: r.file, size: r.size, manifest: manifestView(r.manifest), preRestoreFile: null, readBack: r.readBack };
    });
  }

  async setAutoKey(passphrase: string): Promise<void> {
    await setAutoKey(this.deps.config.dataDir, passphrase, this.deps.now(), kdfForNewBackups());
  }

  status(db: Db, actor: BackupActor): BackupStatus {
    const settings = readBackupSettings(db);
    const dataDir = this.deps.config.dataDir;
    const state = readState(dataDir);
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
    const due = autoDueAt(dataDir, settings);
    const running = this.jobs.running()[0] ?? null;
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
        keySet: readAutoKey(dataDir) !== null,
        lastError: state.lastAutoError,
        nextDueAt: due ? due.toISOString() : null,
      },
      lastRestore: state.lastRestore,
      busy: running !== null,
      runningJob: running && this.jobs.owns(running.id, { userId: actor.id, isAdmin: actor.isAdmin }) ? running.id : null,
    };
  }

  /** Starts an automatic backup if one is due; returns the job or null. */
  tick(): BackupJobView | null {
    if (this.busy) return null;
    const settings = settingsIfReadable(this.deps.getDb);
    if (!settings) return null;
    const due = autoDueAt(this.deps.config.dataDir, settings);
    if (!due || due.getTime() > this.deps.now().getTime()) return null;
    try {
      return this.startAuto();
    } catch (error) {
      recordAutoError(this.deps.config.dataDir, this.deps.now(), error);
      return null;
    }
  }

  /** The host is stopping: the schedule stops, a running job ends (a restore is let finish), then the on-exit backup if enabled. */
  async shutdown(): Promise<void> {
    await this.schedule.stop();
    await this.jobs.stop((job) => job.kind !== 'restore');
    const settings = settingsIfReadable(this.deps.getDb);
    if (!settings?.auto.enabled || !settings.auto.onExit) return;
    try {
      const job = this.startAuto();
      await this.jobs.settled(job.id);
    } catch (error) {
      recordAutoError(this.deps.config.dataDir, this.deps.now(), error);
    }
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
    ownerId: string | null,
    run: (signal: AbortSignal, progress: (p: Progress) => void) => Promise<Result>,
  ): BackupJobView {
    const first = progressOf({ phase: kind === 'verify' || kind === 'restore' ? 'decrypt' : 'snapshot', fraction: 0 });
    return toView(this.jobs.start(kind, ownerId, first, ({ signal, report }) => run(signal, (p) => report(progressOf(p)))));
  }
}

function toView(job: Job): BackupJobView {
  const done = job.state === 'done';
  return {
    id: job.id,
    kind: job.kind,
    state: job.state,
    phase: done ? 'done' : job.progress.phase,
    label: done ? PHASE_LABELS.done : job.progress.label,
    fraction: job.progress.done / job.progress.total,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    error: job.error,
    result: job.result,
  };
}
