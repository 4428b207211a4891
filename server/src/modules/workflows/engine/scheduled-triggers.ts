import { DateTime } from 'luxon';
import type { Trigger } from '../definition/workflow-definition.js';
import { weekdays } from '../../routing/business-hours.types.js';
import { isIsoDate } from '../../contacts/contact-field-values.js';

/**
 * The calendar of the triggers that start on time rather than on an event: when the next tick falls, and which
 * contacts' dates a tick's day matches. Pure: local times are read in the trigger's timezone (else the workspace's).
 */

export type ScheduledTrigger = Extract<Trigger, { type: 'date' | 'schedule' }>;
type DateTrigger = Extract<Trigger, { type: 'date' }>;

export const isScheduledTrigger = (t: Trigger): t is ScheduledTrigger => t.type === 'date' || t.type === 'schedule';

export const zoneOf = (trigger: ScheduledTrigger, workspaceTimezone: string) => trigger.timezone ?? workspaceTimezone;

interface Day {
  year: number;
  month: number;
  day: number;
}

/** Calendar arithmetic in UTC, so a day skipped or doubled by a DST change in the zone cannot shift the date. */
const dayPlus = (d: Day, days: number): Day => {
  const u = DateTime.utc(d.year, d.month, d.day).plus({ days });
  return { year: u.year, month: u.month, day: u.day };
};

const daysInMonth = (year: number, month: number) => DateTime.utc(year, month, 1).daysInMonth!;

/** The wall-clock time on that day in the zone; a time a DST change skips moves forward by the gap (luxon's rule). */
function atLocalTime(d: Day, time: string, zone: string): DateTime {
  const [hour, minute] = time.split(':').map(Number);
  return DateTime.fromObject({ ...d, hour, minute }, { zone });
}

/**
 * When the trigger next fires strictly after `after`, or null when it never does again. A date trigger ticks every
 * day at its time, since each contact's date differs; a monthly schedule on a day the month lacks fires on its last.
 */
export function nextFiring(trigger: ScheduledTrigger, after: Date, workspaceTimezone: string): Date | null {
  const zone = zoneOf(trigger, workspaceTimezone);
  const local = DateTime.fromJSDate(after, { zone });
  const today: Day = { year: local.year, month: local.month, day: local.day };
  const firstAfter = (candidates: Day[]) => candidates.map((d) => atLocalTime(d, trigger.time, zone)).find((t) => t.toMillis() > after.getTime());
  const nextDays = (count: number) => Array.from({ length: count }, (_, i) => dayPlus(today, i));

  let found: DateTime | undefined;
  if (trigger.type === 'date' || trigger.repeat === 'daily') found = firstAfter(nextDays(2));
  else if (trigger.repeat === 'weekly') {
    const wanted = new Set(trigger.weekdays.map((w) => weekdays.indexOf(w) + 1));
    found = firstAfter(nextDays(8).filter((d) => wanted.has(DateTime.utc(d.year, d.month, d.day).weekday)));
  } else if (trigger.repeat === 'monthly') {
    if (trigger.dayOfMonth === undefined) return null;
    const months = [0, 1].map((i) => DateTime.utc(today.year, today.month, 1).plus({ months: i }));
    found = firstAfter(months.map((m) => ({ year: m.year, month: m.month, day: Math.min(trigger.dayOfMonth!, daysInMonth(m.year, m.month)) })));
  } else if (trigger.date) {
    const [year, month, day] = trigger.date.split('-').map(Number);
    found = firstAfter([{ year, month, day }]);
  }
  return found?.isValid ? found.toJSDate() : null;
}

/** The local day (YYYY-MM-DD) a tick at `at` belongs to. */
export const tickDay = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone }).toISODate()!;

const signedOffset = (t: DateTrigger) => ({ [t.offset.unit]: t.offset.direction === 'before' ? -t.offset.amount : t.offset.amount });

/**
 * The moment a contact's date value stands for: a calendar day (YYYY-MM-DD) at the trigger's time, or the instant an
 * ISO date-time names. With `year`, the same month, day and time in that year (29 February becomes the 28th).
 */
function anchorOf(value: unknown, trigger: DateTrigger, zone: string, year?: number): DateTime | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  let at: DateTime;
  if (isIsoDate(text)) {
    const [y, month, day] = text.split('-').map(Number);
    at = atLocalTime({ year: y, month, day }, trigger.time, zone);
  } else {
    at = DateTime.fromISO(text, { zone });
    if (!at.isValid || !/^\d{4}-\d{2}-\d{2}/.test(text)) return null;
  }
  if (year === undefined) return at;
  return at.set({ year, day: Math.min(at.day, daysInMonth(year, at.month)) });
}

/**
 * Whether the contact's date, shifted by the trigger's offset, falls on `day` (YYYY-MM-DD in the zone). Every year
 * compares month and day: the date is carried into the years around `day`, as an offset may cross New Year.
 */
export function dateFallsOn(trigger: DateTrigger, value: unknown, day: string, workspaceTimezone: string): boolean {
  const zone = zoneOf(trigger, workspaceTimezone);
  const year = Number(day.slice(0, 4));
  const years = trigger.everyYear ? [year - 1, year, year + 1] : [undefined];
  return years.some((y) => anchorOf(value, trigger, zone, y)?.plus(signedOffset(trigger)).setZone(zone).toISODate() === day);
}

/**
 * A cheap first cut the database can apply: the dates (or, every year, the month-days) a stored value may start with
 * to fall on `day`. One day of slack either side covers values written in another offset; dateFallsOn decides.
 */
export function candidateDatePrefixes(trigger: DateTrigger, day: string, workspaceTimezone: string): { dates: string[] } | { monthDays: string[] } {
  const zone = zoneOf(trigger, workspaceTimezone);
  const [year, month, d] = day.split('-').map(Number);
  const start = DateTime.fromObject({ year, month, day: d }, { zone });
  const back = Object.fromEntries(Object.entries(signedOffset(trigger)).map(([unit, n]) => [unit, -n]));
  const from = start.plus(back).minus({ days: 1 });
  const to = start.plus(back).plus({ days: 2 }).minus({ milliseconds: 1 });
  const dates: string[] = [];
  for (let c = DateTime.utc(from.year, from.month, from.day); c.toISODate()! <= to.toISODate()!; c = c.plus({ days: 1 })) dates.push(c.toISODate()!);
  if (!trigger.everyYear) return { dates };
  const monthDays = new Set(dates.map((x) => x.slice(5)));
  if (monthDays.has('02-28') || monthDays.has('03-01')) monthDays.add('02-29');
  return { monthDays: [...monthDays] };
}
