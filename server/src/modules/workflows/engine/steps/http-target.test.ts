import { describe, expect, it } from 'vitest';
import { assertPublicTarget, isPrivateAddress, RefusedTarget } from './http-target.js';
import { readPath } from './http-request.step.js';

describe('where workflow HTTP steps may go', () => {
  it.each([
    '127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0',
    '224.0.0.1', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', 'not-an-ip',
  ])('%s is private', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '172.32.0.1', '100.128.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8'])('%s is public', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });

  it('refuses loopback names and literals and other protocols before any request', async () => {
    await expect(assertPublicTarget(new URL('http://localhost:3000/x'))).rejects.toBeInstanceOf(RefusedTarget);
    await expect(assertPublicTarget(new URL('http://[::1]/x'))).rejects.toThrow(/private or local/);
    await expect(assertPublicTarget(new URL('http://169.254.169.254/latest/meta-data'))).rejects.toThrow(/private or local/);
    await expect(assertPublicTarget(new URL('file:///etc/passwd'))).rejects.toThrow(/Only http and https/);
    await expect(assertPublicTarget(new URL('https://93.184.215.14/'))).resolves.toBeUndefined();
  });
});

describe('reading response values by path', () => {
  const json = { data: { id: 42, tags: ['a', 'b'], nada: null }, items: [{ name: 'x' }] };

  it('follows keys and list positions; missing paths are undefined', () => {
    expect(readPath(json, 'data.id')).toBe(42);
    expect(readPath(json, 'items.0.name')).toBe('x');
    expect(readPath(json, 'data.tags')).toEqual(['a', 'b']);
    expect(readPath(json, 'data.nada')).toBeNull();
    expect(readPath(json, 'data.falta')).toBeUndefined();
    expect(readPath(json, 'items.x')).toBeUndefined();
    expect(readPath(json, 'data.constructor')).toBeUndefined();
    expect(readPath('texto', 'a')).toBeUndefined();
  });
});
