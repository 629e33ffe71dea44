/**
 * The primitives of backup format v1, limited to what both Node (OpenSSL) and
 * Electron (BoringSSL) provide: scrypt (explicit maxmem), AES-256-GCM, HKDF-SHA-256,
 * HMAC-SHA-256. `selfTest()` checks them against published vectors before first use.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { backupError } from './errors';
import { chunkNonce, OFFSET, TAG_LENGTH, type Header } from './format';

export interface KdfParams {
  logN: number;
  r: number;
  p: number;
}

/**
 * Passphrases are compared as Unicode NFKC (docs/backup-format.md): the same words typed
 * by another input method, or in 全角 form, open the file — ＡＢＣ１２３ is ABC123 and the
 * ideographic space U+3000 is a plain space. Nothing is trimmed: a space at either end
 * is part of the passphrase (the form warns about it instead).
 * Backups made before format note 2 (NFC) still open: see unlockBackup's fallback.
 */
export function normalizePassphrase(passphrase: string): Buffer {
  return Buffer.from(passphrase.normalize('NFKC'), 'utf8');
}

/** The older normalisation (NFC), when it gives other bytes than NFKC for this passphrase; else null. */
export function legacyPassphraseBytes(passphrase: string): Buffer | null {
  const nfc = passphrase.normalize('NFC');
  return nfc === passphrase.normalize('NFKC') ? null : Buffer.from(nfc, 'utf8');
}

export function scryptMaxmem({ logN, r, p }: KdfParams): number {
  return 128 * r * (2 ** logN + p + 2) + 16 * 1024 * 1024;
}

/** The key-encryption key from the passphrase (async: runs on the thread pool). */
export function deriveKek(passphrase: string | Buffer, salt: Buffer, params: KdfParams): Promise<Buffer> {
  const secret = typeof passphrase === 'string' ? normalizePassphrase(passphrase) : passphrase;
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, 32, { N: 2 ** params.logN, r: params.r, p: params.p, maxmem: scryptMaxmem(params) }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** Associated data of the key wrap: the header before the wrap nonce (ids, KDF parameters, sizes, salt). */
export const wrapAad = (rawHeader: Buffer): Buffer => rawHeader.subarray(0, OFFSET.wrapNonce);

export function wrapFileKey(kek: Buffer, fileKey: Buffer, aad: Buffer): { nonce: Buffer; wrapped: Buffer; tag: Buffer } {
  const nonce = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', kek, nonce);
  c.setAAD(aad);
  const wrapped = Buffer.concat([c.update(fileKey), c.final()]);
  return { nonce, wrapped, tag: c.getAuthTag() };
}

/** The file key, or BAD_PASSPHRASE: the wrap is the key check. */
export function unwrapFileKey(kek: Buffer, h: Header): Buffer {
  try {
    const d = createDecipheriv('aes-256-gcm', kek, h.wrapNonce);
    d.setAAD(wrapAad(h.raw));
    d.setAuthTag(h.wrapTag);
    return Buffer.concat([d.update(h.wrappedKey), d.final()]);
  } catch {
    throw backupError(
      'BAD_PASSPHRASE',
      '口令不正确，无法解密此备份文件。请核对口令（注意大小写和全角/半角）后重试；如果确认口令无误，则文件头已被改动。',
    );
  }
}

export interface FileKeys {
  payloadKey: Buffer;
  macKey: Buffer;
}

export function deriveFileKeys(fileKey: Buffer, backupId: Buffer): FileKeys {
  const k = (info: string) => Buffer.from(hkdfSync('sha256', fileKey, backupId, Buffer.from(info, 'latin1'), 32));
  return { payloadKey: k('qinglian-backup v1 payload'), macKey: k('qinglian-backup v1 header-mac') };
}

export function headerMac(macKey: Buffer, rawHeader: Buffer): Buffer {
  return createHmac('sha256', macKey).update(rawHeader.subarray(0, OFFSET.mac)).digest();
}

export function checkHeaderMac(keys: FileKeys, h: Header): void {
  if (!timingSafeEqual(headerMac(keys.macKey, h.raw), h.mac)) {
    throw backupError('BACKUP_CORRUPT', '备份文件的文件头已被改动（认证码不符），无法信任此文件。');
  }
}

export function encryptChunk(key: Buffer, index: number, last: boolean, plaintext: Buffer): Buffer[] {
  const c = createCipheriv('aes-256-gcm', key, chunkNonce(index, last));
  const body = c.update(plaintext);
  c.final();
  return [body, c.getAuthTag()];
}

/** The chunk's plaintext, or BACKUP_CORRUPT naming the chunk (damage, reordering, splicing, a cut at a chunk border). */
export function decryptChunk(key: Buffer, index: number, last: boolean, sealed: Buffer): Buffer {
  const body = sealed.subarray(0, sealed.length - TAG_LENGTH);
  try {
    const d = createDecipheriv('aes-256-gcm', key, chunkNonce(index, last));
    d.setAuthTag(sealed.subarray(sealed.length - TAG_LENGTH));
    const out = d.update(body);
    d.final();
    return out;
  } catch {
    throw backupError('BACKUP_CORRUPT', `备份文件第 ${index + 1} 块数据已损坏、被改动或顺序被打乱（认证失败），无法使用此备份。`);
  }
}

let selfTestDone = false;

/** Known-answer tests of every primitive (RFC 7914, GCM spec, RFC 4231, RFC 5869). Throws if one is missing or wrong. */
export async function selfTest(): Promise<void> {
  if (selfTestDone) return;
  const hex = (b: Buffer | ArrayBuffer) => Buffer.from(b as ArrayBuffer).toString('hex');
  const fail = (what: string) => {
    throw backupError('INTERNAL', `加密组件自检失败（${what}），为安全起见已停止备份操作。`);
  };
  const s = await new Promise<Buffer>((resolve, reject) =>
    scrypt('password', 'NaCl', 64, { N: 1024, r: 8, p: 16, maxmem: 64 * 1024 * 1024 }, (e, k) => (e ? reject(e) : resolve(k))),
  ).catch(() => fail('scrypt'));
  if (
    !s ||
    hex(s) !==
      'fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640'
  )
    fail('scrypt');
  const c = createCipheriv('aes-256-gcm', Buffer.alloc(32), Buffer.alloc(12));
  const ct = Buffer.concat([c.update(Buffer.alloc(16)), c.final()]);
  if (hex(ct) !== 'cea7403d4d606b6e074ec5d3baf39d18' || hex(c.getAuthTag()) !== 'd0d1c8a799996bf0265b98b5d48ab919') fail('AES-256-GCM');
  if (
    hex(createHmac('sha256', 'Jefe').update('what do ya want for nothing?').digest()) !==
    '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'
  )
    fail('HMAC-SHA-256');
  const okm = hkdfSync(
    'sha256',
    Buffer.alloc(22, 0x0b),
    Buffer.from('000102030405060708090a0b0c', 'hex'),
    Buffer.from('f0f1f2f3f4f5f6f7f8f9', 'hex'),
    42,
  );
  if (hex(okm) !== '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865') fail('HKDF-SHA-256');
  selfTestDone = true;
}
