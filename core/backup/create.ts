/**
 * Creating a backup: open a snapshot → manifest → encrypt to `<name>.partial` → fsync
 * and read back → rename → fsync the folder. Never overwrites a file; removes its
 * partial output on any failure or cancel.
 *
 * The work is spread over both cores of a clerk's PC: the main thread reads the
 * database image and encrypts and writes it in 1 MiB chunks while the coprocessor
 * (coprocessor.ts) hashes the same bytes in shared memory; then, while the file is
 * fsynced and read back here, the coprocessor runs quick_check. The manifest (which
 * holds the hash) comes first in the payload, so chunk 0 is encrypted and written last,
 * once the hash is known; its length does not depend on the hash's value.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import Database from 'better-sqlite3';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations';
import { APPLICATION_ID } from '../../db/open';
import { quickCheckOffThread, startHash, type HashJob, type QuickCheckResult } from './coprocessor';
import { quickCheckWith } from './coprocessorProtocol';
import { deriveFileKeys, deriveKek, encryptChunk, headerMac, selfTest, wrapAad, wrapFileKey, type KdfParams } from './crypto';
import { backupError, later, throwIfAborted } from './errors';
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
  HEADER_LENGTH,
  KDF_IDS,
  OFFSET,
  sealHeader,
  TAG_LENGTH,
} from './format';
import { checkCapacity, crashPoint, fsyncDir, localStamp, removeQuietly, spaceOf, writeFailure, type SpaceInfo } from './fsutil';
import type { Manifest } from './manifest';
import { openDirect } from './directRead';
import { authenticateChunks, authenticateFromDevice, readBackupHeader, unlockBackup } from './read';
import { headerSha256 } from './rotation';
import { openSnapshot, type OpenSnapshot, type SnapshotSource } from './snapshot';
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
  testHooks?: {
    space?: (dir: string) => Promise<SpaceInfo | null>;
    beforeWrite?: (written: number) => void;
    /** Called with the partial file once written, before it is read back (to damage it). */
    beforeReadBack?: (partial: string) => void;
    /** Read back through the cache even where the device could be read directly. */
    noDirectRead?: boolean;
  };
  kdf?: KdfParams;
  /** Chunk size as a power of two (tests use small chunks so small databases span many). */
  chunkLog2?: number;
}

export interface CreateResult {
  file: string;
  size: number;
  manifest: Manifest;
  /** How the database was read: always a copy made through SQLite (see OpenSnapshot). */
  snapshot: OpenSnapshot['mode'];
  /** SHA-256 of the header written (rotation's proof that a file on disk is this one). */
  headerSha256: string;
  /**
   * Where the read-back read from, after fsync: 'device' (the file cache bypassed, Linux
   * O_DIRECT) or 'cache' (the system may have answered from memory: the UI says so and
   * offers a re-check after the stick is re-inserted).
   */
  readBack: ReadBackSource;
}

export type ReadBackSource = 'device' | 'cache';

/**
 * A backup in plain steps: preflight → snapshot → write → read-back → commit. Whatever
 * fails or is cancelled, the partial file is removed and the snapshot copy closed.
 */
export async function createBackup(options: CreateOptions): Promise<CreateResult> {
  await selfTest();
  const run = new CreateRun(options);
  try {
    preflight(options);
    const kek = startKeyDerivation(options);
    await takeSnapshot(run);
    const plan = await planFile(run);
    const written = await writeFile(run, plan, kek);
    const readBack = await readBackAndCheck(run, plan, written, kek.promise);
    return await commit(run, plan, written, readBack);
  } catch (error) {
    await run.discard();
    if (error instanceof AppError) throw error;
    if ((error as NodeJS.ErrnoException)?.code) throw writeFailure(error, options.targetDir);
    throw error;
  } finally {
    await run.close();
  }
}

/** What one backup run holds while it goes through its steps, and undoes on failure. */
class CreateRun {
  readonly now: Date;
  readonly space: (dir: string) => Promise<SpaceInfo | null>;
  readonly backupId = randomBytes(16);
  snapshot: OpenSnapshot | null = null;
  /** The `.partial` file while it exists (removed on failure, renamed on commit). */
  partial: string | null = null;
  hash: HashJob | null = null;
  /** Work still running beside the main path (quick_check): settled before files are removed (Windows cannot remove an open file). */
  readonly beside: Promise<unknown>[] = [];

