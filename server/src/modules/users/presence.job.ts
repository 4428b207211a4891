import type { AppContext } from '../../platform/context.js';
import type { JobDefinition, Queue } from '../../platform/queue/queue.js';
import { sweepPresence } from './sweep-presence.js';
import { PRESENCE_TIMEOUT_MS } from './presence-rules.js';

export const PRESENCE_SWEEP = 'presence.sweep';
/** Checks are due on a grid of this step: one job per workspace per step, however many heartbeats. */
const STEP_MS = 30_000;

type Data = { workspaceId: number };

/** Turns the members of a workspace who stopped sending heartbeats offline. */
export const presenceSweepJob: JobDefinition<Data, AppContext> = {
  name: PRESENCE_SWEEP,
  options: { retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 60 },
  async handle(ctx, data) {
    await sweepPresence(ctx, data.workspaceId);
  },
};

/** The grid step each node has already scheduled, per workspace (saves a job insert on most heartbeats). */
const scheduled = new WeakMap<Queue, Map<number, number>>();

/**
 * Called on every heartbeat and status change: makes sure a check runs after this member's timeout.
 * Why jobs scheduled by heartbeats rather than a cron: nothing runs while nobody is online, the check is
 * due at most one grid step after the timeout (an offline shows 2:00–2:30 after the last heartbeat),
 * and the job id (workspace + step) makes nodes and repeated heartbeats schedule it once.
 */
export async function schedulePresenceCheck(ctx: Pick<AppContext, 'queue'>, workspaceId: number, seenAt: Date) {
  const due = Math.floor((seenAt.getTime() + PRESENCE_TIMEOUT_MS) / STEP_MS) * STEP_MS + STEP_MS;
  let mine = scheduled.get(ctx.queue);
  if (!mine) scheduled.set(ctx.queue, (mine = new Map()));
  if (mine.get(workspaceId) === due) return;
  await ctx.queue.send(PRESENCE_SWEEP, { workspaceId }, { key: `${workspaceId}:${due}`, startAfter: new Date(due) });
  mine.set(workspaceId, due);
}
