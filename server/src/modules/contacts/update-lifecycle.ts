import type { UseCaseContext } from '../use-case.js';
import type { Db } from '../../platform/db/db.js';
import { can } from '../auth/permissions.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { inTransaction, type Emit } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { findContact, updateContact, type ContactRow } from './contacts.repo.js';
import { toContactDto } from './contact-dto.js';

/** A stage as stored: trimmed, at most 100 characters; empty means none. */
export const normalizeStage = (stage: string | null | undefined) => stage?.trim().slice(0, 100) || null;

/**
 * Moves a locked contact to a lifecycle stage in the caller's transaction: one `contact.lifecycle_updated`
 * with { from, to } (the `lifecycle_updated` trigger listens to it), nothing when the stage is the same.
 */
export async function applyLifecycleStage(ctx: UseCaseContext, tx: Db, emit: Emit, contact: ContactRow, stage: string | null | undefined): Promise<ContactRow> {
  const to = normalizeStage(stage);
  const from = contact.lifecycleStage ?? null;
  if (to === from) return contact;
  const after = await updateContact(tx, contact.id, { lifecycleStage: to });
  emit({ workspaceId: contact.workspaceId, type: 'contact.lifecycle_updated', actor: eventActor(ctx.actor), payload: { contactId: contact.id, contact: toContactDto(after), from, to } });
  return after;
}

/** Sets (or, with null, removes) the contact's lifecycle stage: lead, customer … as the business names them. */
export async function updateLifecycle(ctx: UseCaseContext, input: { contactId: number; stage: string | null }) {
  const { actor } = ctx;
  return inTransaction(ctx, async (tx, emit) => {
    const contact = await findContact(tx, actor.workspaceId, input.contactId, { forUpdate: true });
    if (!contact) throw notFound('Contact');
    if (!can(actor, 'contact.write', { workspaceId: contact.workspaceId })) throw forbidden();
    return toContactDto(await applyLifecycleStage(ctx, tx, emit, contact, input.stage));
  });
}
