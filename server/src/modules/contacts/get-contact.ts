import type { UseCaseContext } from '../use-case.js';
import { can } from '../auth/permissions.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { findContact, listIdentities } from './contacts.repo.js';
import { toContactDetailDto } from './contact-dto.js';

export async function getContact(ctx: UseCaseContext, input: { contactId: number }) {
  const { actor } = ctx;
  const contact = await findContact(ctx.db, actor.workspaceId, input.contactId);
  if (!contact) throw notFound('Contact');
  if (!can(actor, 'contact.read', { workspaceId: contact.workspaceId })) throw forbidden();
  return toContactDetailDto(contact, await listIdentities(ctx.db, contact.id));
}
