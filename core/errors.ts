/**
 * Stable error codes of the contract. The renderer branches on `code`; `message` is
 * Chinese and shown to the clerk as is.
 */
export const ERROR_CODES = [
  'VALIDATION', // input failed the contract's schema or a business rule
  'NOT_FOUND',
  'CONFLICT', // duplicate, stale revision, or a state that forbids the change
  'UNAUTHENTICATED', // not logged in, or the session expired
  'FORBIDDEN', // logged in but lacking the role
  'BAD_CREDENTIALS',
  'LOCKED', // the session's screen is locked (idle lock): unlock with the password first
  'RATE_LIMITED', // too many failed logins for this name: wait and try again
  'NOT_INITIALIZED', // first-run setup not done yet
  'ALREADY_INITIALIZED',
  'UNKNOWN_CHANNEL',
  'DB_FROM_FUTURE',
  'DB_NOT_OURS',
  'DB_UNREADABLE',
  'INTERNAL',
  // backups (core/backup)
  'BAD_PASSPHRASE', // the passphrase does not open this backup
  'NOT_A_BACKUP', // the file is not a backup of this app
  'BACKUP_CORRUPT', // damaged, truncated, extended, reordered or tampered with
  'BACKUP_UNSUPPORTED', // newer backup format, unknown cipher suite (SM4 reserved)
  'BACKUP_FROM_FUTURE', // the database inside is from a newer app version
  'TARGET_UNWRITABLE', // no space, read-only, over the FAT32 4 GiB limit, file exists
  'CANCELLED', // the clerk cancelled a long job
  'BUSY', // another backup/restore job is running, or the database is in use elsewhere
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  /** Per-field messages, keyed by the input path ("name", "birthMonth"), for forms. */
  fields?: Record<string, string>;
}

/** Thrown by handlers; the host turns it into `{ ok: false, error }`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toBody(): ApiErrorBody {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message };
  }
}

/** The answer to a call naming no operation of the contract (core host, Electron relay and preload alike). */
export function unknownChannel(channel: unknown): AppError {
  const name = typeof channel === 'string' ? channel.slice(0, 60) : typeof channel;
  return new AppError('UNKNOWN_CHANNEL', `没有名为“${name}”的操作。`);
}
export const notFound = (what: string) => new AppError('NOT_FOUND', `${what}不存在或已被删除。`);
export const staleRevision = () => new AppError('CONFLICT', '该记录已被他人修改，请刷新后重新编辑（您填写的内容仍保留在表单中）。');
export const forbidden = (need: string) => new AppError('FORBIDDEN', `当前账号没有${need}权限。`);
