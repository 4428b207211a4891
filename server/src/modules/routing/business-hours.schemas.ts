import { z } from 'zod';
import { timezone } from '../workspaces/workspaces.schemas.js';
import { weekdays } from './business-hours.types.js';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Expected HH:MM');
const range = z.object({ from: clock, to: clock }).refine((r) => r.from < r.to, 'from must be before to');
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected YYYY-MM-DD');
/** One day's ranges; they may touch ('09:00'-'13:00', '13:00'-'18:00') but not overlap. */
const dayRanges = z.array(range).max(6).refine((rs) => {
  const sorted = [...rs].sort((a, b) => a.from.localeCompare(b.from));
  return sorted.every((r, i) => i === 0 || sorted[i - 1].to <= r.from);
}, 'Ranges of a day must not overlap');

/** Opening hours as the API takes and returns them; null means always open. */
export const businessHoursSchema = z.object({
  timezone,
  days: z.object(Object.fromEntries(weekdays.map((d) => [d, dayRanges.optional()])) as Record<(typeof weekdays)[number], z.ZodOptional<typeof dayRanges>>),
  holidays: z.array(localDate).max(366).default([]),
  awayMessage: z.string().trim().max(2000).default(''),
});
