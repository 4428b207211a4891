import type { UseCaseContext } from '../use-case.js';
import { can } from '../auth/permissions.js';
import { forbidden } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { insertContact } from './contacts.repo.js';
import { toContactDto } from './contact-dto.js';
import { checkedEmail, mergeCustomFields, normalizePhone, normalizeTags } from './contact-fields.js';
import { checkCustomFieldValues } from './contact-field-values.js';
import { contactFieldsByKeys } from './contact-fields.repo.js';
import type { CreateContactInput } from './contacts.schemas.js';

export async function createContact(ctx: UseCaseContext, input: CreateContactInput) {
  const { actor } = ctx;
  if (!can(actor, 'contact.write', { workspaceId: actor.workspaceId })) throw forbidden();
  const values = {
    workspaceId: actor.workspaceId,
    name: input.name?.trim() ?? '',
    phone: normalizePhone(input.phone),
    email: checkedEmail(input.email),
    documentNumber: input.documentNumber?.trim() || null,
    language: input.language?.trim() || null,
    tags: normalizeTags(input.tags ?? []),
  };
  return inTransaction(ctx, async (tx, emit) => {
    // Values of defined fields must fit their definition; a required field need not be given here (contacts also arrive from channels without it).
    const given = input.customFields ?? {};
    const definitions = await contactFieldsByKeys(tx, actor.workspaceId, Object.keys(given));
    const customFields = mergeCustomFields({}, checkCustomFieldValues(definitions.map((d) => ({ ...d, required: false })), given));
    const dto = toContactDto(await insertContact(tx, { ...values, customFields }));
    emit({ workspaceId: actor.workspaceId, type: 'contact.created', actor: eventActor(actor), payload: { contact: dto } });
    return dto;
  });
}
