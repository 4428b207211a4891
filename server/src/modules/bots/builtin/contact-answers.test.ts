import { describe, expect, it } from 'vitest';
import { readContactAnswer } from './contact-answers.js';

describe('readContactAnswer', () => {
  it('reads an email, alone or in a sentence, lower-cased', () => {
    expect(readContactAnswer('email', 'Ana.Perez+idea@Gmail.com')).toBe('ana.perez+idea@gmail.com');
    expect(readContactAnswer('email', 'mi correo es ana@correo.com.ve, gracias')).toBe('ana@correo.com.ve');
  });

  it('refuses what is not an email', () => {
    for (const text of ['ana@', 'ana@gmail', 'ana gmail.com', '@gmail.com', 'ana@@gmail.com', 'no tengo']) {
      expect(readContactAnswer('email', text), text).toBeNull();
    }
  });

  it('reads a phone of 7 to 15 digits, keeping the + of an international number', () => {
    expect(readContactAnswer('phone', '+58 (414) 123-45.67')).toBe('+584141234567');
    expect(readContactAnswer('phone', '0414 123 4567')).toBe('04141234567');
    expect(readContactAnswer('phone', 'mi número es 0212-771.9011')).toBe('02127719011');
    expect(readContactAnswer('phone', '1234567')).toBe('1234567');
    expect(readContactAnswer('phone', '+123456789012345')).toBe('+123456789012345');
  });

  it('refuses too few or too many digits, and words', () => {
    for (const text of ['123456', '1234567890123456', 'no tengo teléfono', 'cuatro uno cuatro', '']) {
      expect(readContactAnswer('phone', text), text).toBeNull();
    }
  });

  it('reads a name, trimmed and title-cased, without "me llamo"', () => {
    expect(readContactAnswer('name', '  juan   PÉREZ ')).toBe('Juan Pérez');
    expect(readContactAnswer('name', 'me llamo maría de los ángeles')).toBe('María de los Ángeles');
    expect(readContactAnswer('name', "My name is sean o'brien")).toBe("Sean O'Brien");
    expect(readContactAnswer('name', 'ana-maría')).toBe('Ana-María');
    expect(readContactAnswer('name', 'Li')).toBe('Li');
  });

  it('refuses digits, @, one letter, more than 60 characters and mere answers', () => {
    const tooLong = 'a'.repeat(61);
    for (const text of ['Juan2', 'juan@correo.com', 'J', tooLong, 'no', 'ok', 'no quiero', '¿para qué?']) {
      expect(readContactAnswer('name', text), text).toBeNull();
    }
  });
});
