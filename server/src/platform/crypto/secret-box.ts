import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** AES-256-GCM for secrets at rest (channel credentials). Format: base64(iv | tag | ciphertext). */
export class SecretBox {
  private key: Buffer;
  constructor(secret: string) {
    this.key = crypto.createHash('sha256').update(secret).digest();
  }
  seal(value: unknown): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }
  /** An HMAC under a key derived from the same secret (for signed links), base64url. */
  sign(data: string): string {
    return crypto.createHmac('sha256', this.key).update(`sign:${data}`).digest('base64url');
  }
  verify(data: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(data));
    const given = Buffer.from(signature);
    return expected.length === given.length && crypto.timingSafeEqual(expected, given);
  }
  open<T>(sealed: string): T {
    const raw = Buffer.from(sealed, 'base64');
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')) as T;
  }
}

/**
 * Embedded mode generates a key once and keeps it beside the data (so a copy of ./data stays readable);
 * several nodes must share SECRET_KEY, which the config requires with DATABASE_URL.
 */
export function resolveSecretKey(config: { SECRET_KEY?: string; dataDir: string }): string {
  if (config.SECRET_KEY) return config.SECRET_KEY;
  const file = path.join(config.dataDir, 'secret.key');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(config.dataDir, { recursive: true });
    const key = crypto.randomBytes(32).toString('hex');
    fs.writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
    return key;
  }
}

export const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
export const randomToken = (bytes = 32) => crypto.randomBytes(bytes).toString('base64url');
