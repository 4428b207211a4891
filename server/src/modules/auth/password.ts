import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (password: string, salt: Buffer, keylen: number, options: crypto.ScryptOptions) => Promise<Buffer>;

export const MIN_PASSWORD_LENGTH = 8;

/** The scrypt paper's interactive-login parameters (16 MiB, tens of ms): affordable for a login burst on a small machine. */
const defaults = { N: 2 ** 14, r: 8, p: 1, keylen: 32 };

/** `scrypt$N$r$p$salt$hash`: the parameters travel with the hash, so they can be raised without breaking old ones. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const { N, r, p, keylen } = defaults;
  const key = await scrypt(password, salt, keylen, { N, r, p, maxmem: 256 * N * r });
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parts = stored?.split('$');
  if (!parts || parts.length !== 6 || parts[0] !== 'scrypt') {
    // Same cost as a real check, so an unknown account is not told apart by timing.
    await hashPassword(password);
    return false;
  }
  const [, n, r, p, salt, hash] = parts;
  const expected = Buffer.from(hash, 'base64url');
  const N = Number(n);
  const key = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, { N, r: Number(r), p: Number(p), maxmem: 256 * N * Number(r) });
  return crypto.timingSafeEqual(key, expected);
}
