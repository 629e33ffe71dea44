import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Passwords are stored as `scrypt$N$r$p$salt$hash` (base64). scrypt works the same in
 * Node and Electron (BoringSSL). N=2^15 costs ~50-100 ms here: slow for guessing, fine for a login.
 */
const N = 1 << 15;
const R = 8;
const P = 1;
const KEY_LEN = 32;
const maxmem = (n: number, r: number, p: number) => 128 * r * (n + p + 2) + 1024 * 1024;

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password.normalize('NFC'), salt, KEY_LEN, { N, r: R, p: P, maxmem: maxmem(N, R, P) });
  return ['scrypt', N, R, P, salt.toString('base64'), hash.toString('base64')].join('$');
}

/** hashPassword off the main thread. */
export async function hashPasswordAsync(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LEN, { N, r: R, p: P, maxmem: maxmem(N, R, P) }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
  return ['scrypt', N, R, P, salt.toString('base64'), hash.toString('base64')].join('$');
}

interface ParsedHash {
  salt: Buffer;
  expected: Buffer;
  options: ScryptOptions;
}

function parseStored(stored: string): ParsedHash | null {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return null;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  // Bounds: a tampered row must not make a login spend minutes or gigabytes.
  if (!(params.N >= 1024 && params.N <= 1 << 20 && params.r >= 1 && params.r <= 32 && params.p >= 1 && params.p <= 4)) return null;
  const expected = Buffer.from(hash, 'base64');
  if (expected.length < 16 || expected.length > 64) return null;
  return { salt: Buffer.from(salt, 'base64'), expected, options: { ...params, maxmem: maxmem(params.N, params.r, params.p) } };
}

export function verifyPassword(password: string, stored: string): boolean {
  const parsed = parseStored(stored);
  if (!parsed) return false;
  const actual = scryptSync(password.normalize('NFC'), parsed.salt, parsed.expected.length, parsed.options);
  return timingSafeEqual(parsed.expected, actual);
}

/**
 * The same check off the main thread (libuv's pool): a login must not stop the host
 * answering everyone else for the ~100 ms scrypt takes (20 logins at once took 14 s).
 */
export async function verifyPasswordAsync(password: string, stored: string): Promise<boolean> {
  const parsed = parseStored(stored);
  if (!parsed) return false;
  const actual = await new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFC'), parsed.salt, parsed.expected.length, parsed.options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
  return timingSafeEqual(parsed.expected, actual);
}
