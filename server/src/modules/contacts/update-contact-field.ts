import type { UseCaseContext } from '../use-case.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { can } from '../auth/permissions.js';
import { isUniqueViolation } from '../pg-errors.js';
import { findContactField, renameCustomFieldKey, updateContactField as updateRow, type ContactFieldRow } from './contact-fields.repo.js';
import { contactFieldEvent, toContactFieldDto } from './contact-field-dto.js';
import { keyTaken, optionsFor } from './create-contact-field.js';
import type { UpdateContactFieldInput } from './contact-fields.schemas.js';

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Changes a definition. A new key moves every contact's value along with it; a new type or options
 * apply to values written from now on (stored values are not rewritten).
 */
export async function updateContactField(ctx: UseCaseContext, id: number, input: UpdateContactFieldInput) {
  const { actor } = ctx;
  const field = await findContactField(ctx.db, actor.workspaceId, id);
  if (!field) throw notFound('Contact field');
  if (!can(actor, 'contact-field.manage', { workspaceId: field.workspaceId })) throw forbidden('Only admins and owners manage contact fields');
  const type = input.type ?? field.type;
  const next: Partial<ContactFieldRow> = {
    key: input.key,
    label: input.label,
    type: input.type,
    options: input.options !== undefined || input.type !== undefined ? optionsFor(type, input.options ?? field.options) : undefined,
    required: input.required,
    position: input.position,
  };
  const changes = Object.fromEntries(
    Object.entries(next).filter(([k, v]) => v !== undefined && !sameJson(v, field[k as keyof ContactFieldRow])),
  ) as Partial<ContactFieldRow>;
  if (Object.keys(changes).length === 0) return toContactFieldDto(field);
  try {
    return await inTransaction(ctx, async (tx, emit) => {
      const row = await updateRow(tx, field.id, changes);
      if (changes.key) await renameCustomFieldKey(tx, field.workspaceId, field.key, changes.key);
      const dto = toContactFieldDto(row);
      emit(contactFieldEvent(actor, 'contact_field.updated', dto, { previousKey: field.key, changes: Object.keys(changes) }));
      return dto;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw keyTaken(changes.key!);
    throw err;
  }
}
