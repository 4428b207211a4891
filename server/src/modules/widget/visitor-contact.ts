import type { AppContext } from '../../platform/context.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { findContact, findOrCreateContactByIdentity, type ContactRow } from '../contacts/contacts.repo.js';
import { toContactDto } from '../contacts/contact-dto.js';
import { visitorDisplayName } from '../channels/webchat/webchat.adapter.js';
import type { Visitor } from './widget-visitor.js';
import { findVisitorContactId } from './widget.repo.js';

/** The visitor's contact, created (with `contact.created`) the first time they give something to keep. */
export async function ensureVisitorContact(
  ctx: AppContext,
  visitor: Visitor,
  known: { name?: string | null; email?: string | null } = {},
): Promise<ContactRow> {
  const { channel, claims } = visitor;
  const contactId = await inTransaction(ctx, async (tx, emit) => {
    const found = await findOrCreateContactByIdentity(tx, {
      workspaceId: channel.workspaceId,
      channelId: channel.id,
      externalId: claims.visitorId,
      name: known.name?.trim() || visitorDisplayName(claims.visitorId),
      email: known.email ?? null,
    });
    if (found.created) {
      const contact = await findContact(tx, channel.workspaceId, found.contactId);
      emit({ workspaceId: channel.workspaceId, type: 'contact.created', actor: { type: 'contact', id: found.contactId }, payload: { contact: toContactDto(contact!) } });
    }
    return found.contactId;
  });
  return (await findContact(ctx.db, channel.workspaceId, contactId))!;
}

/** The visitor's contact if there is one yet (none before they write or fill the pre-chat form). */
export async function visitorContact(ctx: AppContext, visitor: Visitor): Promise<ContactRow | null> {
  const id = await findVisitorContactId(ctx.db, visitor.channel.id, visitor.claims.visitorId);
  return id === null ? null : ((await findContact(ctx.db, visitor.channel.workspaceId, id)) ?? null);
}

/** What the visitor sees of their own contact: what they typed, nothing agents added. */
export function visitorContactDto(contact: ContactRow | null) {
  return contact ? { name: contact.name, email: contact.email, phone: contact.phone } : null;
}