  constructor(readonly options: CreateOptions) {
    this.now = (options.now ?? (() => new Date()))();
    this.space = options.testHooks?.space ?? spaceOf;
  }

  report(phase: Phase, fraction: number): void {
    this.options.onProgress?.({ phase, fraction: Math.min(1, Math.max(0, fraction)) });
  }

  async discard(): Promise<void> {
    this.hash?.drop();
    await Promise.allSettled(this.beside);
    if (this.partial) await removeQuietly(this.partial);
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.beside);
    await this.snapshot?.close();
  }
}

/** 1. The target is a folder, and not the data folder (a dying disk would take both). */
function preflight(options: CreateOptions): void {
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
}

interface KeyInProgress {
  salt: Buffer;
  kdf: KdfParams;
  /** The key-encryption key, once the KDF is done (about 0.3 s on the thread pool, overlapping the next steps). */
  promise: Promise<Buffer>;
}

function startKeyDerivation(options: CreateOptions): KeyInProgress {
  const salt = 'kek' in options.key ? options.key.salt : randomBytes(32);
  const kdf = 'kek' in options.key ? options.key.kdf : (options.kdf ?? DEFAULT_KDF);
  const promise = later('kek' in options.key ? Promise.resolve(options.key.kek) : deriveKek(options.key.passphrase, salt, kdf));
  return { salt, kdf, promise };
}

/** 2. A consistent copy of the database through SQLite (never the live file: see snapshot.ts), checked to be ours and not from a newer app. */
async function takeSnapshot(run: CreateRun): Promise<void> {
  const { options } = run;
  const liveSize = fs.statSync(options.source.databaseFile).size;
  const copyTo = path.join(options.workDir, `snapshot-${run.backupId.toString('hex')}.sqlite`);
  run.report('snapshot', 0);
  run.snapshot = await openSnapshot(options.source, copyTo, {
    signal: options.signal,
    onProgress: (f) => run.report('snapshot', f * 0.2),
    // The copy goes into the data folder's volume: check room for it first.
    beforeCopy: async () => {
      const workSpace = await run.space(options.workDir);
      if (workSpace && workSpace.free < liveSize * 1.2 + 4 * 1024 * 1024) {
        throw backupError('TARGET_UNWRITABLE', '数据文件夹所在磁盘空间不足，无法生成备份快照。请先清理磁盘。');
      }
    },
  });
  crashPoint('create:after-snapshot');
  const { facts } = run.snapshot;
  if (facts.applicationId !== APPLICATION_ID) throw backupError('NOT_A_BACKUP', '当前数据文件不是清廉台账的数据文件，无法备份。');
  if (facts.schemaVersion > LATEST_SCHEMA_VERSION) {
    throw backupError('BACKUP_FROM_FUTURE', `当前数据文件来自更新版本的清廉台账（数据版本 ${facts.schemaVersion}），请先升级程序再备份。`);
  }
}

interface FilePlan {
  snapshot: OpenSnapshot;
  manifest: Manifest;
  manifestLength: number;
  plaintextLength: number;
  chunkLog2: number;
  /** The whole file's size. */
  total: number;
  final: string;
}

/** 3a. The manifest, the file's size (room on the target, FAT32's limit) and a name that overwrites nothing. */
async function planFile(run: CreateRun): Promise<FilePlan> {
  const { options } = run;
  const snapshot = run.snapshot!;
  const manifest: Manifest = {
    format: 1,
    app: 'qinglian-ledger',
    appVersion: options.appVersion,
    schemaVersion: snapshot.facts.schemaVersion,
    createdAt: run.now.toISOString(),
    createdBy: options.createdBy ?? null,
    kind: options.kind,
    machine: os.hostname().slice(0, 200),
    sqliteVersion: snapshot.facts.sqliteVersion,
    backupId: run.backupId.toString('hex'),
    // The digest is filled in when the data has been streamed; a hex SHA-256 always has 64 characters.
    database: { size: snapshot.size, sha256: '0'.repeat(64) },
    counts: snapshot.facts.counts,
  };
  const manifestLength = encodeManifestBlock(JSON.stringify(manifest)).length;
  const plaintextLength = manifestLength + snapshot.size;
  const chunkLog2 = options.chunkLog2 ?? DEFAULT_CHUNK_LOG2;
  if (manifestLength >= 2 ** chunkLog2) throw backupError('INTERNAL', '备份清单过长，备份未完成。');
  const total = expectedFileSize({ chunkLog2, plaintextLength });
  const capacity = checkCapacity(total, await run.space(options.targetDir));
  if (capacity) throw capacity;
  const final = freeName(options.targetDir, `${options.prefix ?? 'qinglian-backup'}-${localStamp(run.now)}`);
  return { snapshot, manifest, manifestLength, plaintextLength, chunkLog2, total, final };
}

