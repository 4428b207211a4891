import { DateTime } from 'luxon';
import { nextOpeningOfAll } from '../../../routing/business-hours.js';
import type { StepOf, TIME_UNITS } from '../../definition/workflow-definition.js';
import type { StepContext, StepExecutor, StepResult } from '../engine-types.js';
import { conditionEnv } from '../condition-env.js';

type Wait = StepOf<'wait'>;

const zoned = (now: Date, timezone: string) => {
  const local = DateTime.fromJSDate(now, { zone: timezone });
  return local.isValid ? local : DateTime.fromJSDate(now, { zone: 'utc' });
};

/** Days are calendar days in the timezone, so "2 days" keeps the time of day across a clock change. */
export function afterDuration(now: Date, amount: number, unit: (typeof TIME_UNITS)[number], timezone: string): Date {
  return zoned(now, timezone).plus({ [unit]: amount }).toJSDate();
}

/** The next time the local clock shows HH:MM after now (today or tomorrow); a time skipped by a clock change runs just after it. */
export function nextTimeOfDay(now: Date, time: string, timezone: string): Date {
  const [hour, minute] = time.split(':').map(Number);
  const local = zoned(now, timezone);
  const today = local.set({ hour, minute, second: 0, millisecond: 0 });
  return (today > local ? today : today.plus({ days: 1 }).set({ hour, minute })).toJSDate();
}

const workspaceTimezone = (sc: StepContext) => (sc.values.workspace as { timezone?: string } | null)?.timezone ?? 'UTC';

/** When the wait ends; null: it does not wait. A string is why the step cannot run. */
async function waitEnd(sc: StepContext, step: Wait): Promise<Date | null | string> {
  const timezone = workspaceTimezone(sc);
  if (step.duration) return afterDuration(sc.now, step.duration.amount, step.duration.unit, timezone);
  const until = step.until;
  switch (until?.kind) {
    case 'time_of_day':
      return nextTimeOfDay(sc.now, until.time, until.timezone ?? timezone);
    case 'datetime': {
      const at = new Date(until.at);
      return at > sc.now ? at : null;
    }
    case 'business_hours': {
      const schedules = await conditionEnv(sc.ctx, sc.run.workspaceId, sc.values, sc.now).schedules(until.teamId);
      const opening = nextOpeningOfAll(sc.now, ...schedules);
      if (!opening) return 'The business hours do not open within 400 days';
      return opening > sc.now ? opening : null;
    }
    default:
      return 'The wait has neither a duration nor an end';
  }
}

/** Waits for a duration, a time of day, an instant or the business hours' next opening; never when already there. */
export const waitStep: StepExecutor<'wait'> = {
  async run(sc, step): Promise<StepResult> {
    const end = await waitEnd(sc, step);
    if (typeof end === 'string') return { kind: 'fail', error: end };
    if (end === null) return { kind: 'next', detail: { waited: false } };
    return { kind: 'wait', for: 'time', until: end, state: { until: end.toISOString() } };
  },

  async resume(sc, step, wake, state) {
    if (wake.kind === 'timer') return { kind: 'next' };
    return { kind: 'wait', for: 'time', until: typeof state.until === 'string' ? new Date(state.until) : null, state };
  },
};
