import { describe, expect, it } from 'vitest';
import { checkedEmail, looksLikePhone, mergeCustomFields, normalizeEmail, normalizePhone, normalizeTags } from './contact-fields.js';

describe('normalizePhone', () => {
  it.each([
    ['+56 9 1234 5678', '+56912345678'],
    ['0058 414 1234567', '+584141234567'],
    ['58.414.123.4567', '+584141234567'],
    ['  +1 (415) 555-0100 ', '+14155550100'],
  ])('%s → %s', (given, expected) => expect(normalizePhone(given)).toBe(expected));

  it.each([
    ['+58 414 1234567 ext. 12'],
    ['(0414) 123-4567'],
    ['VIP-line'],
    ['123'],
    ['+1234567890123456789'],
  ])('keeps %s as given when it cannot be normalised', (given) => expect(normalizePhone(given)).toBe(given.trim()));

  it('turns empty values into null', () => {
    expect(normalizePhone('  ')).toBeNull();
    expect(normalizePhone(null)).toBeNull();
    expect(normalizePhone(undefined)).toBeNull();
  });
});

describe('normalizeEmail', () => {
  it('lowercases and trims', () => expect(normalizeEmail('  Ana.Perez@Example.COM ')).toBe('ana.perez@example.com'));
  it('answers undefined for something that is not an email', () => {
    expect(normalizeEmail('ana@')).toBeUndefined();
    expect(normalizeEmail('ana perez@example.com')).toBeUndefined();
  });
  it('answers null for empty', () => expect(normalizeEmail('')).toBeNull());
  it('checkedEmail names the field on bad input', () => {
    expect(() => checkedEmail('nope')).toThrowError(/body\.email/);
    expect(checkedEmail('A@B.co')).toBe('a@b.co');
  });
});

describe('looksLikePhone', () => {
  it('recognises typed phone numbers', () => {
    expect(looksLikePhone('+56 9 1234')).toBe(true);
    expect(looksLikePhone('0414-123')).toBe(true);
  });
  it('rejects names and emails', () => {
    expect(looksLikePhone('ana')).toBe(false);
    expect(looksLikePhone('ana@example.com')).toBe(false);
    expect(looksLikePhone('12')).toBe(false);
  });
});

describe('normalizeTags', () => {
  it('trims, drops empties and duplicates, keeps order', () => expect(normalizeTags([' vip ', 'mora', 'vip', ' '])).toEqual(['vip', 'mora']));
});

describe('mergeCustomFields', () => {
  it('overwrites given keys, removes null keys, keeps the rest', () => {
    expect(mergeCustomFields({ plan: 'gold', city: 'Caracas', age: 30 }, { plan: 'silver', city: null, vip: true })).toEqual({ plan: 'silver', age: 30, vip: true });
  });
  it('does not mutate the current object', () => {
    const current = { a: 1 };
    mergeCustomFields(current, { a: null });
    expect(current).toEqual({ a: 1 });
  });
});
