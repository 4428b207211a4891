import { DateTime } from 'luxon';
import type { BusinessHours } from '../channels/webchat/webchat-settings.js';

/** Open at this instant? No hours configured: always open. An interval whose end is before its start runs past midnight. */
export function isWithinBusinessHours(hours: BusinessHours | undefined, at: Date): boolean {
  if (!hours) return true;
  const local = DateTime.fromJSDate(at, { zone: hours.timezone });
  const minute = local.hour * 60 + local.minute;
  const yesterday = local.weekday === 1 ? 7 : local.weekday - 1;
  return hours.schedule.some(({ day, from, to }) => {
    const [start, end] = [minutes(from), minutes(to)];
    if (start < end) return day === local.weekday && minute >= start && minute < end;
    // Overnight: the evening part belongs to `day`, the early-morning part to the day after.
    return (day === local.weekday && minute >= start) || (day === yesterday && minute < end);
  });
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
