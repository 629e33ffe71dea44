/**
 * The backup file format, version 1 (docs/backup-format.md is the reference; keep the
 * two in step). A file is a fixed 184-byte header followed by the payload in
 * AES-256-GCM chunks. Everything here is pure: bytes in, fields out, and every
 * check that can be made before any expensive work (KDF bounds, sizes) is made here.
 */
import { createHash } from 'node:crypto';
import { backupError } from './errors';

export const MAGIC = Buffer.from([0x51, 0x4c, 0x4c, 0x47, 0x42, 0x41, 0x4b, 0x1a]); // "QLLGBAK\x1a"
export const FORMAT_VERSION = 1;
export const HEADER_LENGTH = 184;
export const TAG_LENGTH = 16;
/** File name extension of backups. */
export const BACKUP_EXTENSION = '.qlbak';

export const CIPHER_SUITES = {
  /** AES-256-GCM chunks, AES-256-GCM key wrap, HKDF-SHA-256, HMAC-SHA-256. */
  AES_256_GCM: 0x01,
  /** Reserved for SM4-GCM with SM3 (国密). Not implemented: Electron's BoringSSL has no SM4. */
  SM4_GCM: 0x02,
} as const;

export const KDF_IDS = { SCRYPT: 0x01 } as const;

/**
 * Bounds a reader accepts; anything outside is refused before any KDF work. They cap
 * what a crafted header can make a reader spend: memory 128·r·N ≤ 256 MiB (N ≤ 2^18)
 * and work N·p ≤ 2^18, twice the default (about 1 s here). Earlier readers allowed
 * N = 2^20 with p = 4: a 209-byte file cost 1.1 GB and 11–16 s before "wrong passphrase".
 */
export const KDF_BOUNDS = { minLogN: 15, maxLogN: 18, r: 8, minP: 1, maxP: 4, maxLogWork: 18 } as const;
/** What new backups use: about 0.5 s and 128 MiB on the target machines. */
export const DEFAULT_KDF = { logN: 17, r: 8, p: 1 } as const;
export const CHUNK_LOG2_BOUNDS = { min: 14, max: 20 } as const;
export const DEFAULT_CHUNK_LOG2 = 20; // 1 MiB: the per-chunk cost (a cipher context, a tag) stays under 1% of the work
/** Plaintext bigger than this is refused as absurd (256 TiB). */
export const MAX_PLAINTEXT = 2 ** 48;

export const FLAG_AUTOMATIC = 0x0001;
const KNOWN_FLAGS = FLAG_AUTOMATIC;

/** Byte offsets of the header fields. */
export const OFFSET = {
  magic: 0,
  version: 8,
  headerLength: 10,
  suite: 12,
  kdf: 13,
  logN: 14,
  r: 15,
  p: 16,
  chunkLog2: 17,
  flags: 18,
  createdAt: 20,
  plaintextLength: 28,
  backupId: 36,
  salt: 52,
  wrapNonce: 84,
  wrappedKey: 96,
  wrapTag: 128,
  mac: 144,
  checksum: 176,
} as const;

export interface Header {
  version: number;
  suite: number;
  kdf: number;
  logN: number;
  r: number;
  p: number;
  chunkLog2: number;
  flags: number;
  createdAt: Date;
  plaintextLength: number;
  backupId: Buffer;
  salt: Buffer;
  wrapNonce: Buffer;
  wrappedKey: Buffer;
  wrapTag: Buffer;
  mac: Buffer;
  /** The 184 raw bytes as read (for the MAC and the wrap's associated data). */
  raw: Buffer;
}

export type HeaderFields = Omit<Header, 'raw' | 'mac' | 'version'>;

export const chunkSize = (h: Pick<Header, 'chunkLog2'>): number => 2 ** h.chunkLog2;
export const chunkCount = (plaintextLength: number, size: number): number => Math.max(1, Math.ceil(plaintextLength / size));
/** The exact size of a well-formed file with this header. */
export function expectedFileSize(h: Pick<Header, 'chunkLog2' | 'plaintextLength'>): number {
  return HEADER_LENGTH + h.plaintextLength + TAG_LENGTH * chunkCount(h.plaintextLength, chunkSize(h));
}

