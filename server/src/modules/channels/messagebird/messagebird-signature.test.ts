import { describe, expect, it } from 'vitest';
import { messagebirdAdapter } from './messagebird.adapter.js';
import type { ChannelRecord } from '../channel.js';

// Reference cases published with MessageBird's Node SDK (lib/testdata/webhook-signature-jwt-reference.json).
const SECRET = '36efdd1aace2e26cd490f0d951138253bef2f7c6d34d18981da781555cc4cebb';
const AT = new Date('2021-07-05T12:00:00+02:00');
const WITH_PAYLOAD = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJNZXNzYWdlQmlyZCIsIm5iZiI6MTYyNTQ3OTIwMCwiZXhwIjoxNjI1NDc5MjYwLCJqdGkiOiI5M2U1NTAwNi1hMGU4LTQ1MjYtYTE5MC1mYTVmZjAwZWExMTYiLCJ1cmxfaGFzaCI6IjQxZjA1ZjBkZGQwYTIyYWIyMDlhYzQ2ZjQ3YzQ1NzJkOWNlZmEyNTdlZDc0YjI0MDA0YmFlNzUzZWNlNmMyNjAiLCJwYXlsb2FkX2hhc2giOiJkZmZkNjAyMWJiMmJkNWIwYWY2NzYyOTA4MDllYzNhNTMxOTFkZDgxYzdmNzBhNGIyODY4OGEzNjIxODI5ODZmIn0._H--TOuYFLpeEH39-rg5E3IHVkjHozBcaKVWPRC5m9I';
const NO_PAYLOAD = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJNZXNzYWdlQmlyZCIsIm5iZiI6MTYyNTQ3OTIwMCwiZXhwIjoxNjI1NDc5MjYwLCJqdGkiOiI1OWEyNDRkYy1lOWFkLTRlMjMtOTc3OC0zNzFmYWEyMzhmNzIiLCJ1cmxfaGFzaCI6IjBmMTE1ZGIwNjJiN2MwZGQwMzBiMTY4NzhjOTlkZWE1YzM1NGI0OWRjMzdiMzhlYjg4NDYxNzljNzc4M2U5ZDcifQ.6Fp0rVOsRr1fj9S2GidXAfkmPVofKr8_RTffC6G6r2E';
const NOT_YET = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJNZXNzYWdlQmlyZCIsIm5iZiI6MTYyNTQ4MjgwMCwiZXhwIjoxNjI1NDgyODYwLCJqdGkiOiJmOWY4YzM4Mi0yNDQ5LTQzMTEtYjcyYi0xZGY3MTY4NzkzMWUiLCJ1cmxfaGFzaCI6IjBmMTE1ZGIwNjJiN2MwZGQwMzBiMTY4NzhjOTlkZWE1YzM1NGI0OWRjMzdiMzhlYjg4NDYxNzljNzc4M2U5ZDcifQ.ZELgDFNGhjZH9CffQKcq3sytBe2I0KciLxpBhcfstHQ';
const EXPIRED = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJNZXNzYWdlQmlyZCIsIm5iZiI6MTYyNTQ3NTYwMCwiZXhwIjoxNjI1NDc1NjYwLCJqdGkiOiI1ZjAyZjUyMi02MDMwLTQ2YzgtYjVhMy0wMTI0NjQ3OGQ4YmMiLCJ1cmxfaGFzaCI6IjBmMTE1ZGIwNjJiN2MwZGQwMzBiMTY4NzhjOTlkZWE1YzM1NGI0OWRjMzdiMzhlYjg4NDYxNzljNzc4M2U5ZDcifQ.45MSST3B_2PsjNUeiuW54_vUQgVw4rBXrdWrOUEz3lM';

const channel: ChannelRecord = { id: 1, workspaceId: 1, type: 'messagebird', config: {}, secrets: { signingKey: SECRET, accessKey: 'x' } };
const verify = (token: string, url: string, body = '', receivedAt = AT, key = SECRET) =>
  messagebirdAdapter.verify({ ...channel, secrets: { signingKey: key } }, { headers: { 'messagebird-signature-jwt': token }, rawBody: Buffer.from(body), body: undefined, query: {}, url, receivedAt });

describe('MessageBird-Signature-JWT', () => {
  it('accepts MessageBird\'s reference tokens (with and without a body)', () => {
    expect(verify(WITH_PAYLOAD, 'https://example.com/path?bar=1&foo=2', 'Hello, World!')).toBe(true);
    expect(verify(NO_PAYLOAD, 'https://example.com/')).toBe(true);
  });

  it('refuses a changed body, a body the token does not cover, another URL or query order, another key', () => {
    expect(verify(WITH_PAYLOAD, 'https://example.com/path?bar=1&foo=2', 'Hello, World?')).toBe(false);
    expect(verify(NO_PAYLOAD, 'https://example.com/', 'Hello, World!')).toBe(false);
    expect(verify(WITH_PAYLOAD, 'https://example.com/path?foo=2&bar=1', 'Hello, World!')).toBe(false);
    expect(verify(NO_PAYLOAD, 'http://example.com/')).toBe(false);
    expect(verify(NO_PAYLOAD, 'https://example.com/', '', AT, `${SECRET.slice(0, -1)}c`)).toBe(false);
  });

  it('refuses a token used before nbf or after exp (beyond 5 seconds), by the time the request arrived', () => {
    expect(verify(NOT_YET, 'https://example.com/')).toBe(false);
    expect(verify(EXPIRED, 'https://example.com/')).toBe(false);
    expect(verify(NO_PAYLOAD, 'https://example.com/', '', new Date(AT.getTime() + 64_000))).toBe(true);
    expect(verify(NO_PAYLOAD, 'https://example.com/', '', new Date(AT.getTime() + 66_000))).toBe(false);
  });

  it('refuses what it cannot check: no URL, no time, a missing header, garbage', () => {
    const req = { headers: { 'messagebird-signature-jwt': NO_PAYLOAD }, rawBody: Buffer.alloc(0), body: undefined, query: {} };
    expect(messagebirdAdapter.verify(channel, { ...req, receivedAt: AT })).toBe(false);
    expect(messagebirdAdapter.verify(channel, { ...req, url: 'https://example.com/' })).toBe(false);
    expect(messagebirdAdapter.verify(channel, { ...req, headers: {}, url: 'https://example.com/', receivedAt: AT })).toBe(false);
    expect(verify('a.b.c', 'https://example.com/')).toBe(false);
    expect(verify('', 'https://example.com/')).toBe(false);
  });
});
