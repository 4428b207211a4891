import { describe, expect, it } from 'vitest';
import { trigger as triggerSchema } from '../definition/workflow-triggers.js';
import { candidateDatePrefixes, dateFallsOn, nextFiring, type ScheduledTrigger } from './scheduled-triggers.js';

const CARACAS = 'America/Caracas'; // UTC-4 all year
const make = (t: Record<string, unknown>) => triggerSchema.parse(t) as ScheduledTrigger;
const schedule = (t: Record<string, unknown>) => make({ type: 'schedule', audienceTags: ['vip'], time: '09:00', ...t });
const dateTrigger = (t: Record<string, unknown>) => make({ type: 'date', field: 'cumpleanos', ...t }) as Extract<ScheduledTrigger, { type: 'date' }>;
const iso = (d: Date | null) => d?.toISOString() ?? null;

describe('nextFiring', () => {
  it('daily: today at the time while it is still ahead, else tomorrow', () => {
    const t = schedule({ repeat: 'daily' });
    expect(iso(nextFiring(t, new Date('2027-03-10T12:59:00Z'), CARACAS))).toBe('2027-03-10T13:00:00.000Z');
    expect(iso(nextFiring(t, new Date('2027-03-10T13:00:00Z'), CARACAS))).toBe('2027-03-11T13:00:00.000Z');
    // Late evening in Caracas is already the next day in UTC: the local day counts.
    expect(iso(nextFiring(t, new Date('2027-03-11T02:00:00Z'), CARACAS))).toBe('2027-03-11T13:00:00.000Z');
  });

  it('reads the time in the trigger\'s own timezone when it has one', () => {
    const t = schedule({ repeat: 'daily', timezone: 'Europe/Madrid' });
    expect(iso(nextFiring(t, new Date('2027-01-10T12:00:00Z'), CARACAS))).toBe('2027-01-11T08:00:00.000Z');
  });

  it('weekly: the next chosen weekday, wrapping into the next week', () => {
    const t = schedule({ repeat: 'weekly', weekdays: ['mon', 'thu'] });
    // Wednesday 10 March 2027 → Thursday 11.
    expect(iso(nextFiring(t, new Date('2027-03-10T15:00:00Z'), CARACAS))).toBe('2027-03-11T13:00:00.000Z');
    // Thursday after 09:00 → Monday 15.
    expect(iso(nextFiring(t, new Date('2027-03-11T14:00:00Z'), CARACAS))).toBe('2027-03-15T13:00:00.000Z');
    // Monday before 09:00 → that Monday.
    expect(iso(nextFiring(t, new Date('2027-03-15T12:00:00Z'), CARACAS))).toBe('2027-03-15T13:00:00.000Z');
    expect(nextFiring(schedule({ repeat: 'weekly', weekdays: [] }), new Date('2027-03-10T15:00:00Z'), CARACAS)).toBeNull();
  });

  it('monthly on the 31st: the last day of shorter months, the 31st when the month has one', () => {
    const t = schedule({ repeat: 'monthly', dayOfMonth: 31 });
    expect(iso(nextFiring(t, new Date('2027-01-31T14:00:00Z'), CARACAS))).toBe('2027-02-28T13:00:00.000Z');
    expect(iso(nextFiring(t, new Date('2028-02-01T00:00:00Z'), CARACAS))).toBe('2028-02-29T13:00:00.000Z'); // leap year
    expect(iso(nextFiring(t, new Date('2027-02-28T13:00:00Z'), CARACAS))).toBe('2027-03-31T13:00:00.000Z');
    expect(iso(nextFiring(t, new Date('2027-04-01T00:00:00Z'), CARACAS))).toBe('2027-04-30T13:00:00.000Z');
    expect(iso(nextFiring(schedule({ repeat: 'monthly', dayOfMonth: 15 }), new Date('2027-04-15T13:00:00Z'), CARACAS))).toBe('2027-05-15T13:00:00.000Z');
  });

  it('once: its date and time while in the future, then never again', () => {
    const t = schedule({ repeat: 'once', date: '2027-03-20', time: '18:30' });
    expect(iso(nextFiring(t, new Date('2027-03-10T00:00:00Z'), CARACAS))).toBe('2027-03-20T22:30:00.000Z');
    expect(nextFiring(t, new Date('2027-03-20T22:30:00Z'), CARACAS)).toBeNull();
    expect(nextFiring(t, new Date('2027-06-01T00:00:00Z'), CARACAS)).toBeNull();
  });

  it('keeps the local time across a DST change in Madrid (spring forward and fall back)', () => {
    const t = schedule({ repeat: 'daily', timezone: 'Europe/Madrid' });
    // 27 March 2027 is CET (UTC+1); 28 March, after the change at 02:00, CEST (UTC+2).
    expect(iso(nextFiring(t, new Date('2027-03-27T09:00:00Z'), CARACAS))).toBe('2027-03-28T07:00:00.000Z');
    // 31 October 2027 falls back to CET.
    expect(iso(nextFiring(t, new Date('2027-10-30T08:00:00Z'), CARACAS))).toBe('2027-10-31T08:00:00.000Z');
  });

  it('a time a DST change skips fires once that day, moved forward by the gap (Santiago, midnight)', () => {
    // Chile starts summer time on Sunday 5 September 2027: 00:00 becomes 01:00, so 00:30 does not exist that day.
    const t = schedule({ repeat: 'daily', time: '00:30', timezone: 'America/Santiago' });
    const sunday = nextFiring(t, new Date('2027-09-04T05:00:00Z'), CARACAS); // Saturday 01:00 in Santiago (UTC-4)
    expect(iso(sunday)).toBe('2027-09-05T04:30:00.000Z'); // 01:30 local, UTC-3
    expect(iso(nextFiring(t, sunday!, CARACAS))).toBe('2027-09-06T03:30:00.000Z'); // Monday 00:30, UTC-3
  });

  it('a date trigger ticks every day at its time', () => {
    const t = dateTrigger({ time: '08:15', everyYear: true });
    expect(iso(nextFiring(t, new Date('2027-03-10T13:00:00Z'), CARACAS))).toBe('2027-03-11T12:15:00.000Z');
  });
});

