import type { UseCaseContext } from '../use-case.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { lockPresence, savePresence } from './presence.repo.js';
import { afterHeartbeat, idleSinceAfter, idleTooLong } from './presence-rules.js';
import { statusChanged } from './status-event.js';
import { schedulePresenceCheck } from './presence.job.js';

/**
 * The dashboard's heartbeat (every 30 s): the member is here, idle or not (the dashboard counts the workspace's
 * `autoAwayMinutes`). Idle starts the idle clock (`idle_since`), which auto-offline reads; activity stops it.
 * Only a change of status is an event; the time seen is state alone (a heartbeat is not news to anyone).
 */
export async function recordHeartbeat(ctx: UseCaseContext, input: { idle: boolean }) {
  const { actor } = ctx;
  if (actor.type !== 'user' || actor.userId === null) throw forbidden('Only a signed-in user sends heartbeats');
  const userId = actor.userId;
  const now = ctx.clock.now();
  const status = await inTransaction(ctx, async (tx, emit) => {
    const current = await lockPresence(tx, actor.workspaceId, userId);
    if (!current) throw notFound('User');
    const idleSince = idleSinceAfter(current.idleSince, input.idle, now);
    const next = afterHeartbeat(current, input.idle, idleTooLong(idleSince, now, current.autoOfflineMinutes));
    await savePresence(tx, actor.workspaceId, userId, next, now, idleSince);
    if (next.status !== current.status) emit(statusChanged(actor.workspaceId, userId, next.status, eventActor(actor)));
    return next.status;
  });
  await schedulePresenceCheck(ctx, actor.workspaceId, now);
  return { status };
}