interface Written {
  sealedHeader: Buffer;
}

/**
 * 3b. Encrypt and write `<name>.partial`. The payload key comes from a random file key;
 * only the header's key wrap needs the passphrase's key, so the data is encrypted while
 * the KDF runs and the header is written last.
 */
async function writeFile(run: CreateRun, plan: FilePlan, key: KeyInProgress): Promise<Written> {
  const { options } = run;
  run.partial = `${plan.final}.partial`;
  const fileKey = randomBytes(32);
  const keys = deriveFileKeys(fileKey, run.backupId);
  let sealedHeader: Buffer | null = null;
  const sealHeaderWhenKeyed = async (): Promise<Buffer> => {
    const kek = await key.promise;
    const draft = encodeHeader({
      suite: CIPHER_SUITES.AES_256_GCM,
      kdf: KDF_IDS.SCRYPT,
      logN: key.kdf.logN,
      r: key.kdf.r,
      p: key.kdf.p,
      chunkLog2: plan.chunkLog2,
      flags: options.kind === 'automatic' ? FLAG_AUTOMATIC : 0,
      createdAt: run.now,
      plaintextLength: plan.plaintextLength,
      backupId: run.backupId,
      salt: key.salt,
      wrapNonce: Buffer.alloc(12),
      wrappedKey: Buffer.alloc(32),
      wrapTag: Buffer.alloc(16),
    });
    const wrap = wrapFileKey(kek, fileKey, wrapAad(draft));
    wrap.nonce.copy(draft, OFFSET.wrapNonce);
    wrap.wrapped.copy(draft, OFFSET.wrappedKey);
    wrap.tag.copy(draft, OFFSET.wrapTag);
    sealedHeader = sealHeader(draft, headerMac(keys.macKey, draft));
    return sealedHeader;
  };
  run.hash = await startHash();
  const sha256 = await writeEncrypted({
    partial: run.partial,
    header: sealHeaderWhenKeyed,
    snapshot: plan.snapshot,
    hash: run.hash,
    manifestLength: plan.manifestLength,
    payloadKey: keys.payloadKey,
    chunkLog2: plan.chunkLog2,
    plaintextLength: plan.plaintextLength,
    signal: options.signal,
    onProgress: (done) => run.report('encrypt', 0.2 + 0.55 * (done / plan.plaintextLength)),
    beforeWrite: options.testHooks?.beforeWrite,
    where: options.targetDir,
    sealChunk0: (sha) => {
      plan.manifest.database.sha256 = sha;
      const block = encodeManifestBlock(JSON.stringify(plan.manifest));
      if (block.length !== plan.manifestLength) throw backupError('INTERNAL', '备份清单长度变化，备份未完成。');
      return block;
    },
  });
  run.hash = null;
  plan.manifest.database.sha256 = sha256;
  return { sealedHeader: sealedHeader! };
}

/**
 * 4. Read-back. The coprocessor checks the database (quick_check) while the file is made
 * durable (fsync) and then read back. The read-back starts only once fsync has returned
 * (the data is on the device) and, where the platform allows (Linux O_DIRECT), reads the
 * device itself rather than the system's file cache, so a failing or fake-capacity stick
 * is caught; elsewhere it reads through the cache and says so (readBack: 'cache').
 * Checked: header (the very bytes written), key, header MAC, every chunk decrypted in its
 * place, the manifest, the lengths (see authenticateChunks).
 */
