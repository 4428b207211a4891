import type { UseCaseContext } from '../use-case.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { can } from '../auth/permissions.js';
import { deleteContactField as deleteRow, findContactField } from './contact-fields.repo.js';
import { contactFieldEvent, toContactFieldDto } from './contact-field-dto.js';

/**
 * Removes the definition only: values stay on the contacts (as undefined keys, no longer validated),
 * so deleting a field by mistake and creating it again loses nothing.
 */
export async function deleteContactField(ctx: UseCaseContext, id: number) {
  const { actor } = ctx;
  const field = await findContactField(ctx.db, actor.workspaceId, id);
  if (!field) throw notFound('Contact field');
  if (!can(actor, 'contact-field.manage', { workspaceId: field.workspaceId })) throw forbidden('Only admins and owners manage contact fields');
  await inTransaction(ctx, async (tx, emit) => {
    await deleteRow(tx, field.id);
    emit(contactFieldEvent(actor, 'contact_field.deleted', toContactFieldDto(field)));
  });
  return { id: field.id, deleted: true as const };
}
