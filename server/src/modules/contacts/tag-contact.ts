import type { UseCaseContext } from '../use-case.js';
import { can } from '../auth/permissions.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { findContact, updateContact } from './contacts.repo.js';
import { toContactDto } from './contact-dto.js';
import { normalizeTags } from './contact-fields.js';

/** Adds tags (`add`) or removes them (`remove`); one `contact.tagged` event when anything changed. */
export async function tagContact(ctx: UseCaseContext, input: { contactId: number; add?: string[]; remove?: string[] }) {
  const { actor } = ctx;
  return inTransaction(ctx, async (tx, emit) => {
    const contact = await findContact(tx, actor.workspaceId, input.contactId, { forUpdate: true });
    if (!contact) throw notFound('Contact');
    if (!can(actor, 'contact.write', { workspaceId: contact.workspaceId })) throw forbidden();

    const removeSet = new Set(normalizeTags(input.remove ?? []));
    const added = normalizeTags(input.add ?? []).filter((t) => !contact.tags.includes(t) && !removeSet.has(t));
    const removed = contact.tags.filter((t) => removeSet.has(t));
    if (!added.length && !removed.length) return toContactDto(contact);

    const tags = [...contact.tags.filter((t) => !removeSet.has(t)), ...added];
    const dto = toContactDto(await updateContact(tx, contact.id, { tags }));
    emit({ workspaceId: actor.workspaceId, type: 'contact.tagged', actor: eventActor(actor), payload: { contactId: contact.id, added, removed, tags } });
    return dto;
  });
}