async function readBackAndCheck(run: CreateRun, plan: FilePlan, written: Written, kekPromise: Promise<Buffer>): Promise<ReadBackSource> {
  const { options } = run;
  const partial = run.partial!;
  run.report('verify', 0.75);
  options.testHooks?.beforeReadBack?.(partial);
  const check = later(quickCheck(plan.snapshot, options.source.nativeBinding));
  run.beside.push(check);
  await syncFile(partial);
  crashPoint('create:after-fsync');
  const direct = options.testHooks?.noDirectRead ? null : openDirect(partial);
  const onProgress = (f: number) => run.report('verify', 0.75 + 0.24 * f);
  const readBack = await (async () => {
    const kek = await kekPromise;
    if (direct) {
      try {
        return await authenticateFromDevice(
          direct,
          plan.total,
          async (header) => {
            if (!header.raw.equals(written.sealedHeader)) throw backupError('BACKUP_CORRUPT', '读回的文件头与写入的不同。');
            return (await unlockBackup(header, { kek })).keys;
          },
          { signal: options.signal, onProgress },
        );
      } finally {
        direct.close();
      }
    }
    const opened = await readBackupHeader(partial);
    if (opened.size !== plan.total) throw backupError('TARGET_UNWRITABLE', '写入后读回的备份文件大小不对，目标磁盘可能有问题。');
    const { keys } = await unlockBackup(opened.header, { kek });
    return authenticateChunks(opened, keys, { signal: options.signal, onProgress });
  })().catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'TARGET_UNWRITABLE') throw error;
    throw error instanceof AppError && error.code !== 'CANCELLED'
      ? backupError('TARGET_UNWRITABLE', `读回校验失败：${error.message}目标磁盘可能有问题。`)
      : error;
  });
  if (!isDeepStrictEqual(readBack, plan.manifest))
    throw backupError('TARGET_UNWRITABLE', '读回校验失败：写入的备份与快照不一致，目标磁盘可能有问题。');
  const checked = await check;
  if (!checked.ok)
    throw new AppError(
      'DB_UNREADABLE',
      `当前数据文件已损坏（完整性检查未通过：${checked.first}），未生成备份。可以从以前的备份恢复；请联系技术人员。`,
    );
  if (checked.foreignKeyProblems)
    throw backupError(
      'BACKUP_CORRUPT',
      `当前数据库外键检查未通过（${checked.foreignKeyProblems} 处引用不存在的记录），未生成备份。请联系技术人员。`,
    );
  throwIfAborted(options.signal);
  return direct ? 'device' : 'cache';
}

/** 5. Commit: rename to the final name (never over an existing file) and fsync the folder. */
async function commit(run: CreateRun, plan: FilePlan, written: Written, readBack: ReadBackSource): Promise<CreateResult> {
  crashPoint('create:before-rename');
  if (fs.existsSync(plan.final)) throw backupError('TARGET_UNWRITABLE', `目标文件 ${plan.final} 已存在，未覆盖。`);
  await fs.promises.rename(run.partial!, plan.final);
  run.partial = null;
  await fsyncDir(run.options.targetDir);
  crashPoint('create:after-rename');
  run.report('done', 1);
  return {
    file: plan.final,
    size: plan.total,
    manifest: plan.manifest,
    snapshot: plan.snapshot.mode,
    headerSha256: headerSha256(written.sealedHeader),
    readBack,
  };
}

/**
 * quick_check and foreign_key_check of the image on the coprocessor; on the main thread
 * if the coprocessor cannot load SQLite (it answers with an error, not a verdict).
 */
async function quickCheck(snapshot: OpenSnapshot, nativeBinding: string | undefined): Promise<QuickCheckResult> {
  try {
    return await quickCheckOffThread(snapshot.file, nativeBinding);
  } catch {
    return quickCheckWith(Database, snapshot.file, nativeBinding);
  }
}

