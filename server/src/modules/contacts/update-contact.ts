import type { UseCaseContext } from '../use-case.js';
import { can } from '../auth/permissions.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { findContact, updateContact as updateContactRow, type NewContactRow } from './contacts.repo.js';
import { toContactDto } from './contact-dto.js';
import { checkedEmail, mergeCustomFields, normalizePhone, type CustomFields } from './contact-fields.js';
import { checkCustomFieldValues } from './contact-field-values.js';
import { contactFieldsByKeys } from './contact-fields.repo.js';
import type { UpdateContactInput } from './contacts.schemas.js';
import { applyLifecycleStage } from './update-lifecycle.js';

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Only the given fields change; customFields merge (null removes a key). No change, no event. */
export async function updateContact(ctx: UseCaseContext, input: UpdateContactInput & { contactId: number }) {
  const { actor } = ctx;
  return inTransaction(ctx, async (tx, emit) => {
    // Locked so a concurrent merge of custom fields cannot drop this one's keys.
    const contact = await findContact(tx, actor.workspaceId, input.contactId, { forUpdate: true });
    if (!contact) throw notFound('Contact');
    if (!can(actor, 'contact.write', { workspaceId: contact.workspaceId })) throw forbidden();

    const next: Partial<NewContactRow> = {};
    if (input.name !== undefined) next.name = input.name.trim();
    if (input.phone !== undefined) next.phone = normalizePhone(input.phone);
    if (input.email !== undefined) next.email = checkedEmail(input.email);
    if (input.documentNumber !== undefined) next.documentNumber = input.documentNumber?.trim() || null;
    if (input.language !== undefined) next.language = input.language?.trim() || null;
    if (input.customFields !== undefined) {
      const definitions = await contactFieldsByKeys(tx, contact.workspaceId, Object.keys(input.customFields));
      next.customFields = mergeCustomFields(contact.customFields as CustomFields, checkCustomFieldValues(definitions, input.customFields));
    }

    const changes = (Object.keys(next) as Array<keyof typeof next>).filter((k) => !sameJson(next[k], contact[k as keyof typeof contact]));
    // The stage has its own event (contact.lifecycle_updated), which the lifecycle trigger listens to.
    const staged = input.lifecycleStage !== undefined ? await applyLifecycleStage(ctx, tx, emit, contact, input.lifecycleStage) : contact;
    if (!changes.length) return toContactDto(staged);

    const dto = toContactDto(await updateContactRow(tx, contact.id, next));
    // Which custom fields changed, by key: a workflow may start when one of them does.
    const before = contact.customFields as CustomFields;
    const customFieldChanges = next.customFields ? Object.keys(input.customFields ?? {}).filter((k) => !sameJson(before[k], (next.customFields as CustomFields)[k])) : [];
    emit({ workspaceId: actor.workspaceId, type: 'contact.updated', actor: eventActor(actor), payload: { contact: dto, changes, ...(customFieldChanges.length ? { customFieldChanges } : {}) } });
    return dto;
  });
}
