/**
 * Automatic backups: the administrator's key, the state file, and what is due.
 *
 * The key: the administrator types a passphrase once; we store only what scrypt makes
 * of it (the key-encryption key), with its salt and parameters, in
 * <dataDir>/backup-key.json (mode 0600). Automatic backups use that salt and key, so
 * each one opens with the administrator's passphrase like any other backup. The file
 * lets the app back up unattended; it does not reveal the passphrase. See
 * docs/backup-format.md for what this protects against and what it does not.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { deriveKek, type KdfParams } from './crypto';
import { DEFAULT_KDF } from './format';
import { writeFileAtomicSync } from './fsutil';

export const KEY_FILE = 'backup-key.json';
export const STATE_FILE = 'backup-state.json';

const keyFileSchema = z.object({
  version: z.literal(1),
  salt: z.string(),
  kdf: z.object({ logN: z.number().int(), r: z.number().int(), p: z.number().int() }),
  kek: z.string(),
  setAt: z.string(),
});

export interface AutoKey {
  kek: Buffer;
  salt: Buffer;
  kdf: KdfParams;
  setAt: string;
}

export function readAutoKey(dataDir: string): AutoKey | null {
  try {
    const raw = keyFileSchema.parse(JSON.parse(fs.readFileSync(path.join(dataDir, KEY_FILE), 'utf8')));
    const kek = Buffer.from(raw.kek, 'base64');
    const salt = Buffer.from(raw.salt, 'base64');
    if (kek.length !== 32 || salt.length !== 32) return null;
    return { kek, salt, kdf: raw.kdf, setAt: raw.setAt };
  } catch {
    return null;
  }
}

export async function setAutoKey(dataDir: string, passphrase: string, now: Date, kdf: KdfParams = DEFAULT_KDF): Promise<void> {
  const salt = randomBytes(32);
  const kek = await deriveKek(passphrase, salt, kdf);
  const body = { version: 1, salt: salt.toString('base64'), kdf, kek: kek.toString('base64'), setAt: now.toISOString() };
  writeFileAtomicSync(path.join(dataDir, KEY_FILE), JSON.stringify(body, null, 2), 0o600);
}

const stampSchema = z.object({ at: z.string(), file: z.string(), kind: z.enum(['manual', 'automatic']) });
const stateSchema = z.object({
  lastSuccess: stampSchema.nullable().default(null),
  lastAuto: stampSchema.nullable().default(null),
  lastAutoAttemptAt: z.string().nullable().default(null),
  lastAutoError: z.object({ at: z.string(), message: z.string() }).nullable().default(null),
  lastRestore: z.object({ at: z.string(), backupFile: z.string().nullable(), outcome: z.string() }).nullable().default(null),
  /** Automatic backups this installation wrote and verified (core/backup/rotation.ts): the only files rotation may delete. */
  written: z
    .array(z.object({ file: z.string(), backupId: z.string(), size: z.number(), headerSha256: z.string(), createdAt: z.string() }))
    .default([]),
  /** What the last rotation deleted and which files it left alone (shown in the status). */
  lastRotation: z
    .object({ at: z.string(), removed: z.array(z.string()), leftAlone: z.array(z.object({ name: z.string(), reason: z.string() })) })
    .nullable()
    .default(null),
});
export type BackupState = z.infer<typeof stateSchema>;

/** Kept outside the database, so a restore does not turn back the record of the last backup. */
export function readState(dataDir: string): BackupState {
  try {
    return stateSchema.parse(JSON.parse(fs.readFileSync(path.join(dataDir, STATE_FILE), 'utf8')));
  } catch {
    return stateSchema.parse({});
  }
}

export function updateState(dataDir: string, change: (s: BackupState) => void): BackupState {
  const s = readState(dataDir);
  change(s);
  try {
    writeFileAtomicSync(path.join(dataDir, STATE_FILE), JSON.stringify(s, null, 2), 0o600);
  } catch (error) {
    console.error('[backup] could not write the state file', error);
  }
  return s;
}

export const RETRY_AFTER_FAILURE_MS = 15 * 60 * 1000;

/** When the next automatic backup is due (null: not configured). */
export function nextDue(state: BackupState, intervalHours: number, configured: boolean): Date | null {
  if (!configured) return null;
  const last = state.lastAuto ? Date.parse(state.lastAuto.at) : Number.NEGATIVE_INFINITY;
  let due = last + intervalHours * 3600_000;
  if (state.lastAutoError && state.lastAutoAttemptAt) {
    due = Math.max(due, Date.parse(state.lastAutoAttemptAt) + RETRY_AFTER_FAILURE_MS);
  }
  return new Date(Number.isFinite(due) ? due : 0);
}