async function syncFile(file: string): Promise<void> {
  const fh = await fs.promises.open(file, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
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
  /** The sealed header, once the key-encryption key is there (written last). */
  header: () => Promise<Buffer>;
  snapshot: OpenSnapshot;
  hash: HashJob;
  /** Bytes of the manifest block at the start of the payload (chunk 0). */
  manifestLength: number;
  payloadKey: Buffer;
  chunkLog2: number;
  plaintextLength: number;
  signal: AbortSignal | undefined;
  onProgress(done: number): void;
  beforeWrite: ((written: number) => void) | undefined;
  where: string;
  /** The manifest block, given the database's SHA-256 (same length as announced). */
  sealChunk0(sha256: string): Buffer;
}

/** Bytes read, hashed and encrypted per step: four 1 MiB chunks. */
const WINDOW_BYTES = 4 * 1024 * 1024;
/** Windows in flight: one being read, one being hashed and encrypted, one being written. */
const SLOTS = 6;

/**
 * Writes chunks and header to the partial file; returns the SHA-256 of the database image.
 * Chunks 1..n-1 stream from the
 * snapshot, read one window ahead, hashed on the coprocessor from the same shared memory
 * the main thread encrypts; then chunk 0 (manifest + the first database bytes), then the header.
 */
async function writeEncrypted(a: WriteArgs): Promise<string> {
  const size = 2 ** a.chunkLog2;
  const count = chunkCount(a.plaintextLength, size);
  const dbSize = a.snapshot.size;
  const headLength = Math.min(dbSize, size - a.manifestLength);
  let out: fs.promises.FileHandle;
  try {
    out = await fs.promises.open(a.partial, 'wx', 0o600);
  } catch (error) {
    throw writeFailure(error, a.where);
  }
  const src = await fs.promises.open(a.snapshot.file, 'r');
  let written = 0;
  const writeAt = (buffers: Buffer[], position: number): Promise<void> => {
    a.beforeWrite?.(written);
    const length = buffers.reduce((sum, b) => sum + b.length, 0);
    written += length;
    return (async () => {
      for (let done = 0; done < length;) {
        const { bytesWritten } = await out.writev(done === 0 ? buffers : [Buffer.concat(buffers).subarray(done)], position + done);
        if (!bytesWritten) throw Object.assign(new Error('short write'), { code: 'EIO' });
        done += bytesWritten;
      }
    })();
  };
  const readFully = async (into: Buffer, position: number) => {
    for (let got = 0; got < into.length;) {
      const { bytesRead } = await src.read(into, got, into.length - got, position + got);
      if (!bytesRead) throw backupError('INTERNAL', '快照文件比预期短，备份未完成。');
      got += bytesRead;
    }
  };
  try {
    const head = Buffer.alloc(headLength);
    await readFully(head, 0);
    const headHashed = later(a.hash.update(head));

    const windowChunks = Math.max(1, Math.floor(WINDOW_BYTES / size));
    const slots = Array.from({ length: SLOTS }, () => ({
      memory: Buffer.from(new SharedArrayBuffer(windowChunks * size)),
      free: Promise.resolve(),
    }));
    const steps = Math.ceil((count - 1) / windowChunks);
    /** Reads window `step` (chunks from 1 + step·windowChunks) into its slot once the coprocessor is done with the slot. */
    const load = (step: number) => {
      const slot = slots[step % SLOTS]!;
      const index = 1 + step * windowChunks;
      const n = Math.min(windowChunks, count - index);
      const dbStart = index * size - a.manifestLength;
      const bytes = slot.memory.subarray(0, Math.min(n * size, dbSize - dbStart));
      return later(slot.free.then(() => readFully(bytes, dbStart)).then(() => ({ slot, index, n, bytes })));
    };
    const writes: Promise<void>[] = [];
    let next = steps > 0 ? load(0) : null;
    let midway = false;
    for (let step = 0; step < steps; step++) {
      throwIfAborted(a.signal);
      const { slot, index, n, bytes } = await next!;
      next = step + 1 < steps ? load(step + 1) : null;
      slot.free = later(a.hash.update(bytes));
      const sealed: Buffer[] = [];
      for (let j = 0; j < n; j++) {
        const i = index + j;
        sealed.push(...encryptChunk(a.payloadKey, i, i === count - 1, bytes.subarray(j * size, Math.min((j + 1) * size, bytes.length))));
      }
      writes.push(later(writeAt(sealed, HEADER_LENGTH + index * (size + TAG_LENGTH))));
      if (writes.length >= SLOTS) await writes.shift();
      if (!midway && index + n >= count / 2) {
        midway = true;
        await Promise.all(writes);
        crashPoint('create:mid-write');
      }
      a.onProgress(Math.min(a.plaintextLength, (index + n) * size));
    }
    await Promise.all(writes);
    await Promise.all([headHashed, ...slots.map((s) => s.free)]);
    const sha256 = await a.hash.digest();
    const chunk0 = Buffer.concat([a.sealChunk0(sha256), head]);
    await writeAt(encryptChunk(a.payloadKey, 0, count === 1, chunk0), HEADER_LENGTH);
    await writeAt([await a.header()], 0);
    if (written !== a.plaintextLength + HEADER_LENGTH + TAG_LENGTH * count)
      throw backupError('INTERNAL', '写入的字节数与预期不符，备份未完成。');
    a.onProgress(a.plaintextLength);
    return sha256;
  } finally {
    await src.close();
    await out.close();
  }
}
