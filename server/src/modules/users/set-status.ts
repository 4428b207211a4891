import type { UseCaseContext } from '../use-case.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { lockPresence, savePresence } from './presence.repo.js';
import { chosen, type MemberStatus } from './presence-rules.js';
import { statusChanged } from './status-event.js';
import { schedulePresenceCheck } from './presence.job.js';

/** The member picks their status in this workspace (PUT /profile/status); the team sees it change. */
export async function setStatus(ctx: UseCaseContext, input: { status: MemberStatus }) {
  const { actor } = ctx;
  if (actor.type !== 'user' || actor.userId === null) throw forbidden('Only a signed-in user has a status');
  const userId = actor.userId;
  const now = ctx.clock.now();
  const status = await inTransaction(ctx, async (tx, emit) => {
    const current = await lockPresence(tx, actor.workspaceId, userId);
    if (!current) throw notFound('User');
    const next = chosen(input.status);
    await savePresence(tx, actor.workspaceId, userId, next, now);
    if (next.status !== current.status) emit(statusChanged(actor.workspaceId, userId, next.status, eventActor(actor)));
    return next.status;
  });
  await schedulePresenceCheck(ctx, actor.workspaceId, now);
  return { status };
}
