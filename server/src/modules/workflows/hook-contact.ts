import type { AppContext } from '../../platform/context.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { workflowActor } from '../auth/permissions.js';
import { invalidField } from '../invalid-field.js';
import { findContact, insertContact } from '../contacts/contacts.repo.js';
import { toContactDto } from '../contacts/contact-dto.js';
import { normalizeEmail, normalizePhone } from '../contacts/contact-fields.js';
import type { Trigger } from './definition/workflow-definition.js';
import { readPath } from './engine/steps/http-request.step.js';
import { findContactIdBy, lockContactValue } from './hook-contact.repo.js';

type WebhookTrigger = Extract<Trigger, { type: 'incoming_webhook' }>;

/** A value of the payload given as text (a number is a fine phone or id too); anything else is not usable. */
const asText = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : '');

/** The value the trigger says names the contact, normalised; a 400 naming the payload path when it is missing or malformed. */
function contactKey(trigger: WebhookTrigger, payload: unknown): string {
  const { by, path } = trigger.contact;
  const field = `body.${path}`;
  const text = asText(readPath(payload, path));
  if (!text) throw invalidField(field, `the workflow reads the contact's ${by === 'contact_id' ? 'id' : by} here`);
  if (by === 'email') {
    const email = normalizeEmail(text);
    if (!email) throw invalidField(field, 'expected an email address');
    return email;
  }
  if (by === 'phone') return normalizePhone(text)!;
  if (!/^\d{1,15}$/.test(text)) throw invalidField(field, 'expected a contact id');
  return text;
}

/**
 * The contact a webhook call is about: found by id, phone or email as the trigger says, or created (with that phone
 * or email) when the trigger allows it. Null when there is none to run for.
 */
export async function resolveHookContact(ctx: AppContext, workflow: { id: number; workspaceId: number }, trigger: WebhookTrigger, payload: unknown): Promise<number | null> {
  const key = contactKey(trigger, payload);
  const { workspaceId } = workflow;
  if (trigger.contact.by === 'contact_id') return (await findContact(ctx.db, workspaceId, Number(key)))?.id ?? null;
  const by = trigger.contact.by;
  const existing = await findContactIdBy(ctx.db, workspaceId, by, key);
  if (existing !== undefined || !trigger.createContact) return existing ?? null;
  return inTransaction(ctx, async (tx, emit) => {
    await lockContactValue(tx, workspaceId, key);
    const raced = await findContactIdBy(tx, workspaceId, by, key);
    if (raced !== undefined) return raced;
    const contact = await insertContact(tx, { workspaceId, ...(by === 'phone' ? { phone: key } : { email: key }) });
    emit({ workspaceId, type: 'contact.created', actor: eventActor(workflowActor(workspaceId, workflow.id)), payload: { contact: toContactDto(contact) } });
    return contact.id;
  });
}
