/** The backup settings (设置 › 自动备份) as stored, the key cost for new backups, and the job view's manifest. */
import type { Db } from '../../db/open';
import { testHooks, type TestHooks } from '../config/testHooks';
import { readSetting } from '../settings/queries';
import { DEFAULT_BACKUP_SETTINGS, backupSettingsSchema, type BackupSettings, type ManifestView } from './contract';
import type { KdfParams } from './crypto';
import { DEFAULT_KDF, KDF_BOUNDS } from './format';
import { TABLE_LABELS, type Manifest } from './manifest';

export const BACKUP_SETTINGS_KEY = 'backup';
/** File name prefix of automatic backups (manual ones: qinglian-backup). */
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

/** What a job's result shows of a manifest: tables with a Chinese label, with their counts. */
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
