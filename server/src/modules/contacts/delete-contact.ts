import type { UseCaseContext } from '../use-case.js';
import { can } from '../auth/permissions.js';
import { conflict, forbidden, notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { contactHasConversations, deleteContact as deleteContactRows, findContact } from './contacts.repo.js';

const hasConversationsMessage = 'The contact has conversations; it cannot be deleted';

/** Supervisors and up; a contact with conversations stays (its history belongs to the workspace). */
export async function deleteContact(ctx: UseCaseContext, input: { contactId: number }) {
  const { actor } = ctx;
  const contact = await findContact(ctx.db, actor.workspaceId, input.contactId);
  if (!contact) throw notFound('Contact');
  if (!can(actor, 'contact.delete', { workspaceId: contact.workspaceId })) throw forbidden();
  try {
    await inTransaction(ctx, async (tx, emit) => {
      if (await contactHasConversations(tx, contact.id)) throw conflict(hasConversationsMessage);
      await deleteContactRows(tx, contact.id);
      emit({ workspaceId: actor.workspaceId, type: 'contact.deleted', actor: eventActor(actor), payload: { contactId: contact.id } });
    });
  } catch (err) {
    // A conversation created after the check still wins: the foreign key refuses the delete.
    if ((err as { code?: string }).code === '23503' || (err as { cause?: { code?: string } }).cause?.code === '23503') throw conflict(hasConversationsMessage);
    throw err;
  }
  return { id: contact.id, deleted: true as const };
}
