import type { UseCaseContext } from '../use-case.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { can } from '../auth/permissions.js';
import { getCallView, lockCall, updateCall } from './calls.repo.js';
import { toCallDto } from './call-dto.js';
import { assertCallTransition } from './call-status.js';
import type { CallStatus } from './calls.tables.js';

/**
 * The one way a call's status changes (close, service request): lock the row, authorise, check the
 * transition, write, emit; concurrent changes are serialised by the lock, so the second one answers 409.
 */
export async function changeCallStatus(ctx: UseCaseContext, input: { id: number; to: Exclude<CallStatus, 'open'>; note?: string }) {
  const { actor } = ctx;
  if (!can(actor, 'call.update', { workspaceId: actor.workspaceId })) throw forbidden();
  return inTransaction(ctx, async (tx, emit) => {
    const call = await lockCall(tx, actor.workspaceId, input.id);
    if (!call) throw notFound('Call');
    assertCallTransition(call.status, input.to);
    const closing = input.to === 'closed';
    await updateCall(tx, call.id, {
      status: input.to,
      ...(closing ? { closedAt: ctx.clock.now(), closedById: actor.userId, closingNote: input.note?.trim() || null } : {}),
    });
    const dto = toCallDto((await getCallView(tx, actor.workspaceId, call.id))!);
    emit({
      workspaceId: actor.workspaceId,
      type: closing ? 'call.closed' : 'call.updated',
      actor: eventActor(actor),
      payload: { call: dto, changes: { status: input.to }, previousStatus: call.status },
    });
    return dto;
  });
}