describe('dateFallsOn', () => {
  it('every year compares month and day, whatever the year of birth', () => {
    const t = dateTrigger({ everyYear: true });
    expect(dateFallsOn(t, '1990-03-10', '2027-03-10', CARACAS)).toBe(true);
    expect(dateFallsOn(t, '1990-03-11', '2027-03-10', CARACAS)).toBe(false);
    expect(dateFallsOn(dateTrigger({ everyYear: false }), '1990-03-10', '2027-03-10', CARACAS)).toBe(false);
    expect(dateFallsOn(dateTrigger({ everyYear: false }), '2027-03-10', '2027-03-10', CARACAS)).toBe(true);
  });

  it('shifts by the offset, across New Year when it must', () => {
    const before = dateTrigger({ everyYear: true, offset: { amount: 3, unit: 'days', direction: 'before' } });
    expect(dateFallsOn(before, '1985-01-02', '2026-12-30', CARACAS)).toBe(true);
    expect(dateFallsOn(before, '1985-01-02', '2027-01-02', CARACAS)).toBe(false);
    const after = dateTrigger({ offset: { amount: 1, unit: 'days', direction: 'after' } });
    expect(dateFallsOn(after, '2027-03-09', '2027-03-10', CARACAS)).toBe(true);
    // A date alone stands for that day at the trigger's time: ten hours later is still that day, sixteen is the next.
    expect(dateFallsOn(dateTrigger({ offset: { amount: 10, unit: 'hours', direction: 'after' } }), '2027-03-10', '2027-03-10', CARACAS)).toBe(true);
    expect(dateFallsOn(dateTrigger({ offset: { amount: 16, unit: 'hours', direction: 'after' } }), '2027-03-10', '2027-03-11', CARACAS)).toBe(true);
  });

  it('reads ISO date-times in the zone, and a birthday on 29 February is kept on the 28th in other years', () => {
    const t = dateTrigger({ offset: { amount: 2, unit: 'hours', direction: 'before' } });
    // 01:00 UTC on 11 March is 21:00 on 10 March in Caracas; two hours earlier is still the 10th.
    expect(dateFallsOn(t, '2027-03-11T01:00:00Z', '2027-03-10', CARACAS)).toBe(true);
    expect(dateFallsOn(t, '2027-03-11T01:00:00Z', '2027-03-11', CARACAS)).toBe(false);
    const yearly = dateTrigger({ everyYear: true });
    expect(dateFallsOn(yearly, '2000-02-29', '2027-02-28', CARACAS)).toBe(true);
    expect(dateFallsOn(yearly, '2000-02-29', '2028-02-29', CARACAS)).toBe(true);
    expect(dateFallsOn(yearly, '2000-02-29', '2028-02-28', CARACAS)).toBe(false);
    for (const junk of ['', 'mañana', 12, null, '2027-02-30']) expect(dateFallsOn(yearly, junk, '2027-02-28', CARACAS)).toBe(false);
  });

  it('the database\'s first cut keeps every value the exact check accepts', () => {
    const t = dateTrigger({ everyYear: true, offset: { amount: 3, unit: 'days', direction: 'before' } });
    expect(candidateDatePrefixes(t, '2026-12-30', CARACAS)).toEqual({ monthDays: ['01-01', '01-02', '01-03'] });
    const exact = dateTrigger({ offset: { amount: 1, unit: 'days', direction: 'after' } });
    expect(candidateDatePrefixes(exact, '2027-03-10', CARACAS)).toEqual({ dates: ['2027-03-08', '2027-03-09', '2027-03-10'] });
    expect((candidateDatePrefixes(dateTrigger({ everyYear: true }), '2027-02-28', CARACAS) as { monthDays: string[] }).monthDays).toContain('02-29');
  });
});
