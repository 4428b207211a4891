import { describe, expect, it } from 'vitest';
import { snoozeUntil } from './snooze-times.js';

describe('snoozeUntil', () => {
  const now = new Date('2026-03-07T23:30:00Z'); // Saturday 19:30 in Caracas (UTC-4)

  it('tomorrow is 09:00 of the next local day', () => {
    expect(snoozeUntil({ kind: 'tomorrow' }, now, 'America/Caracas')?.toISOString()).toBe('2026-03-08T13:00:00.000Z');
  });

  it('next week is Monday 09:00 local', () => {
    expect(snoozeUntil({ kind: 'next_week' }, now, 'America/Caracas')?.toISOString()).toBe('2026-03-09T13:00:00.000Z');
  });

  it('follows daylight saving time (Madrid moves to CEST on 29 March 2026)', () => {
    const sat = new Date('2026-03-28T12:00:00Z');
    expect(snoozeUntil({ kind: 'tomorrow' }, sat, 'Europe/Madrid')?.toISOString()).toBe('2026-03-29T07:00:00.000Z');
  });

  it('until the next reply has no time', () => {
    expect(snoozeUntil({ kind: 'until_reply' }, now, 'UTC')).toBeNull();
  });
});
