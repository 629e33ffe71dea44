/**
 * Creating a backup: snapshot → manifest → encrypt to `<name>.partial` → fsync →
 * read back and verify → rename → fsync the folder. Never overwrites a file; removes
 * its partial output on any failure or cancel.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations';
import { deriveFileKeys, deriveKek, encryptChunk, headerMac, selfTest, wrapAad, wrapFileKey, type KdfParams } from './crypto';
import { backupError, throwIfAborted } from './errors';
import {
  BACKUP_EXTENSION,
  chunkCount,
  CIPHER_SUITES,
  DEFAULT_CHUNK_LOG2,
  DEFAULT_KDF,
  encodeHeader,
  encodeManifestBlock,
  expectedFileSize,
  FLAG_AUTOMATIC,
  KDF_IDS,
  OFFSET,
  sealHeader,
  TAG_LENGTH,
} from './format';
import { checkCapacity, crashPoint, fsyncDir, localStamp, removeQuietly, spaceOf, writeFailure, type SpaceInfo } from './fsutil';
import type { Manifest } from './manifest';
import { readBackupHeader, readPayload, unlockBackup } from './read';
import { checkDatabaseFile, hashFile, takeSnapshot, type SnapshotSource } from './snapshot';
import { AppError } from '../errors';

export type Phase = 'snapshot' | 'encrypt' | 'verify' | 'decrypt' | 'check' | 'swap' | 'done';

export interface Progress {
  phase: Phase;
  /** 0..1 over the whole job. */
  fraction: number;
}

/** A passphrase (manual backups), or the administrator's stored key-encryption key (automatic ones). */
export type CreateKey = { passphrase: string } | { kek: Buffer; salt: Buffer; kdf: KdfParams };

export interface CreateOptions {
  source: SnapshotSource;
  /** Folder the backup goes into; the file name is chosen here and never overwrites. */
  targetDir: string;
  /** File name prefix: qinglian-backup (manual) / qinglian-auto (automatic). */
  prefix?: string;
  key: CreateKey;
  kind: Manifest['kind'];
  appVersion: string;
  createdBy?: string | null;
  /** Where the snapshot is written first (same volume as the database): <dataDir>/backups/.work */
  workDir: string;
  now?: () => Date;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
  /** Tests: stand-ins for free space, and a failure injected into the write path. */
  testHooks?: { space?: (dir: string) => Promise<SpaceInfo | null>; beforeWrite?: (written: number) => void };
  kdf?: KdfParams;
}

export interface CreateResult {
  file: string;
  size: number;
  manifest: Manifest;
}

