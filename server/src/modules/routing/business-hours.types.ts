/** Opening hours of a team or a channel. Times are wall-clock "HH:MM" in `timezone`; a day without ranges is closed. */
export interface BusinessHours {
  timezone: string;
  /** Keys mon … sun; each an ordered list of ranges, e.g. [{ from: '09:00', to: '13:00' }, { from: '14:00', to: '18:00' }]. */
  days: Partial<Record<Weekday, { from: string; to: string }[]>>;
  /** Closed all day, as local dates "YYYY-MM-DD". */
  holidays: string[];
  /** Sent to the customer who writes while closed; empty sends nothing. */
  awayMessage: string;
}

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];
