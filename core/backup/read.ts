/**
 * Reading a backup: header checks (no key), unlocking (KDF, key check, header MAC),
 * then the payload chunk by chunk, each authenticated before a byte of it is used.
 */
import fs from 'node:fs';
import { AppError } from '../errors';
import { startHash } from './coprocessor';
import {
  checkHeaderMac,
  decryptChunk,
  deriveFileKeys,
  deriveKek,
  legacyPassphraseBytes,
  selfTest,
  unwrapFileKey,
  type FileKeys,
} from './crypto';
import { backupError, later, throwIfAborted } from './errors';
import { chunkCount, chunkSize, HEADER_LENGTH, MANIFEST_MAGIC, MAX_MANIFEST_BYTES, parseHeader, TAG_LENGTH, type Header } from './format';
import type { DirectReader } from './directRead';
import { parseManifest, type Manifest } from './manifest';

/** How a backup is opened: the passphrase, or (automatic backups) the stored key-encryption key. */
export type BackupKey = { passphrase: string } | { kek: Buffer };

export interface OpenedBackup {
  file: string;
  size: number;
  header: Header;
}

/**
 * Reads and checks the header only. Cheap; needs no passphrase. Only a regular file is
 * opened: a FIFO would block the open (and the job slot) until someone writes to it, and
 * a device could be anything. Its type is checked before opening, and again on what was
 * opened (O_NONBLOCK, so a FIFO swapped in between cannot block either).
 */
export async function readBackupHeader(file: string): Promise<OpenedBackup> {
  let before: fs.Stats;
  try {
    before = await fs.promises.stat(file);
  } catch (error) {
    throw openFailure(file, error);
  }
  refuseNonRegular(file, before);
  const { fh, stat } = await openRegular(file);
  try {
    const size = stat.size;
    const raw = Buffer.alloc(HEADER_LENGTH);
    const { bytesRead } = await fh.read(raw, 0, HEADER_LENGTH, 0);
    return { file, size, header: parseHeader(raw.subarray(0, bytesRead), size) };
  } finally {
    await fh.close();
  }
}

/** Opens a file read-only without blocking, refusing it unless what was opened is a regular file (for the header, and again for the payload). */
async function openRegular(file: string): Promise<{ fh: fs.promises.FileHandle; stat: fs.Stats }> {
  let fh: fs.promises.FileHandle;
  try {
    fh = await fs.promises.open(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw openFailure(file, error);
  }
  try {
    const stat = await fh.stat();
    refuseNonRegular(file, stat);
    return { fh, stat };
  } catch (error) {
    await fh.close();
    throw error;
  }
}

function openFailure(file: string, error: unknown): AppError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return backupError('NOT_FOUND', `找不到文件 ${file}。`);
  if (code === 'EISDIR') return backupError('NOT_A_BACKUP', `${file} 是文件夹，不是备份文件。`);
  return backupError('NOT_A_BACKUP', `无法读取文件 ${file}（${code ?? '未知错误'}）。`);
}

function refuseNonRegular(file: string, stat: fs.Stats): void {
  if (stat.isDirectory()) throw backupError('NOT_A_BACKUP', `${file} 是文件夹，不是备份文件。`);
  if (!stat.isFile()) throw backupError('NOT_A_BACKUP', `${file} 不是普通文件（可能是管道或设备），不是备份文件。`);
}

/** Checks the key and the header MAC; returns the payload keys. */
export async function unlockBackup(header: Header, key: BackupKey): Promise<{ keys: FileKeys; fileKey: Buffer }> {
  await selfTest();
  const kek = 'kek' in key ? key.kek : await deriveKek(key.passphrase, header.salt, header);
  let fileKey: Buffer;
  try {
    fileKey = unwrapFileKey(kek, header);
  } catch (error) {
    // Backups made before passphrases were NFKC-normalised used NFC: where the two differ
    // for this passphrase (全角 characters, U+3000), try the old form once (one more KDF, bounded).
    const legacy = 'passphrase' in key ? legacyPassphraseBytes(key.passphrase) : null;
    if (!legacy || !(error instanceof AppError) || error.code !== 'BAD_PASSPHRASE') throw error;
    fileKey = unwrapFileKey(await deriveKek(legacy, header.salt, header), header);
  }
  const keys = deriveFileKeys(fileKey, header.backupId);
  checkHeaderMac(keys, header);
  return { keys, fileKey };
}

export interface PayloadOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Called with the manifest as soon as it is decrypted (before the database bytes): may throw to stop early. */
  onManifest?: (manifest: Manifest) => void;
  /** Receives the database bytes in order; omitted for a check that only hashes. */
  sink?: (bytes: Buffer) => Promise<void>;
}

/**
 * Every chunk of the payload in order, sealed (body + tag), read 4 MiB at a time with the
 * next read running while the caller works on this one. The yielded bytes are overwritten
 * two reads later: use them before asking for more.
 */
