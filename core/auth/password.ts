import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

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

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  // Bounds: a tampered row must not make a login spend minutes or gigabytes.
  if (!(params.N >= 1024 && params.N <= 1 << 20 && params.r >= 1 && params.r <= 32 && params.p >= 1 && params.p <= 4)) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(password.normalize('NFC'), Buffer.from(salt, 'base64'), expected.length, {
    ...params,
    maxmem: maxmem(params.N, params.r, params.p),
  });
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
