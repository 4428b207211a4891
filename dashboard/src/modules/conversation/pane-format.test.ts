import { describe, expect, it } from 'vitest';
import { attachmentKind, contactLabel, formatBytes, isUnnamedContact, replyWindow, splitDuration, toLocalInput } from './pane-format';

describe('pane helpers', () => {
  it('formats sizes in the reader language', () => {
    expect(formatBytes(512, 'en')).toBe('512 B');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
    expect(formatBytes(1536, 'es')).toBe('1,5 KB');
    expect(formatBytes(25 * 1024 * 1024, 'en')).toBe('25 MB');
  });

  it('picks the preview by content type', () => {
    expect(attachmentKind('image/jpeg', 'a.jpg')).toBe('image');
    expect(attachmentKind('image/svg+xml', 'a.svg')).toBe('file');
    expect(attachmentKind('audio/ogg; codecs=opus', 'nota.ogg')).toBe('audio');
    expect(attachmentKind('video/mp4', 'v.mp4')).toBe('video');
    expect(attachmentKind('application/pdf', 'f')).toBe('pdf');
    expect(attachmentKind('application/octet-stream', 'Factura.PDF')).toBe('pdf');
    expect(attachmentKind('application/vnd.ms-excel', 'x.xls')).toBe('file');
  });

  it('names a contact by name, phone, e-mail or number', () => {
    expect(contactLabel({ id: 3, name: ' Ana ', phone: '+58 412', email: null })).toBe('Ana');
    expect(contactLabel({ id: 3, name: '', phone: '+58 412', email: 'a@b.c' })).toBe('+58 412');
    expect(contactLabel({ id: 3, name: '', phone: null, email: 'a@b.c' })).toBe('a@b.c');
    expect(contactLabel({ id: 3, name: '', phone: null, email: null })).toBe('#3');
  });

  it('tells unknown numbers from named contacts', () => {
    expect(isUnnamedContact({ name: '', phone: null, email: null })).toBe(true);
    expect(isUnnamedContact({ name: '+58 (412) 555-0000', phone: '+584125550000', email: null })).toBe(true);
    expect(isUnnamedContact({ name: '584125550000', phone: null, email: null })).toBe(true);
    expect(isUnnamedContact({ name: 'Ana@X.io', phone: null, email: 'ana@x.io' })).toBe(true);
    expect(isUnnamedContact({ name: 'Ana Pérez', phone: '+584125550000', email: null })).toBe(false);
    expect(isUnnamedContact({ name: 'Tienda 24', phone: null, email: null })).toBe(false);
  });

  it('computes the reply window of channels that have one', () => {
    const last = '2030-01-01T10:00:00.000Z';
    const at = (iso: string) => new Date(iso).getTime();
    expect(replyWindow('api', last, at('2030-01-01T11:00:00.000Z'))).toBeNull();
    expect(replyWindow('whatsapp', last, at('2030-01-01T11:00:00.000Z'))).toEqual({ remainingMs: 23 * 3600_000, expired: false });
    expect(replyWindow('whatsapp', last, at('2030-01-02T10:00:00.000Z'))).toEqual({ remainingMs: 0, expired: true });
    expect(replyWindow('messenger', null, 0)).toEqual({ remainingMs: 0, expired: true });
  });

  it('splits durations rounding minutes up', () => {
    expect(splitDuration(5 * 3600_000 + 3 * 60_000)).toEqual({ hours: 5, minutes: 3 });
    expect(splitDuration(30_000)).toEqual({ hours: 0, minutes: 1 });
    expect(splitDuration(3600_000 - 1)).toEqual({ hours: 1, minutes: 0 });
  });

  it('writes datetime-local values in local time', () => {
    expect(toLocalInput(new Date(2030, 0, 2, 9, 5))).toBe('2030-01-02T09:05');
  });
});
