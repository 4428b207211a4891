import { describe, expect, it } from 'vitest';
import { afterDuration, nextTimeOfDay } from './wait.step.js';

describe('when a wait ends', () => {
  it('durations in minutes, hours and calendar days of the timezone', () => {
    const now = new Date('2026-03-07T15:00:00Z');
    expect(afterDuration(now, 90, 'minutes', 'UTC').toISOString()).toBe('2026-03-07T16:30:00.000Z');
    expect(afterDuration(now, 2, 'hours', 'UTC').toISOString()).toBe('2026-03-07T17:00:00.000Z');
    // New York moves its clocks forward on 8 March 2026: two days later is the same wall time, 47 hours on.
    expect(afterDuration(now, 2, 'days', 'America/New_York').toISOString()).toBe('2026-03-09T14:00:00.000Z');
  });

  it('the next time of day: later today, or tomorrow once it has passed', () => {
    const now = new Date('2026-01-05T12:00:00Z'); // 08:00 in Caracas
    expect(nextTimeOfDay(now, '09:30', 'America/Caracas').toISOString()).toBe('2026-01-05T13:30:00.000Z');
    expect(nextTimeOfDay(now, '08:00', 'America/Caracas').toISOString()).toBe('2026-01-06T12:00:00.000Z');
    expect(nextTimeOfDay(now, '07:00', 'America/Caracas').toISOString()).toBe('2026-01-06T11:00:00.000Z');
    expect(nextTimeOfDay(now, '07:00', 'Not/AZone').toISOString()).toBe('2026-01-06T07:00:00.000Z');
  });
});
