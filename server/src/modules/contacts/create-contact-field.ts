import type { UseCaseContext } from '../use-case.js';
import { conflict, forbidden } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { can } from '../auth/permissions.js';
import { invalidField } from '../invalid-field.js';
import { isUniqueViolation } from '../pg-errors.js';
import { insertContactField } from './contact-fields.repo.js';
import { contactFieldEvent, toContactFieldDto } from './contact-field-dto.js';
import type { ContactFieldType } from './contact-field-values.js';
import type { CreateContactFieldInput } from './contact-fields.schemas.js';

export const keyTaken = (key: string) => conflict(`A contact field with the key "${key}" already exists`, [{ field: 'body.key', message: 'already taken' }]);

/** A select needs its choices; other types carry none. */
export function optionsFor(type: ContactFieldType, options: string[] | undefined): string[] {
  if (type !== 'select') return [];
  if (!options?.length) throw invalidField('body.options', 'a select field needs at least one option');
  return options;
}

export async function createContactField(ctx: UseCaseContext, input: CreateContactFieldInput) {
  const { actor } = ctx;
  if (!can(actor, 'contact-field.manage', { workspaceId: actor.workspaceId })) throw forbidden('Only admins and owners manage contact fields');
  const options = optionsFor(input.type, input.options);
  try {
    return await inTransaction(ctx, async (tx, emit) => {
      const row = await insertContactField(tx, {
        workspaceId: actor.workspaceId, key: input.key, label: input.label, type: input.type, options, required: input.required, position: input.position,
      });
      const dto = toContactFieldDto(row);
      emit(contactFieldEvent(actor, 'contact_field.created', dto));
      return dto;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw keyTaken(input.key);
    throw err;
  }
}