/** Header bytes without MAC and checksum (the MAC is then computed over bytes 0..144). */
export function encodeHeader(f: HeaderFields): Buffer {
  const b = Buffer.alloc(HEADER_LENGTH);
  MAGIC.copy(b, OFFSET.magic);
  b.writeUInt16BE(FORMAT_VERSION, OFFSET.version);
  b.writeUInt16BE(HEADER_LENGTH, OFFSET.headerLength);
  b[OFFSET.suite] = f.suite;
  b[OFFSET.kdf] = f.kdf;
  b[OFFSET.logN] = f.logN;
  b[OFFSET.r] = f.r;
  b[OFFSET.p] = f.p;
  b[OFFSET.chunkLog2] = f.chunkLog2;
  b.writeUInt16BE(f.flags, OFFSET.flags);
  b.writeBigUInt64BE(BigInt(f.createdAt.getTime()), OFFSET.createdAt);
  b.writeBigUInt64BE(BigInt(f.plaintextLength), OFFSET.plaintextLength);
  f.backupId.copy(b, OFFSET.backupId);
  f.salt.copy(b, OFFSET.salt);
  f.wrapNonce.copy(b, OFFSET.wrapNonce);
  f.wrappedKey.copy(b, OFFSET.wrappedKey);
  f.wrapTag.copy(b, OFFSET.wrapTag);
  return b;
}

export function headerChecksum(b: Buffer): Buffer {
  return createHash('sha256').update(b.subarray(0, OFFSET.checksum)).digest().subarray(0, 8);
}

/** Writes MAC and checksum into a header from encodeHeader. */
export function sealHeader(b: Buffer, mac: Buffer): Buffer {
  mac.copy(b, OFFSET.mac);
  headerChecksum(b).copy(b, OFFSET.checksum);
  return b;
}

/**
 * Parses and checks a header without any key: magic, version, checksum, suite, KDF
 * id and bounds, chunk size, flags, sizes against the real file size. Every refusal
 * here costs microseconds: a crafted file cannot make the reader spend time or memory.
 */
