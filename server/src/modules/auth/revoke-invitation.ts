import type { UseCaseContext } from '../use-case.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { can } from './permissions.js';
import { deleteInvitation, findInvitation } from './invitations.repo.js';

/** A pending invitation stops working at once. */
export async function revokeInvitation(ctx: UseCaseContext, input: { id: number }) {
  const { actor } = ctx;
  const invitation = await findInvitation(ctx.db, actor.workspaceId, input.id);
  if (!invitation || invitation.acceptedAt) throw notFound('Invitation');
  if (!can(actor, 'user.manage', { workspaceId: invitation.workspaceId })) throw forbidden();
  if (invitation.role === 'owner' && actor.role !== 'owner') throw forbidden('Only an owner can revoke an invitation for an owner');
  await inTransaction(ctx, async (tx, emit) => {
    await deleteInvitation(tx, invitation.id);
    emit({ workspaceId: invitation.workspaceId, type: 'invitation.revoked', actor: eventActor(actor), payload: { invitationId: invitation.id, email: invitation.email } });
  });
}