async function* sealedChunks(
  opened: OpenedBackup,
  signal?: AbortSignal,
): AsyncGenerator<{ index: number; last: boolean; count: number; sealed: Buffer }> {
  const size = chunkSize(opened.header);
  const count = chunkCount(opened.header.plaintextLength, size);
  const sealedSize = size + TAG_LENGTH;
  const perRead = Math.max(1, Math.floor((4 * 1024 * 1024) / sealedSize));
  const buffers = [Buffer.allocUnsafe(perRead * sealedSize), Buffer.allocUnsafe(perRead * sealedSize)];
  const { fh } = await openRegular(opened.file);
  const readBlock = (index: number, into: Buffer) => {
    const position = HEADER_LENGTH + index * sealedSize;
    const n = Math.min(perRead, count - index);
    const want = index + n === count ? opened.size - position : n * sealedSize;
    return later(
      fh.read(into, 0, want, position).then(({ bytesRead }) => {
        if (bytesRead !== want) throw backupError('BACKUP_CORRUPT', '读取备份文件时数据不完整（文件在读取过程中被截断或 U 盘已拔出）。');
        return { n, want };
      }),
    );
  };
  try {
    let next = readBlock(0, buffers[0]!);
    for (let index = 0, turn = 0; index < count; turn++) {
      throwIfAborted(signal);
      const buf = buffers[turn % 2]!;
      const { n, want } = await next;
      if (index + n < count) next = readBlock(index + n, buffers[(turn + 1) % 2]!);
      for (let k = 0, off = 0; k < n; k++, index++) {
        const last = index === count - 1;
        const len = last ? want - off : sealedSize;
        if (len <= TAG_LENGTH) throw backupError('BACKUP_CORRUPT', '备份文件最后一块数据不完整。');
        yield { index, last, count, sealed: buf.subarray(off, off + len) };
        off += len;
      }
    }
  } finally {
    await fh.close();
  }
}

/**
 * Decrypts and checks the whole payload: every chunk's tag (with its position and the
 * last-chunk flag in the nonce), the manifest, the database size and its SHA-256.
 */
export async function readPayload(opened: OpenedBackup, keys: FileKeys, options: PayloadOptions = {}): Promise<Manifest> {
  const { header } = opened;
  // The digest is computed on the coprocessor while this thread decrypts.
  const hash = await startHash();
  const hashed: Promise<void>[] = [];
  let manifest: Manifest | null = null;
  let pending: Buffer = Buffer.alloc(0); // plaintext before the manifest is complete
  let dbBytes = 0;
  let plainDone = 0;
  try {
    for await (const { index, last, sealed } of sealedChunks(opened, options.signal)) {
      const plain = decryptChunk(keys.payloadKey, index, last, sealed);
      plainDone += plain.length;
      if ((index + 1) % 4 === 0 || last) options.onProgress?.(plainDone, header.plaintextLength);
      let data = plain;
      if (!manifest) {
        pending = pending.length ? Buffer.concat([pending, plain]) : Buffer.from(plain);
        const found = manifestAtStart(pending, header);
        if (!found) continue;
        manifest = found.manifest;
        options.onManifest?.(manifest);
        data = found.rest;
        pending = Buffer.alloc(0);
      }
      if (data.length) {
        hashed.push(later(hash.update(data)));
        dbBytes += data.length;
        if (options.sink) await options.sink(data);
      }
    }
    if (!manifest) throw backupError('BACKUP_CORRUPT', '备份文件的清单不完整，文件已损坏。');
    if (dbBytes !== manifest.database.size) throw backupError('BACKUP_CORRUPT', '备份中数据库的长度与清单不符，备份不可用。');
    await Promise.all(hashed);
    if ((await hash.digest()) !== manifest.database.sha256)
      throw backupError('BACKUP_CORRUPT', '备份中数据库的校验值与清单不符，备份不可用。');
    return manifest;
  } catch (error) {
    hash.drop();
    throw error;
  }
}

/**
 * The manifest at the start of the payload, once `plain` holds all of it (else null), and
 * the bytes after it; checked against the header (same backup, same lengths).
 */
function manifestAtStart(plain: Buffer, header: Header): { manifest: Manifest; rest: Buffer } | null {
  if (plain.length < 8) return null;
  if (!plain.subarray(0, 4).equals(MANIFEST_MAGIC)) throw backupError('BACKUP_CORRUPT', '备份文件的清单缺失，文件已损坏。');
  const mlen = plain.readUInt32BE(4);
  if (mlen > MAX_MANIFEST_BYTES) throw backupError('BACKUP_CORRUPT', '备份文件的清单长度不合理，文件已损坏。');
  if (plain.length < 8 + mlen) return null;
  const manifest = parseManifest(plain.subarray(8, 8 + mlen));
  if (manifest.backupId !== header.backupId.toString('hex')) {
    throw backupError('BACKUP_CORRUPT', '备份文件的清单与文件头不属于同一个备份（文件被拼接过）。');
  }
  if (8 + mlen + manifest.database.size !== header.plaintextLength) {
    throw backupError('BACKUP_CORRUPT', '备份文件的清单与文件头记录的长度不一致，文件已损坏。');
  }
  return { manifest, rest: plain.subarray(8 + mlen) };
}