export async function createBackup(options: CreateOptions): Promise<CreateResult> {
  await selfTest();
  const now = (options.now ?? (() => new Date()))();
  const report = (phase: Phase, fraction: number) => options.onProgress?.({ phase, fraction: Math.min(1, Math.max(0, fraction)) });
  const space = options.testHooks?.space ?? spaceOf;

  let targetStat: fs.Stats;
  try {
    targetStat = fs.statSync(options.targetDir);
  } catch {
    throw backupError('TARGET_UNWRITABLE', `目标文件夹 ${options.targetDir} 不存在（U 盘可能未插好），请重新选择。`);
  }
  if (!targetStat.isDirectory()) throw backupError('TARGET_UNWRITABLE', `${options.targetDir} 不是文件夹，请选择一个文件夹。`);
  if (path.resolve(options.targetDir) === path.resolve(path.dirname(options.source.databaseFile))) {
    throw backupError('VALIDATION', '不能把备份放在数据文件所在的文件夹里：硬盘损坏时会一起丢失。请选择 U 盘或其他位置。');
  }

  // The KDF (about 0.5 s on the thread pool) runs while the snapshot is taken.
  const salt = 'kek' in options.key ? options.key.salt : randomBytes(32);
  const kdf = 'kek' in options.key ? options.key.kdf : (options.kdf ?? DEFAULT_KDF);
  const kekPromise = 'kek' in options.key ? Promise.resolve(options.key.kek) : deriveKek(options.key.passphrase, salt, kdf);
  kekPromise.catch(() => undefined);

  fs.mkdirSync(options.workDir, { recursive: true });
  const backupId = randomBytes(16);
  const snapshot = path.join(options.workDir, `snapshot-${backupId.toString('hex')}.sqlite`);
  let partial: string | null = null;
  try {
    const liveSize = fs.statSync(options.source.databaseFile).size;
    const workSpace = await space(options.workDir);
    if (workSpace && workSpace.free < liveSize * 1.2 + 4 * 1024 * 1024) {
      throw backupError('TARGET_UNWRITABLE', '数据文件夹所在磁盘空间不足，无法生成备份快照。请先清理磁盘。');
    }
    report('snapshot', 0);
    await takeSnapshot(options.source, snapshot, { signal: options.signal, onProgress: (f) => report('snapshot', f * 0.25) });
    crashPoint('create:after-snapshot');
    const facts = checkDatabaseFile(snapshot, { full: false, latestSchemaVersion: LATEST_SCHEMA_VERSION, ...(options.source.nativeBinding ? { nativeBinding: options.source.nativeBinding } : {}) });
    const digest = await hashFile(snapshot, { signal: options.signal });
    report('snapshot', 0.3);

    const manifest: Manifest = {
      format: 1,
      app: 'qinglian-ledger',
      appVersion: options.appVersion,
      schemaVersion: facts.schemaVersion,
      createdAt: now.toISOString(),
      createdBy: options.createdBy ?? null,
      kind: options.kind,
      machine: os.hostname().slice(0, 200),
      sqliteVersion: facts.sqliteVersion,
      backupId: backupId.toString('hex'),
      database: { size: digest.size, sha256: digest.sha256 },
      counts: facts.counts,
    };
    const manifestBlock = encodeManifestBlock(JSON.stringify(manifest));
    const plaintextLength = manifestBlock.length + digest.size;
    const chunkLog2 = DEFAULT_CHUNK_LOG2;
    const total = expectedFileSize({ chunkLog2, plaintextLength });
    const capacity = checkCapacity(total, await space(options.targetDir));
    if (capacity) throw capacity;

    const prefix = options.prefix ?? 'qinglian-backup';
    const final = freeName(options.targetDir, `${prefix}-${localStamp(now)}`);
    partial = `${final}.partial`;

    const kek = await kekPromise;
    const fileKey = randomBytes(32);
    const fields = {
      suite: CIPHER_SUITES.AES_256_GCM,
      kdf: KDF_IDS.SCRYPT,
      logN: kdf.logN,
      r: kdf.r,
      p: kdf.p,
      chunkLog2,
      flags: options.kind === 'automatic' ? FLAG_AUTOMATIC : 0,
      createdAt: now,
      plaintextLength,
      backupId,
      salt,
      wrapNonce: Buffer.alloc(12),
      wrappedKey: Buffer.alloc(32),
      wrapTag: Buffer.alloc(16),
    };
    const draft = encodeHeader(fields);
    const wrap = wrapFileKey(kek, fileKey, wrapAad(draft));
    wrap.nonce.copy(draft, OFFSET.wrapNonce);
    wrap.wrapped.copy(draft, OFFSET.wrappedKey);
    wrap.tag.copy(draft, OFFSET.wrapTag);
    const keys = deriveFileKeys(fileKey, backupId);
    const header = sealHeader(draft, headerMac(keys.macKey, draft));

    await writeEncrypted({
      partial,
      header,
      manifestBlock,
      snapshot,
      payloadKey: keys.payloadKey,
      chunkLog2,
      plaintextLength,
      signal: options.signal,
      onProgress: (done) => report('encrypt', 0.3 + 0.45 * (done / plaintextLength)),
      beforeWrite: options.testHooks?.beforeWrite,
      where: options.targetDir,
    });

    // Read back what is on the disk now, exactly as a restore would (minus the KDF: the key is known).
    report('verify', 0.75);
    const opened = await readBackupHeader(partial);
    if (opened.size !== total) throw backupError('TARGET_UNWRITABLE', '写入后读回的备份文件大小不对，目标磁盘可能有问题。');
    const unlocked = await unlockBackup(opened.header, { kek });
    const readBack = await readPayload(opened, unlocked.keys, {
      signal: options.signal,
      onProgress: (done, all) => report('verify', 0.75 + 0.24 * (done / all)),
    });
    if (readBack.database.sha256 !== manifest.database.sha256) throw backupError('TARGET_UNWRITABLE', '读回校验失败：写入的备份与快照不一致，目标磁盘可能有问题。');
    throwIfAborted(options.signal);

    crashPoint('create:before-rename');
    if (fs.existsSync(final)) throw backupError('TARGET_UNWRITABLE', `目标文件 ${final} 已存在，未覆盖。`);
    await fs.promises.rename(partial, final);
    partial = null;
    await fsyncDir(options.targetDir);
    crashPoint('create:after-rename');
    report('done', 1);
    return { file: final, size: total, manifest };
  } catch (error) {
    if (partial) await removeQuietly(partial);
    if (error instanceof AppError) throw error;
    if ((error as NodeJS.ErrnoException)?.code) throw writeFailure(error, options.targetDir);
    throw error;
  } finally {
    for (const f of [snapshot, `${snapshot}-journal`, `${snapshot}-wal`, `${snapshot}-shm`]) await removeQuietly(f);
  }
}

