/** Backups in the contract: inputs (zod) and results. No Node APIs: the renderer imports this. */
import { z } from 'zod';
import { passphraseProblem } from './strength';

const pathText = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(1000, `${label}过长`);

const PASSPHRASE_MAX = 1024;
const passphrase = z.string({ error: '请输入口令' }).min(1, '请输入口令').max(PASSPHRASE_MAX, `口令过长（最多 ${PASSPHRASE_MAX} 个字符）`);

const newPassphrase = z
  .object({
    passphrase,
    passphraseConfirm: z.string({ error: '请再次输入口令' }).max(PASSPHRASE_MAX, `口令过长（最多 ${PASSPHRASE_MAX} 个字符）`),
  })
  .superRefine((v, ctx) => {
    // zod still runs this after the length check failed: a 10-million-character passphrase
    // held the core for 13 s in the strength check. Too long has already been said.
    if (v.passphrase.length > PASSPHRASE_MAX || v.passphraseConfirm.length > PASSPHRASE_MAX) return;
    const problem = passphraseProblem(v.passphrase);
    if (problem) ctx.addIssue({ code: 'custom', path: ['passphrase'], message: problem });
    if (v.passphrase.normalize('NFKC') !== v.passphraseConfirm.normalize('NFKC'))
      ctx.addIssue({ code: 'custom', path: ['passphraseConfirm'], message: '两次输入的口令不一致' });
  });

export const backupCreateInput = z.object({ folder: pathText('备份文件夹') }).and(newPassphrase);
export const backupVerifyInput = z.object({ file: pathText('备份文件'), passphrase });
export const backupRestoreInput = z.object({
  file: pathText('备份文件'),
  passphrase,
  confirm: z.literal(true, { error: '请确认用备份替换当前数据' }),
});
export const backupJobInput = z.object({ jobId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '任务编号不正确') });
export const backupListInput = z.object({ folder: pathText('文件夹') });

export const keepPolicySchema = z.object({
  daily: z.number().int().min(0).max(60),
  weekly: z.number().int().min(0).max(52),
  monthly: z.number().int().min(0).max(120),
});

export const backupSettingsSchema = z.object({
  auto: z.object({
    enabled: z.boolean(),
    folder: z.string().trim().max(1000).nullable(),
    /** Hours between automatic backups while the app runs. */
    intervalHours: z.number().int().min(1, '间隔至少 1 小时').max(168, '间隔最多 168 小时（7 天）'),
    onExit: z.boolean(),
    keep: keepPolicySchema,
  }),
  /** The home screen warns when the last successful backup is older than this. */
  warnAfterDays: z.number().int().min(1, '至少 1 天').max(90, '最多 90 天'),
  /**
   * Folders besides the removable drives (and the automatic folder) where accounts that are
   * not administrators may make, look for and check backups (core/backup/folders.ts).
   * Missing in settings saved before this existed: none.
   */
  allowedFolders: z
    .array(z.string().trim().min(1, '请填写文件夹').max(1000, '文件夹路径过长'))
    .max(20, '最多 20 个允许的文件夹')
    .default([]),
});
export type BackupSettings = z.infer<typeof backupSettingsSchema>;

export const backupSettingsInput = backupSettingsSchema.superRefine((v, ctx) => {
  if (v.auto.enabled && !v.auto.folder)
    ctx.addIssue({ code: 'custom', path: ['auto', 'folder'], message: '开启自动备份需要选择备份文件夹' });
});

export const backupAutoKeyInput = newPassphrase;

export const DEFAULT_BACKUP_SETTINGS: BackupSettings = {
  auto: { enabled: false, folder: null, intervalHours: 24, onExit: true, keep: { daily: 7, weekly: 4, monthly: 12 } },
  warnAfterDays: 7,
  allowedFolders: [],
};

export type JobKind = 'create' | 'verify' | 'restore' | 'auto';
export type JobPhase = 'snapshot' | 'encrypt' | 'verify' | 'decrypt' | 'check' | 'swap' | 'done';

