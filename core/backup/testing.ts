/** Test helpers for backups: seeded data folders, fast KDF, byte-level surgery on backup files. */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { openDatabase } from '../../db/open';
import { createBackup, type CreateResult } from './create';
import { deriveFileKeys, deriveKek, encryptChunk, headerMac, wrapAad, wrapFileKey, type KdfParams } from './crypto';
import {
  chunkCount,
  CIPHER_SUITES,
  encodeHeader,
  encodeManifestBlock,
  headerChecksum,
  HEADER_LENGTH,
  KDF_IDS,
  OFFSET,
  sealHeader,
  TAG_LENGTH,
} from './format';
import type { Manifest } from './manifest';
import { backupPaths } from './restore';
import type { TestHost } from '../testing';
import type { BackupJobView } from './contract';

/** The repository (the CLI's working folder in tests). */
export const REPO = path.resolve(__dirname, '..', '..');

/** `node …` arguments running the real CLI (cli/main.ts, TypeScript through tsx) with the test hooks taken from the environment. */
export const cliNodeArgs = (...args: string[]): string[] => [
  '--import',
  'tsx',
  '--import',
  path.join(REPO, 'scripts', 'testHooksFromEnv.mjs'),
  path.join(REPO, 'cli', 'main.ts'),
  ...args,
];

/** Temporary folders for one test file (`folder('usb')`), removed when its tests end. Call at the file's top level. */
export function tempFolders(): (name: string) => string {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  return (name) => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), `qinglian-${name}-`));
    dirs.push(d);
    return d;
  };
}

/** A job's end, asked of the backup.job channel the way the page polls it (without a session: it answers during a restore too). */
export async function finishJob(t: TestHost, job: BackupJobView): Promise<BackupJobView> {
  for (;;) {
    const env = await t.raw('backup.job', { jobId: job.id }, null);
    if (!env.ok) throw new Error(`backup.job: ${JSON.stringify(env)}`);
    const view = env.value as BackupJobView;
    if (view.state !== 'running') return view;
    // Yield to the job's own steps; no fixed wait (the machine may be slow).
    await new Promise((r) => setImmediate(r));
  }
}

/** The smallest KDF a reader accepts (2^15): about 0.1 s, so tests stay quick. */
export const FAST_KDF: KdfParams = { logN: 15, r: 8, p: 1 };
export const PASSPHRASE = '清廉台账 backup 口令 2025';

export const liveFile = (dataDir: string) => path.join(dataDir, 'qinglian.sqlite');

/** A data folder with a real, migrated database: `rows` settings rows of ~`rowBytes` each, and a marker. */
export function seedDataDir(dataDir: string, options: { rows?: number; rowBytes?: number; marker: string }): void {
  fs.mkdirSync(dataDir, { recursive: true });
  const { db } = openDatabase(liveFile(dataDir));
  try {
    const insert = db.prepare("INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES (?, ?, '2025-01-01T00:00:00Z')");
    db.transaction(() => {
      insert.run('marker', JSON.stringify(options.marker));
      for (let i = 0; i < (options.rows ?? 50); i++)
        insert.run(`filler-${i}`, JSON.stringify(randomBytes((options.rowBytes ?? 200) / 2).toString('hex')));
    })();
  } finally {
    db.close();
  }
}

export function setMarker(dataDir: string, marker: string, extraRows = 0): void {
  const { db } = openDatabase(liveFile(dataDir));
  try {
    db.prepare("INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES ('marker', ?, '2025-01-02T00:00:00Z')").run(
      JSON.stringify(marker),
    );
    for (let i = 0; i < extraRows; i++)
      db.prepare("INSERT INTO settings (key, value, updated_at) VALUES (?, '1', '2025-01-02T00:00:00Z')").run(`extra-${marker}-${i}`);
  } finally {
    db.close();
  }
}

export function readMarker(dataDir: string): { marker: string; rows: number } {
  const { db } = openDatabase(liveFile(dataDir));
  try {
    const row = db.prepare("SELECT value FROM settings WHERE key = 'marker'").get() as { value: string } | undefined;
    const rows = (db.prepare('SELECT count(*) AS n FROM settings').get() as { n: number }).n;
    return { marker: row ? (JSON.parse(row.value) as string) : '', rows };
  } finally {
    db.close();
  }
}

export function makeBackup(
  dataDir: string,
  targetDir: string,
  passphrase = PASSPHRASE,
  extra: Partial<Parameters<typeof createBackup>[0]> = {},
): Promise<CreateResult> {
  fs.mkdirSync(targetDir, { recursive: true });
  return createBackup({
    source: { databaseFile: liveFile(dataDir) },
    targetDir,
    key: { passphrase },
    kind: 'manual',
    appVersion: '0.0.0-test',
    workDir: backupPaths(dataDir).workDir,
    kdf: FAST_KDF,
    // 64 KiB chunks (the smallest sensible; new backups use 1 MiB): the small fixtures span several.
    chunkLog2: 16,
    ...extra,
  });
}

export function sha256File(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Everything that makes up the live database on disk: the file's hash and which side files exist. */
export function liveState(dataDir: string): string {
  const f = liveFile(dataDir);
  const side = ['-wal', '-shm', '-journal'].filter((s) => fs.existsSync(f + s));
  return `${fs.existsSync(f) ? sha256File(f) : 'missing'} ${side.join(',')}`;
}

/** Recomputes the unkeyed header checksum after an edit (a crafted file, not mere damage). */
export function fixChecksum(file: Buffer): Buffer {
  headerChecksum(file).copy(file, OFFSET.checksum);
  return file;
}

export const sealedChunkSize = (chunkLog2 = 16) => 2 ** chunkLog2 + TAG_LENGTH;

/**
 * Builds a well-formed, correctly encrypted backup around arbitrary database bytes and
 * manifest (to test what restore checks after decryption: integrity, counts, versions).
 */
export async function encryptRaw(dbBytes: Buffer, manifest: Manifest, passphrase = PASSPHRASE): Promise<Buffer> {
  const backupId = Buffer.from(manifest.backupId, 'hex');
  const salt = randomBytes(32);
  const kek = await deriveKek(passphrase, salt, FAST_KDF);
  const block = encodeManifestBlock(JSON.stringify(manifest));
  const plain = Buffer.concat([block, dbBytes]);
  const draft = encodeHeader({
    suite: CIPHER_SUITES.AES_256_GCM,
    kdf: KDF_IDS.SCRYPT,
    ...FAST_KDF,
    chunkLog2: 16,
    flags: 0,
    createdAt: new Date(manifest.createdAt),
    plaintextLength: plain.length,
    backupId,
    salt,
    wrapNonce: Buffer.alloc(12),
    wrappedKey: Buffer.alloc(32),
    wrapTag: Buffer.alloc(16),
  });
  const fileKey = randomBytes(32);
  const w = wrapFileKey(kek, fileKey, wrapAad(draft));
  w.nonce.copy(draft, OFFSET.wrapNonce);
  w.wrapped.copy(draft, OFFSET.wrappedKey);
  w.tag.copy(draft, OFFSET.wrapTag);
  const keys = deriveFileKeys(fileKey, backupId);
  const header = sealHeader(draft, headerMac(keys.macKey, draft));
  const parts: Buffer[] = [header];
  const size = 2 ** 16;
  const n = chunkCount(plain.length, size);
  for (let i = 0; i < n; i++) parts.push(...encryptChunk(keys.payloadKey, i, i === n - 1, plain.subarray(i * size, (i + 1) * size)));
  const out = Buffer.concat(parts);
  if (out.length < HEADER_LENGTH) throw new Error('unreachable');
  return out;
}
