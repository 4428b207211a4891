import { describe, expect, it } from 'vitest';
import { webchatAdapter, visitorDisplayName } from './webchat.adapter.js';
import { claimsAllowed, identityHash, identityHashMatches, issueVisitorToken, readVisitorToken, VISITOR_TOKEN_HEADER } from './visitor-token.js';
import { frameAncestors, hostAllowed, pageAllowed, pageHostOf } from './allowed-domains.js';
import { InvalidPayloadError } from '../channel.js';

const SECRET = 'token-secret-0123456789abcdef0123456789';
const channel = (config: Record<string, unknown> = {}) => ({ id: 7, workspaceId: 1, type: 'webchat', config, secrets: { tokenSecret: SECRET, identitySecret: 'id-secret-0123456789' } });
const raw = (headers: Record<string, string>, body: unknown) => ({ headers, rawBody: Buffer.from(JSON.stringify(body)), body, query: {} });

describe('visitor tokens', () => {
  it('round-trips claims and refuses another secret, a changed body or garbage', () => {
    const token = issueVisitorToken(SECRET, { channelId: 7, visitorId: 'anon:abc', kind: 'anon' });
    expect(readVisitorToken(SECRET, token)).toEqual({ channelId: 7, visitorId: 'anon:abc', kind: 'anon' });
    expect(readVisitorToken('another-secret-0123456789abcdef012345', token)).toBeNull();
    const forged = `${Buffer.from(JSON.stringify({ c: 7, v: 'anon:xyz', k: 'anon' })).toString('base64url')}.${token.split('.')[1]}`;
    expect(readVisitorToken(SECRET, forged)).toBeNull();
    for (const bad of ['', '.', 'x.y', 42, undefined, 'a'.repeat(5000)]) expect(readVisitorToken(SECRET, bad)).toBeNull();
  });

  it('identity hashes are HMAC-SHA256 hex of the site\'s id', () => {
    // Known answer: HMAC-SHA256(key "secret", "user-1").
    expect(identityHash('secret', 'user-1')).toBe('1d16fd7e96e8a9681f283b8a251822ffdc71e2a5bda0c5267a044874fa21b82b');
    expect(identityHashMatches('secret', 'user-1', identityHash('secret', 'user-1'))).toBe(true);
    expect(identityHashMatches('secret', 'user-1', identityHash('secret', 'user-2'))).toBe(false);
    expect(identityHashMatches('secret', 'user-1', 'zz')).toBe(false);
    expect(identityHashMatches(undefined, 'user-1', identityHash('secret', 'user-1'))).toBe(false);
  });

  it('an unverified site id is refused once the channel requires verification; another channel\'s token always', () => {
    expect(claimsAllowed({ channelId: 7, visitorId: 'id:1', kind: 'id' }, channel({ identityVerification: true }))).toBe(false);
    expect(claimsAllowed({ channelId: 7, visitorId: 'id:1', kind: 'verified' }, channel({ identityVerification: true }))).toBe(true);
    expect(claimsAllowed({ channelId: 8, visitorId: 'anon:a', kind: 'anon' }, channel())).toBe(false);
  });
});

describe('allowed domains', () => {
  it('matches hosts, wildcard subdomains and ports', () => {
    expect(hostAllowed('optica.test', ['optica.test'])).toBe(true);
    expect(hostAllowed('www.optica.test', ['optica.test'])).toBe(false);
    expect(hostAllowed('www.optica.test', ['*.optica.test'])).toBe(true);
    expect(hostAllowed('optica.test', ['*.optica.test'])).toBe(false);
    expect(hostAllowed('evil-optica.test', ['*.optica.test'])).toBe(false);
    expect(hostAllowed('optica.test:8443', ['optica.test'])).toBe(true);
    expect(hostAllowed('localhost:3000', ['localhost:8080'])).toBe(false);
  });

  it('takes the page from a foreign Origin, else the iframe\'s page header, else a foreign Referer', () => {
    expect(pageHostOf({ host: 'chat.example', origin: 'https://shop.test' })).toBe('shop.test');
    expect(pageHostOf({ host: 'chat.example', origin: 'https://chat.example', 'x-atiende-page': 'https://shop.test/x' })).toBe('shop.test');
    expect(pageHostOf({ host: 'chat.example', referer: 'https://chat.example/widget/frame.html' })).toBeNull();
    expect(pageHostOf({ host: 'chat.example', referer: 'https://shop.test/a' })).toBe('shop.test');
    expect(pageHostOf({ host: 'chat.example', origin: 'null' })).toBeNull();
    expect(pageAllowed([], {})).toBe(true);
    expect(pageAllowed(['shop.test'], {})).toBe(false);
  });

  it('builds the frame-ancestors policy', () => {
    expect(frameAncestors([])).toBe('frame-ancestors *');
    expect(frameAncestors(['a.test', 'b.test:81'])).toBe("frame-ancestors 'self' https://a.test:* http://a.test:* https://b.test:81 http://b.test:81");
  });
});

describe('webchat adapter', () => {
  const token = issueVisitorToken(SECRET, { channelId: 7, visitorId: 'anon:abcd1234', kind: 'anon' });
  const body = { visitorId: 'anon:abcd1234', id: 'msg00000001', text: 'Hola' };

  it('verifies the visitor token against the body\'s visitor and the page', () => {
    expect(webchatAdapter.verify(channel(), raw({ [VISITOR_TOKEN_HEADER]: token }, body))).toBe(true);
    expect(webchatAdapter.verify(channel(), raw({ [VISITOR_TOKEN_HEADER]: token }, { ...body, visitorId: 'anon:other' }))).toBe(false);
    expect(webchatAdapter.verify(channel(), raw({}, body))).toBe(false);
    expect(webchatAdapter.verify(channel({ allowedDomains: ['shop.test'] }), raw({ [VISITOR_TOKEN_HEADER]: token, host: 'c.example', origin: 'https://evil.test' }, body))).toBe(false);
    expect(webchatAdapter.verify(channel({ allowedDomains: ['shop.test'] }), raw({ [VISITOR_TOKEN_HEADER]: token, host: 'c.example', origin: 'https://shop.test' }, body))).toBe(true);
  });

  it('parses one message keyed by visitor and widget id, with page and campaign in meta', () => {
    const [e] = webchatAdapter.parse(channel(), raw({}, { ...body, pageUrl: 'https://shop.test/p', campaignId: 'promo' }));
    expect(e).toEqual({ kind: 'message', externalId: 'anon:abcd1234:msg00000001', contact: { externalId: 'anon:abcd1234', name: visitorDisplayName('anon:abcd1234') }, text: 'Hola', meta: { pageUrl: 'https://shop.test/p', campaignId: 'promo' } });
    expect(visitorDisplayName('anon:abcd1234')).toBe('Visitante 1234');
    expect(() => webchatAdapter.parse(channel(), raw({}, { ...body, id: 'x' }))).toThrow(InvalidPayloadError);
    expect(() => webchatAdapter.parse(channel(), raw({}, { ...body, pageUrl: 'javascript:alert(1)' }))).toThrow(/pageUrl/);
  });

  it('send confirms: the visitor gets the reply from the event log', async () => {
    const sent = await webchatAdapter.send(channel(), { messageId: 42, conversationId: 1, contactExternalId: 'anon:a', content: { type: 'text', text: 'hola' } }, { timeoutMs: 1, config: {} as never });
    expect(sent).toEqual({ externalId: 'webchat:42' });
  });
});
