/**
 * The automatic-backup schedule (自动备份): whether one is due, the timer that starts it
 * (a background service of the host, core/host/jobs.ts), and the last error recorded for
 * the status. The backup itself is BackupService.startAuto.
 */
import type { Db } from '../../db/open';
import { AppError } from '../errors';
import { intervalService, type BackgroundService } from '../host/jobs';
import { nextDue, readAutoKey, readState, updateState } from './auto';
import type { BackupSettings } from './contract';
import { readBackupSettings } from './settings';

/** The backup settings, or null while the database cannot be read (a restore has it closed, or it is not set up). */
export function settingsIfReadable(getDb: () => Db): BackupSettings | null {
  try {
    return readBackupSettings(getDb());
  } catch {
    return null;
  }
}

/** When the next automatic backup is due, or null when automatic backups are not fully set up. */
export function autoDueAt(dataDir: string, settings: BackupSettings): Date | null {
  const configured = settings.auto.enabled && !!settings.auto.folder && readAutoKey(dataDir) !== null;
  return nextDue(readState(dataDir), settings.auto.intervalHours, configured);
}

/** Records why an automatic backup failed or could not start (the status shows it; a retry waits 15 minutes). */
export function recordAutoError(dataDir: string, now: Date, error: unknown): void {
  const message = error instanceof AppError ? error.message : `自动备份失败：${(error as Error)?.message ?? error}`;
  updateState(dataDir, (s) => {
    s.lastAutoError = { at: now.toISOString(), message };
  });
}

/** The timer: asks `tick` once a minute whether an automatic backup is due. */
export function autoBackupSchedule(tick: () => void, everyMs = 60_000): BackgroundService {
  return intervalService('自动备份计划', everyMs, tick);
}
