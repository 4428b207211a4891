import { describe, expect, it } from 'vitest';
import { isOpen, nextOpening, nextOpeningOfAll, openFor } from './business-hours.js';
import { businessHoursSchema } from './business-hours.schemas.js';
import { weekdays, type BusinessHours, type Weekday } from './business-hours.types.js';

const at = (iso: string) => new Date(iso);
const iso = (d: Date | null) => d?.toISOString() ?? null;
const hours = (timezone: string, days: BusinessHours['days'], holidays: string[] = []): BusinessHours => ({ timezone, days, holidays, awayMessage: '' });
const every = (from: string, to: string, on: readonly Weekday[] = weekdays) => Object.fromEntries(on.map((d) => [d, [{ from, to }]]));
const weekdaysOnly = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

describe('isOpen', () => {
  const madrid = hours('Europe/Madrid', { ...every('09:00', '18:00', weekdaysOnly) });

  it('null hours are always open', () => {
    expect(isOpen(null, at('2026-01-04T03:00:00Z'))).toBe(true);
    expect(nextOpening(null, at('2026-01-04T03:00:00Z'))).toEqual(at('2026-01-04T03:00:00Z'));
  });

  it('is open from the start of a range (included) to its end (excluded), in local wall time', () => {
    // Monday 5 January 2026, Madrid is UTC+1.
    expect(isOpen(madrid, at('2026-01-05T07:59:59Z'))).toBe(false); // 08:59:59
    expect(isOpen(madrid, at('2026-01-05T08:00:00Z'))).toBe(true); // 09:00
    expect(isOpen(madrid, at('2026-01-05T16:59:59Z'))).toBe(true); // 17:59:59
    expect(isOpen(madrid, at('2026-01-05T17:00:00Z'))).toBe(false); // 18:00
  });

  it('a day without ranges is closed all day', () => {
    expect(isOpen(madrid, at('2026-01-10T11:00:00Z'))).toBe(false); // Saturday noon
    expect(isOpen(madrid, at('2026-01-11T11:00:00Z'))).toBe(false); // Sunday noon
    expect(nextOpening(madrid, at('2026-01-09T17:00:00Z'))).toEqual(at('2026-01-12T08:00:00Z')); // Friday 18:00 → Monday 09:00
  });

  it('several ranges a day: closed over lunch', () => {
    const split = hours('Europe/Madrid', { mon: [{ from: '09:00', to: '13:00' }, { from: '14:00', to: '18:00' }] });
    expect(isOpen(split, at('2026-01-05T12:30:00Z'))).toBe(false); // 13:30
    expect(nextOpening(split, at('2026-01-05T12:30:00Z'))).toEqual(at('2026-01-05T13:00:00Z'));
  });
});

describe('ranges around midnight', () => {
  // Caracas, UTC-4 all year: Friday 22:00 to Saturday 02:00 as two ranges that touch at 24:00.
  const night = hours('America/Caracas', { fri: [{ from: '22:00', to: '24:00' }], sat: [{ from: '00:00', to: '02:00' }] });

  it('stays open across midnight and closes at 02:00', () => {
    expect(isOpen(night, at('2026-03-07T01:59:00Z'))).toBe(false); // Friday 21:59
    expect(isOpen(night, at('2026-03-07T02:00:00Z'))).toBe(true); // Friday 22:00
    expect(isOpen(night, at('2026-03-07T03:59:59Z'))).toBe(true); // Friday 23:59:59 ('24:00' ends the day)
    expect(isOpen(night, at('2026-03-07T04:30:00Z'))).toBe(true); // Saturday 00:30
    expect(isOpen(night, at('2026-03-07T06:00:00Z'))).toBe(false); // Saturday 02:00
  });

  it('the next opening is the next Friday 22:00', () => {
    expect(nextOpening(night, at('2026-03-07T01:00:00Z'))).toEqual(at('2026-03-07T02:00:00Z'));
    expect(nextOpening(night, at('2026-03-07T04:30:00Z'))).toEqual(at('2026-03-07T04:30:00Z')); // open: now
    expect(nextOpening(night, at('2026-03-07T06:00:00Z'))).toEqual(at('2026-03-14T02:00:00Z'));
  });
});