export function parseHeader(raw: Buffer, fileSize: number): Header {
  if (raw.length < MAGIC.length || !raw.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw backupError('NOT_A_BACKUP', '所选文件不是清廉台账的备份文件（文件标识不符）。');
  }
  if (raw.length < HEADER_LENGTH || fileSize < HEADER_LENGTH) {
    throw backupError('BACKUP_CORRUPT', '备份文件不完整：连文件头都不完整（文件被截断）。');
  }
  const version = raw.readUInt16BE(OFFSET.version);
  const checksumOk = headerChecksum(raw).equals(raw.subarray(OFFSET.checksum, OFFSET.checksum + 8));
  if (version > FORMAT_VERSION && checksumOk) {
    throw backupError(
      'BACKUP_UNSUPPORTED',
      `此备份文件由更新版本的清廉台账生成（备份格式版本 ${version}），本程序只能读取到版本 ${FORMAT_VERSION}。请升级程序后再使用。`,
    );
  }
  if (!checksumOk) {
    if (version !== FORMAT_VERSION) {
      throw backupError('BACKUP_CORRUPT', `备份文件的文件头已损坏，或由更新版本的清廉台账生成（格式版本 ${version}），无法读取。`);
    }
    throw backupError('BACKUP_CORRUPT', '备份文件的文件头已损坏（校验和不符），无法读取。请换用其他备份。');
  }
  if (version !== FORMAT_VERSION || raw.readUInt16BE(OFFSET.headerLength) !== HEADER_LENGTH) {
    throw backupError('BACKUP_UNSUPPORTED', `无法识别的备份格式版本 ${version}。`);
  }
  const suite = raw[OFFSET.suite]!;
  if (suite === CIPHER_SUITES.SM4_GCM) {
    throw backupError('BACKUP_UNSUPPORTED', '此备份使用国密 SM4 算法加密，本程序版本尚不支持读取。');
  }
  if (suite !== CIPHER_SUITES.AES_256_GCM) throw backupError('BACKUP_UNSUPPORTED', `不支持的加密算法编号 ${suite}。`);
  const kdf = raw[OFFSET.kdf]!;
  if (kdf !== KDF_IDS.SCRYPT) throw backupError('BACKUP_UNSUPPORTED', `不支持的密钥派生算法编号 ${kdf}。`);
  const logN = raw[OFFSET.logN]!;
  const r = raw[OFFSET.r]!;
  const p = raw[OFFSET.p]!;
  if (
    logN < KDF_BOUNDS.minLogN ||
    logN > KDF_BOUNDS.maxLogN ||
    r !== KDF_BOUNDS.r ||
    p < KDF_BOUNDS.minP ||
    p > KDF_BOUNDS.maxP ||
    2 ** logN * p > 2 ** KDF_BOUNDS.maxLogWork
  ) {
    throw backupError(
      'BACKUP_CORRUPT',
      `备份文件中的密钥派生参数超出允许范围（N=2^${logN}, r=${r}, p=${p}），文件可能被篡改，已拒绝读取。`,
    );
  }
  const chunkLog2 = raw[OFFSET.chunkLog2]!;
  if (chunkLog2 < CHUNK_LOG2_BOUNDS.min || chunkLog2 > CHUNK_LOG2_BOUNDS.max) {
    throw backupError('BACKUP_CORRUPT', `备份文件中的分块大小（2^${chunkLog2} 字节）超出允许范围，文件可能被篡改。`);
  }
  const flags = raw.readUInt16BE(OFFSET.flags);
  if ((flags & ~KNOWN_FLAGS) !== 0) throw backupError('BACKUP_UNSUPPORTED', '备份文件使用了本程序不认识的选项，请升级程序。');
  const plaintextBig = raw.readBigUInt64BE(OFFSET.plaintextLength);
  if (plaintextBig < 9n || plaintextBig > BigInt(MAX_PLAINTEXT)) {
    throw backupError('BACKUP_CORRUPT', '备份文件头中记录的数据长度不合理，文件可能被篡改。');
  }
  const createdMs = raw.readBigUInt64BE(OFFSET.createdAt);
  const h: Header = {
    version,
    suite,
    kdf,
    logN,
    r,
    p,
    chunkLog2,
    flags,
    createdAt: new Date(Number(createdMs > 8_640_000_000_000_000n ? 0n : createdMs)),
    plaintextLength: Number(plaintextBig),
    backupId: Buffer.from(raw.subarray(OFFSET.backupId, OFFSET.backupId + 16)),
    salt: Buffer.from(raw.subarray(OFFSET.salt, OFFSET.salt + 32)),
    wrapNonce: Buffer.from(raw.subarray(OFFSET.wrapNonce, OFFSET.wrapNonce + 12)),
    wrappedKey: Buffer.from(raw.subarray(OFFSET.wrappedKey, OFFSET.wrappedKey + 32)),
    wrapTag: Buffer.from(raw.subarray(OFFSET.wrapTag, OFFSET.wrapTag + 16)),
    mac: Buffer.from(raw.subarray(OFFSET.mac, OFFSET.mac + 32)),
    raw: Buffer.from(raw.subarray(0, HEADER_LENGTH)),
  };
  const expected = expectedFileSize(h);
  if (fileSize < expected) {
    throw backupError(
      'BACKUP_CORRUPT',
      `备份文件不完整（被截断）：应有 ${expected} 字节，实际只有 ${fileSize} 字节。请换用完整的备份文件。`,
    );
  }
  if (fileSize > expected) {
    throw backupError('BACKUP_CORRUPT', `备份文件末尾多出 ${fileSize - expected} 字节，文件已被改动，无法信任。`);
  }
  return h;
}

/** Chunk nonce: 11-byte big-endian counter, then 1 if this is the last chunk (as in age). */
export function chunkNonce(index: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  n.writeUIntBE(Math.floor(index / 2 ** 32), 3, 4);
  n.writeUInt32BE(index % 2 ** 32, 7);
  n[11] = last ? 1 : 0;
  return n;
}

/** Plaintext prefix: "QLMF", u32 BE manifest length, manifest JSON (UTF-8). */
export const MANIFEST_MAGIC = Buffer.from('QLMF', 'latin1');
export const MAX_MANIFEST_BYTES = 1024 * 1024;

export function encodeManifestBlock(json: string): Buffer {
  const body = Buffer.from(json, 'utf8');
  if (body.length > MAX_MANIFEST_BYTES) throw new Error('manifest too large');
  const head = Buffer.alloc(8);
  MANIFEST_MAGIC.copy(head, 0);
  head.writeUInt32BE(body.length, 4);
  return Buffer.concat([head, body]);
}
