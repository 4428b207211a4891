import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password.js';

describe('password hashes', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse');
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(await verifyPassword('correct hors', hash)).toBe(false);
  });

  it('salts every hash and stores its parameters', async () => {
    const a = await hashPassword('same password');
    const b = await hashPassword('same password');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(a).not.toContain('same password');
  });

  it('checks a hash made with other parameters by the parameters it carries', async () => {
    const hash = await hashPassword('pw');
    const [, , , , salt] = hash.split('$');
    const crypto = await import('node:crypto');
    const key = crypto.scryptSync('old one', Buffer.from(salt, 'base64url'), 16, { N: 1024, r: 4, p: 2 });
    const old = ['scrypt', 1024, 4, 2, salt, key.toString('base64url')].join('$');
    expect(await verifyPassword('old one', old)).toBe(true);
    expect(await verifyPassword('old two', old)).toBe(false);
  });

  it('refuses accounts without a password or with a malformed hash', async () => {
    expect(await verifyPassword('anything', null)).toBe(false);
    expect(await verifyPassword('anything', 'bcrypt$whatever')).toBe(false);
  });
});