describe('holidays', () => {
  const madrid = hours('Europe/Madrid', { ...every('09:00', '18:00', weekdaysOnly) }, ['2026-05-01']);

  it('are closed all day and skipped by the next opening', () => {
    expect(isOpen(madrid, at('2026-05-01T08:00:00Z'))).toBe(false); // Friday 1 May, 10:00 CEST
    expect(isOpen(madrid, at('2026-04-30T08:00:00Z'))).toBe(true);
    expect(nextOpening(madrid, at('2026-04-30T16:00:00Z'))).toEqual(at('2026-05-04T07:00:00Z')); // Thursday 18:00 → Monday 09:00
  });

  it('are local dates: 22:00 on a Caracas holiday is already the next UTC day', () => {
    const caracas = hours('America/Caracas', { ...every('00:00', '24:00') }, ['2026-03-09']);
    expect(isOpen(caracas, at('2026-03-10T02:00:00Z'))).toBe(false); // Monday 9 March 22:00 local
    expect(isOpen(caracas, at('2026-03-09T03:00:00Z'))).toBe(true); // Sunday 8 March 23:00 local
    expect(nextOpening(caracas, at('2026-03-09T05:00:00Z'))).toEqual(at('2026-03-10T04:00:00Z')); // Tuesday 00:00 local
  });
});

describe('clock changes keep ranges on local wall time', () => {
  const madrid = hours('Europe/Madrid', { ...every('09:00', '18:00') });

  it('Madrid, spring (29 March 2026): 09:00 is 08:00Z on Saturday and 07:00Z on Sunday', () => {
    expect(isOpen(madrid, at('2026-03-28T07:59:00Z'))).toBe(false);
    expect(isOpen(madrid, at('2026-03-28T08:00:00Z'))).toBe(true);
    expect(isOpen(madrid, at('2026-03-29T06:59:00Z'))).toBe(false);
    expect(isOpen(madrid, at('2026-03-29T07:00:00Z'))).toBe(true);
    expect(isOpen(madrid, at('2026-03-29T16:00:00Z'))).toBe(false); // 18:00 CEST
    expect(nextOpening(madrid, at('2026-03-28T17:00:00Z'))).toEqual(at('2026-03-29T07:00:00Z'));
  });

  it('Madrid, autumn (25 October 2026): 09:00 is 07:00Z on Saturday and 08:00Z on Sunday', () => {
    expect(isOpen(madrid, at('2026-10-24T07:00:00Z'))).toBe(true);
    expect(isOpen(madrid, at('2026-10-25T07:59:00Z'))).toBe(false);
    expect(isOpen(madrid, at('2026-10-25T08:00:00Z'))).toBe(true);
    expect(nextOpening(madrid, at('2026-10-24T17:00:00Z'))).toEqual(at('2026-10-25T08:00:00Z'));
  });

  it('Santiago (southern): clocks go back on 5 April and forward on 6 September 2026', () => {
    const santiago = hours('America/Santiago', { ...every('09:00', '18:00') });
    expect(nextOpening(santiago, at('2026-04-03T22:00:00Z'))).toEqual(at('2026-04-04T12:00:00Z')); // Saturday 09:00 -03
    expect(nextOpening(santiago, at('2026-04-04T22:00:00Z'))).toEqual(at('2026-04-05T13:00:00Z')); // Sunday 09:00 -04
    expect(nextOpening(santiago, at('2026-09-05T23:00:00Z'))).toEqual(at('2026-09-06T12:00:00Z')); // Sunday 09:00 -03
    expect(isOpen(santiago, at('2026-09-05T13:00:00Z'))).toBe(true); // Saturday 09:00 -04
    expect(isOpen(santiago, at('2026-09-06T12:59:00Z'))).toBe(true); // Sunday 09:59 -03
    expect(isOpen(santiago, at('2026-09-06T11:59:00Z'))).toBe(false); // Sunday 08:59 -03
  });

  it('Santiago: a range from a midnight that does not happen opens when the clocks change (01:00)', () => {
    const early = hours('America/Santiago', { sun: [{ from: '00:00', to: '02:00' }] });
    expect(nextOpening(early, at('2026-09-06T03:00:00Z'))).toEqual(at('2026-09-06T04:00:00Z'));
    expect(isOpen(early, at('2026-09-06T04:00:00Z'))).toBe(true);
  });

  it('a range inside the skipped hour never opens that day, and nothing throws', () => {
    const skipped = hours('Europe/Madrid', { sun: [{ from: '02:00', to: '03:00' }, { from: '10:00', to: '11:00' }] });
    expect(isOpen(skipped, at('2026-03-29T00:59:00Z'))).toBe(false); // 01:59 CET
    expect(isOpen(skipped, at('2026-03-29T01:00:00Z'))).toBe(false); // 03:00 CEST
    expect(nextOpening(skipped, at('2026-03-28T23:00:00Z'))).toEqual(at('2026-03-29T08:00:00Z')); // 10:00 CEST
    expect(nextOpening(skipped, at('2026-03-29T09:00:00Z'))).toEqual(at('2026-04-05T00:00:00Z')); // next Sunday 02:00 CEST
  });

  it('a range spanning the skipped hour opens at the change', () => {
    const spanning = hours('Europe/Madrid', { sun: [{ from: '02:30', to: '04:00' }] });
    expect(nextOpening(spanning, at('2026-03-28T23:00:00Z'))).toEqual(at('2026-03-29T01:00:00Z')); // 03:00 CEST
  });

  it('a range inside the repeated hour is open both times', () => {
    const repeated = hours('Europe/Madrid', { sun: [{ from: '02:00', to: '02:30' }] });
    expect(nextOpening(repeated, at('2026-10-24T23:00:00Z'))).toEqual(at('2026-10-25T00:00:00Z')); // 02:00 CEST
    expect(isOpen(repeated, at('2026-10-25T00:45:00Z'))).toBe(false); // 02:45 CEST
    expect(nextOpening(repeated, at('2026-10-25T00:45:00Z'))).toEqual(at('2026-10-25T01:00:00Z')); // 02:00 CET
    expect(isOpen(repeated, at('2026-10-25T01:15:00Z'))).toBe(true);
  });
});

