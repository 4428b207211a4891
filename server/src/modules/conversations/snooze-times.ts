import { DateTime } from 'luxon';

export type SnoozeOption = { kind: 'until_reply' } | { kind: 'tomorrow' } | { kind: 'next_week' } | { kind: 'until'; until: Date };

/** Seed 002's options: until the next reply, tomorrow, next week (09:00 in the workspace's timezone), or a time. */
export function snoozeUntil(option: SnoozeOption, now: Date, timezone: string): Date | null {
  const local = DateTime.fromJSDate(now, { zone: timezone });
  switch (option.kind) {
    case 'until_reply':
      return null;
    case 'tomorrow':
      return local.plus({ days: 1 }).set({ hour: 9, minute: 0, second: 0, millisecond: 0 }).toJSDate();
    case 'next_week':
      return local.startOf('week').plus({ weeks: 1 }).set({ hour: 9 }).toJSDate();
    case 'until':
      return option.until;
  }
}