/** `<dir>/<base>.qlbak`, or `<base>-2.qlbak`, … : the first name with neither the file nor its partial present. */
function freeName(dir: string, base: string): string {
  for (let i = 1; ; i++) {
    const name = path.join(dir, `${base}${i === 1 ? '' : `-${i}`}${BACKUP_EXTENSION}`);
    if (!fs.existsSync(name) && !fs.existsSync(`${name}.partial`)) return name;
  }
}

interface WriteArgs {
  partial: string;
  header: Buffer;
  manifestBlock: Buffer;
  snapshot: string;
  payloadKey: Buffer;
  chunkLog2: number;
  plaintextLength: number;
  signal: AbortSignal | undefined;
  onProgress(done: number): void;
  beforeWrite: ((written: number) => void) | undefined;
  where: string;
}

async function writeEncrypted(a: WriteArgs): Promise<void> {
  const size = 2 ** a.chunkLog2;
  const count = chunkCount(a.plaintextLength, size);
  let out: fs.promises.FileHandle;
  try {
    out = await fs.promises.open(a.partial, 'wx', 0o600);
  } catch (error) {
    throw writeFailure(error, a.where);
  }
  const src = await fs.promises.open(a.snapshot, 'r');
  let written = 0;
  const write = async (buffers: Buffer[]) => {
    a.beforeWrite?.(written);
    const n = buffers.reduce((s, b) => s + b.length, 0);
    let done = 0;
    while (done < n) {
      const { bytesWritten } = await out.writev(done === 0 ? buffers : [Buffer.concat(buffers).subarray(done)]);
      if (!bytesWritten) throw Object.assign(new Error('short write'), { code: 'EIO' });
      done += bytesWritten;
    }
    written += n;
  };
  try {
    await write([a.header]);
    const readSize = size * 16;
    let carry = Buffer.from(a.manifestBlock);
    let index = 0;
    let consumed = 0;
    let eof = false;
    let midway = false;
    const readBuf = Buffer.allocUnsafe(readSize);
    while (index < count) {
      throwIfAborted(a.signal);
      if (!eof && carry.length < readSize) {
        const { bytesRead } = await src.read(readBuf, 0, readSize, null);
        if (bytesRead === 0) eof = true;
        else carry = Buffer.concat([carry, readBuf.subarray(0, bytesRead)]);
      }
      const pieces: Buffer[] = [];
      let off = 0;
      while (index < count && (carry.length - off >= size || (eof && carry.length - off > 0))) {
        const piece = carry.subarray(off, Math.min(off + size, carry.length));
        off += piece.length;
        consumed += piece.length;
        pieces.push(...encryptChunk(a.payloadKey, index, index === count - 1, piece));
        index++;
      }
      carry = carry.subarray(off);
      if (pieces.length) await write(pieces);
      if (!midway && index >= count / 2) {
        midway = true;
        crashPoint('create:mid-write');
      }
      a.onProgress(consumed);
      if (eof && carry.length === 0 && index < count) throw backupError('INTERNAL', '快照文件比预期短，备份未完成。');
    }
    if (consumed !== a.plaintextLength || carry.length) throw backupError('INTERNAL', '快照文件在备份过程中发生变化，备份未完成，请重试。');
    await out.sync();
  } finally {
    await src.close();
    await out.close();
  }
  if (written !== a.plaintextLength + a.header.length + TAG_LENGTH * count) throw backupError('INTERNAL', '写入的字节数与预期不符，备份未完成。');
}