describe('never open', () => {
  it('no ranges at all: no next opening', () => {
    expect(nextOpening(hours('Europe/Madrid', {}), at('2026-01-05T08:00:00Z'))).toBeNull();
    expect(nextOpening(hours('Europe/Madrid', { mon: [] }), at('2026-01-05T08:00:00Z'))).toBeNull();
  });

  it('an unknown time zone is read as UTC instead of throwing', () => {
    const odd = hours('Mars/Olympus', { mon: [{ from: '09:00', to: '10:00' }] });
    expect(isOpen(odd, at('2026-01-05T09:30:00Z'))).toBe(true);
    expect(nextOpening(odd, at('2026-01-05T10:00:00Z'))).toEqual(at('2026-01-12T09:00:00Z'));
  });
});

describe('several schedules at once (a team within its channel)', () => {
  const channel = hours('Europe/Madrid', { ...every('09:00', '18:00', weekdaysOnly) }); // 08:00Z-17:00Z in January
  const team = hours('America/Caracas', { ...every('09:00', '18:00', weekdaysOnly) }); // 13:00Z-22:00Z

  it('is open only when all are', () => {
    expect(openFor(at('2026-01-05T10:00:00Z'), channel, team)).toBe(false);
    expect(openFor(at('2026-01-05T14:00:00Z'), channel, team)).toBe(true);
    expect(openFor(at('2026-01-05T18:00:00Z'), channel, team)).toBe(false);
    expect(openFor(at('2026-01-05T10:00:00Z'), channel, null)).toBe(true);
    expect(openFor(at('2026-01-05T10:00:00Z'))).toBe(true);
  });

  it('opens when the last of them opens', () => {
    expect(nextOpeningOfAll(at('2026-01-05T07:00:00Z'), channel, team)).toEqual(at('2026-01-05T13:00:00Z'));
    expect(nextOpeningOfAll(at('2026-01-05T18:00:00Z'), channel, team)).toEqual(at('2026-01-06T13:00:00Z'));
    expect(nextOpeningOfAll(at('2026-01-09T18:00:00Z'), channel, null, team)).toEqual(at('2026-01-12T13:00:00Z'));
    expect(nextOpeningOfAll(at('2026-01-05T14:00:00Z'), channel, team)).toEqual(at('2026-01-05T14:00:00Z'));
  });

  it('schedules that never overlap never open together', () => {
    const saturdays = hours('Europe/Madrid', { sat: [{ from: '09:00', to: '18:00' }] });
    expect(iso(nextOpeningOfAll(at('2026-01-05T07:00:00Z'), channel, saturdays))).toBeNull();
  });
});

describe('businessHoursSchema', () => {
  const base = { timezone: 'Europe/Madrid', holidays: [], awayMessage: 'Volvemos el lunes' };

  it('accepts ranges that touch, and 24:00 as an end', () => {
    const ok = businessHoursSchema.safeParse({ ...base, days: { mon: [{ from: '13:00', to: '18:00' }, { from: '09:00', to: '13:00' }], fri: [{ from: '22:00', to: '24:00' }] } });
    expect(ok.success).toBe(true);
  });

  it('rejects overlapping ranges, backwards ranges and unknown zones', () => {
    expect(businessHoursSchema.safeParse({ ...base, days: { mon: [{ from: '09:00', to: '13:00' }, { from: '12:00', to: '18:00' }] } }).success).toBe(false);
    expect(businessHoursSchema.safeParse({ ...base, days: { mon: [{ from: '18:00', to: '09:00' }] } }).success).toBe(false);
    expect(businessHoursSchema.safeParse({ ...base, timezone: 'Mars/Olympus', days: {} }).success).toBe(false);
  });
});
