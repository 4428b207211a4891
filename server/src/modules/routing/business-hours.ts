import { DateTime, IANAZone } from 'luxon';
import { weekdays, type BusinessHours } from './business-hours.types.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** How far ahead `nextOpening` looks: a schedule closed for longer than this counts as never opening. */
const HORIZON_DAYS = 400;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** An unknown zone (validated on write, but rows outlive tzdata changes) falls back to UTC instead of throwing. */
function zoneOf(hours: BusinessHours): IANAZone | 'utc' {
  const zone = IANAZone.create(hours.timezone);
  return zone.isValid ? zone : 'utc';
}

/**
 * Open at this instant? Null hours: always open. Ranges are local wall time, `from` included and `to` excluded
 * ('24:00' is the end of the day); a holiday (local date) or a day without ranges is closed all day.
 */
export function isOpen(hours: BusinessHours | null | undefined, at: Date): boolean {
  if (!hours) return true;
  const local = DateTime.fromJSDate(at, { zone: zoneOf(hours) });
  if (hours.holidays.includes(local.toISODate()!)) return false;
  const minute = local.hour * 60 + local.minute;
  return (hours.days[weekdays[local.weekday - 1]] ?? []).some((r) => minutesOf(r.from) <= minute && minute < minutesOf(r.to));
}

/**
 * The instants at which a local wall time happens: one; two when clocks go back (the hour repeats); and when
 * clocks go forward past it (the wall time never happens), the instant of the change, the first one after it.
 */
function instantsOf(zone: IANAZone | 'utc', wallAsUtc: number): number[] {
  if (zone === 'utc') return [wallAsUtc];
  const offsets = [...new Set([zone.offset(wallAsUtc - DAY), zone.offset(wallAsUtc + DAY)])];
  const found = offsets.map((o) => wallAsUtc - o * MINUTE).filter((t) => zone.offset(t) * MINUTE === wallAsUtc - t);
  if (found.length) return [...new Set(found)].sort((a, b) => a - b);
  // In the gap: bisect for the change between the instant read with the later offset (before it) and the earlier (after it).
  let [lo, hi] = offsets.map((o) => wallAsUtc - o * MINUTE).sort((a, b) => a - b);
  const before = zone.offset(lo);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (zone.offset(mid) === before) lo = mid;
    else hi = mid;
  }
  return [hi];
}

/**
 * The first instant at or after `at` when the schedule is open: `at` itself when open now, null when it does not
 * open within 400 days (no ranges, or every day a holiday). Across clock changes a range keeps its wall time.
 */
export function nextOpening(hours: BusinessHours | null | undefined, at: Date): Date | null {
  if (isOpen(hours, at)) return at;
  if (!hours || !weekdays.some((d) => hours.days[d]?.length)) return null;
  const zone = zoneOf(hours);
  const from = at.getTime();
  // Calendar arithmetic on the local date as if it were UTC: no day is missing or doubled there.
  const start = DateTime.fromJSDate(at, { zone }).setZone('utc', { keepLocalTime: true }).startOf('day').minus({ days: 1 });
  for (let d = 0; d <= HORIZON_DAYS + 1; d++) {
    const day = start.plus({ days: d });
    if (hours.holidays.includes(day.toISODate()!)) continue;
    const candidates = (hours.days[weekdays[day.weekday - 1]] ?? [])
      .flatMap((r) => instantsOf(zone, day.toMillis() + minutesOf(r.from) * MINUTE))
      .filter((t) => t >= from)
      .sort((a, b) => a - b);
    const open = candidates.find((t) => isOpen(hours, new Date(t)));
    if (open !== undefined) return open - from > HORIZON_DAYS * DAY ? null : new Date(open);
  }
  return null;
}

/** Open only when every given schedule is open (null ones are always open): a team's hours within its channel's. */
export function openFor(at: Date, ...hours: Array<BusinessHours | null | undefined>): boolean {
  return hours.every((h) => isOpen(h, at));
}

/** The first instant at or after `at` when every given schedule is open at once; null if none within 400 days. */
export function nextOpeningOfAll(at: Date, ...hours: Array<BusinessHours | null | undefined>): Date | null {
  const limit = at.getTime() + HORIZON_DAYS * DAY;
  let t = at;
  // Each step jumps to the next opening of a schedule closed at t, so no instant open for all is skipped.
  while (t.getTime() <= limit) {
    const closed = hours.find((h) => !isOpen(h, t));
    if (closed === undefined) return t;
    const next = nextOpening(closed, t);
    if (!next) return null;
    t = next;
  }
  return null;
}
