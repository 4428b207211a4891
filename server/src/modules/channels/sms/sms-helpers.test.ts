import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { normalisePhone } from './phone.js';
import { smsKeyword } from './keywords.js';
import { smsMessage } from './sms-inbound.js';
import { buttonsAsText } from './sms-outbound.js';
import { signRs256Jwt, verifyHmacJwt } from './jwt.js';

const hs = (alg: string, claims: object, secret: string) => {
  const input = `${Buffer.from(JSON.stringify({ alg, typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const algo = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }[alg] ?? 'sha256';
  return `${input}.${crypto.createHmac(algo, secret).update(input).digest('base64url')}`;
};

describe('SMS helpers', () => {
  it('normalises every provider\'s way of writing a number to E.164, and leaves senders that are not numbers alone', () => {
    expect(normalisePhone('+14155550100')).toBe('+14155550100');
    expect(normalisePhone('447700900001')).toBe('+447700900001');
    expect(normalisePhone('0034 600 11 22 33')).toBe('+34600112233');
    expect(normalisePhone('+1 (415) 555-0100')).toBe('+14155550100');
    expect(normalisePhone('Movistar')).toBe('Movistar');
    expect(normalisePhone('22395')).toBe('22395'); // a short code
  });

  it('recognises opt-out and opt-in words only as the whole message', () => {
    expect(smsKeyword('stop')).toBe('stop');
    expect(smsKeyword(' Baja. ')).toBe('stop');
    expect(smsKeyword('START')).toBe('start');
    expect(smsKeyword('help')).toBe('help');
    expect(smsKeyword('please stop calling me')).toBeNull();
    expect(smsKeyword('Cancelar mi pedido')).toBeNull();
  });

  it('an inbound SMS: the sender as contact and phone, a STOP noted in meta.sms', () => {
    expect(smsMessage({ externalId: 'x', from: '34600111222', text: 'STOP' })).toEqual({
      kind: 'message', externalId: 'x', contact: { externalId: '+34600111222', phone: '+34600111222' }, text: 'STOP', meta: { sms: { keyword: 'stop' } },
    });
    expect(smsMessage({ externalId: 'y', from: 'INFO', text: 'hola', sentAt: new Date('nope') })).toEqual({ kind: 'message', externalId: 'y', contact: { externalId: 'INFO' }, text: 'hola' });
  });

  it('buttons become numbered lines', () => {
    expect(buttonsAsText('¿Confirma?', [{ title: 'Sí' }, { title: 'No' }])).toBe('¿Confirma?\n1. Sí\n2. No');
  });

  it('verifies HMAC tokens: the right secret and an allowed algorithm only, never alg none', () => {
    expect(verifyHmacJwt(hs('HS256', { a: 1 }, 's3cret'), 's3cret')).toEqual({ a: 1 });
    expect(verifyHmacJwt(hs('HS256', { a: 1 }, 's3cret'), 'other')).toBeNull();
    expect(verifyHmacJwt(hs('HS512', { a: 1 }, 's3cret'), 's3cret')).toBeNull();
    expect(verifyHmacJwt(hs('HS512', { a: 1 }, 's3cret'), 's3cret', ['HS256', 'HS512'])).toEqual({ a: 1 });
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"a":1}').toString('base64url')}.`;
    expect(verifyHmacJwt(none, 's3cret', ['HS256'])).toBeNull();
    expect(verifyHmacJwt('garbage', 's3cret')).toBeNull();
    expect(verifyHmacJwt(hs('HS256', { a: 1 }, ''), '')).toBeNull();
  });

  it('signs RS256 tokens a public key verifies', () => {
    const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const token = signRs256Jwt({ application_id: 'app' }, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    const [h, p, s] = token.split('.');
    expect(JSON.parse(Buffer.from(h, 'base64url').toString())).toEqual({ alg: 'RS256', typ: 'JWT' });
    expect(crypto.verify('RSA-SHA256', Buffer.from(`${h}.${p}`), publicKey, Buffer.from(s, 'base64url'))).toBe(true);
  });
});