/** What the clerk reads for each phase (the job view carries it as `label`). */
export const PHASE_LABELS: Record<JobPhase, string> = {
  snapshot: '正在生成数据快照',
  encrypt: '正在加密并写入',
  verify: '正在读回校验',
  decrypt: '正在解密',
  check: '正在检查数据完整性',
  swap: '正在替换数据文件',
  done: '完成',
};

export interface ManifestView {
  backupId: string;
  createdAt: string;
  createdBy: string | null;
  kind: 'manual' | 'automatic';
  appVersion: string;
  schemaVersion: number;
  machine: string;
  databaseSize: number;
  /** Tables with a Chinese label first. */
  counts: { table: string; label: string; count: number }[];
}

export interface BackupJobView {
  id: string;
  kind: JobKind;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  phase: JobPhase;
  /** The phase in Chinese (PHASE_LABELS). */
  label: string;
  /** 0..1 */
  fraction: number;
  startedAt: string;
  finishedAt: string | null;
  error: { code: string; message: string } | null;
  result: {
    file: string;
    size: number;
    manifest: ManifestView;
    /** restore: where the database that was replaced now is. */
    preRestoreFile: string | null;
    /**
     * create: where the read-back after fsync read from. 'device': the file cache was
     * bypassed (the stick itself was read); 'cache': the system may have answered from
     * memory, so only the write is confirmed (the UI offers a re-check after re-inserting
     * the stick). null for verify and restore (they read the whole file anyway).
     */
    readBack?: 'device' | 'cache' | null;
  } | null;
}

export interface BackupStatus {
  /** The newest successful backup whose file is still where it was written (never a file that is gone). */
  lastSuccess: { at: string; file: string; kind: 'manual' | 'automatic' } | null;
  /** The last success's file when it is no longer there (deleted or moved by someone): the UI says so. */
  lastSuccessGone: { at: string; file: string } | null;
  /** The last rotation of the automatic folder: what it deleted, and the files it left alone and why. */
  rotation: { at: string; removed: string[]; leftAlone: { name: string; reason: string }[] } | null;
  /** Days since the last successful backup (null: never). */
  ageDays: number | null;
  warnAfterDays: number;
  /** Never backed up, or the last backup is older than warnAfterDays. */
  stale: boolean;
  auto: {
    enabled: boolean;
    folder: string | null;
    keySet: boolean;
    lastError: { at: string; message: string } | null;
    nextDueAt: string | null;
  };
  lastRestore: { at: string; backupFile: string | null; outcome: string } | null;
  /** Whether a backup or restore job is running (anyone's). */
  busy: boolean;
  /** The running job's id, only for the account that started it or an administrator (the id lets one watch it). */
  runningJob: string | null;
}

/** backup.places: where the folder picker offers to go (core/backup/folders.ts). */
export interface BackupPlaces {
  /** Mount points of the removable drives plugged in now (U 盘、移动硬盘); never the home folder. */
  removable: string[];
  /** Folders the administrator allowed (the automatic folder and the extra allowed folders). */
  allowed: string[];
  /** This account may browse any folder (administrators; the recovery page on a damaged file). */
  anywhere: boolean;
  /** Chinese, when no removable drive is plugged in: says so plainly. */
  note: string | null;
}

export interface BackupFileInfo {
  file: string;
  name: string;
  size: number;
  /** From the header (readable without the passphrase); null if the header is unreadable. */
  createdAt: string | null;
  automatic: boolean;
  /** Why the header cannot be read, if it cannot. */
  problem: string | null;
}

export interface BackupListing {
  folder: string;
  parent: string | null;
  folders: string[];
  backups: BackupFileInfo[];
}

/** backup.recoveryStatus: whether the app started on a damaged live file, and what to tell the clerk. */
export interface RecoveryStatus {
  damaged: boolean;
  /** Chinese: what happened and what 从备份恢复 will do (null when healthy). */
  message: string | null;
  databaseFile: string;
}
