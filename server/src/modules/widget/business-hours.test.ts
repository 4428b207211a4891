import { describe, expect, it } from 'vitest';
import { isWithinBusinessHours } from './business-hours.js';

const hours = { timezone: 'America/Caracas', schedule: [{ day: 1, from: '08:00', to: '18:00' }, { day: 5, from: '22:00', to: '02:00' }] };

describe('business hours', () => {
  it('is open inside an interval in the channel\'s time zone, closed outside', () => {
    expect(isWithinBusinessHours(hours, new Date('2026-03-02T12:00:00Z'))).toBe(true); // Monday 08:00 in Caracas (UTC-4)
    expect(isWithinBusinessHours(hours, new Date('2026-03-02T11:59:00Z'))).toBe(false); // 07:59
    expect(isWithinBusinessHours(hours, new Date('2026-03-02T22:00:00Z'))).toBe(false); // 18:00: the end is exclusive
    expect(isWithinBusinessHours(hours, new Date('2026-03-03T14:00:00Z'))).toBe(false); // Tuesday
  });

  it('an interval past midnight continues into the next day', () => {
    expect(isWithinBusinessHours(hours, new Date('2026-03-07T03:00:00Z'))).toBe(true); // Friday 23:00
    expect(isWithinBusinessHours(hours, new Date('2026-03-07T05:30:00Z'))).toBe(true); // Saturday 01:30
    expect(isWithinBusinessHours(hours, new Date('2026-03-07T06:30:00Z'))).toBe(false); // Saturday 02:30
  });

  it('no hours configured: always open', () => {
    expect(isWithinBusinessHours(undefined, new Date())).toBe(true);
  });
});