/**
 * The read-back right after a backup is written: every chunk decrypted (so its tag is
 * checked) in its place (position, last-chunk flag), the first one giving the manifest.
 * Proves the file holds exactly the ciphertext that was written; the database's SHA-256 is not
 * recomputed (the writer hashed those very bytes moments before encrypting them;
 * verify and restore recompute it). Requires the manifest to fit in the first chunk.
 */
export async function authenticateChunks(
  opened: OpenedBackup,
  keys: FileKeys,
  options: { signal?: AbortSignal; onProgress?: (fraction: number) => void } = {},
): Promise<Manifest> {
  return checkSealedChunks(sealedChunks(opened, options.signal), opened.header, keys, options);
}

/**
 * The same read-back, reading the file from the device (directRead.ts) rather than the
 * cache: the header is taken from the bytes read, `unlock` gives the keys for it (the
 * caller compares it with what was written), then every chunk is checked as above.
 */
export async function authenticateFromDevice(
  reader: DirectReader,
  size: number,
  unlock: (header: Header) => Promise<FileKeys>,
  options: { signal?: AbortSignal; onProgress?: (fraction: number) => void } = {},
): Promise<Manifest> {
  const blocks = reader.blocks(options.signal);
  const first = await blocks.next();
  if (first.done || first.value.length < HEADER_LENGTH)
    throw backupError('BACKUP_CORRUPT', '备份文件不完整：连文件头都不完整（文件被截断）。');
  const header = parseHeader(Buffer.from(first.value.subarray(0, HEADER_LENGTH)), size);
  const keys = await unlock(header);
  const rest = first.value.subarray(HEADER_LENGTH);
  async function* all(): AsyncGenerator<Buffer> {
    yield rest;
    for await (const b of blocks) yield b;
  }
  return checkSealedChunks(sealedChunksFromBlocks(header, size, all()), header, keys, options);
}

/** Cuts the payload bytes (after the header), arriving in blocks of any size, into sealed chunks. */
async function* sealedChunksFromBlocks(header: Header, size: number, blocks: AsyncIterable<Buffer>): AsyncGenerator<SealedChunk> {
  const sealedSize = chunkSize(header) + TAG_LENGTH;
  const count = chunkCount(header.plaintextLength, chunkSize(header));
  const lastSize = size - HEADER_LENGTH - (count - 1) * sealedSize;
  const chunk = Buffer.allocUnsafe(sealedSize);
  let index = 0;
  let filled = 0;
  for await (const block of blocks) {
    for (let off = 0; off < block.length;) {
      if (index >= count) throw backupError('BACKUP_CORRUPT', '备份文件末尾有多余的数据，文件已被改动。');
      const want = (index === count - 1 ? lastSize : sealedSize) - filled;
      const take = Math.min(want, block.length - off);
      block.copy(chunk, filled, off, off + take);
      filled += take;
      off += take;
      if (filled === (index === count - 1 ? lastSize : sealedSize)) {
        if (filled <= TAG_LENGTH) throw backupError('BACKUP_CORRUPT', '备份文件最后一块数据不完整。');
        yield { index, last: index === count - 1, count, sealed: chunk.subarray(0, filled) };
        index++;
        filled = 0;
      }
    }
  }
  if (index !== count) throw backupError('BACKUP_CORRUPT', '读取备份文件时数据不完整（文件被截断或 U 盘已拔出）。');
}

interface SealedChunk {
  index: number;
  last: boolean;
  count: number;
  sealed: Buffer;
}

async function checkSealedChunks(
  chunks: AsyncIterable<SealedChunk>,
  header: Header,
  keys: FileKeys,
  options: { onProgress?: (fraction: number) => void },
): Promise<Manifest> {
  let manifest: Manifest | null = null;
  for await (const { index, last, count, sealed } of chunks) {
    if (index === 0) {
      const found = manifestAtStart(decryptChunk(keys.payloadKey, 0, last, sealed), header);
      if (!found) throw backupError('BACKUP_CORRUPT', '备份文件的清单不完整，文件已损坏。');
      manifest = found.manifest;
    } else {
      decryptChunk(keys.payloadKey, index, last, sealed);
    }
    if ((index + 1) % 4 === 0 || last) options.onProgress?.((index + 1) / count);
  }
  if (!manifest) throw backupError('BACKUP_CORRUPT', '备份文件的清单不完整，文件已损坏。');
  return manifest;
}
