import type { AppContext } from '../../platform/context.js';
import { invalidField } from '../invalid-field.js';
import { withActor } from '../use-case.js';
import { updateContact } from '../contacts/update-contact.js';
import { normalizeEmail } from '../contacts/contact-fields.js';
import { findContact } from '../contacts/contacts.repo.js';
import type { CustomFieldValue } from '../contacts/contact-fields.js';
import { widgetActor, type Visitor } from './widget-visitor.js';
import { ensureVisitorContact, visitorContactDto } from './visitor-contact.js';
import type { PrechatInput } from './widget.schemas.js';

const OWN_FIELDS = new Set(['name', 'email', 'phone']);

/**
 * The pre-chat form (seed 002: name and e-mail before the chat starts). Only the fields the channel asks for are
 * taken, required ones must be filled; name, e-mail and phone go to the contact's own fields, the rest to its
 * custom fields, through the contacts' own update (normalised, checked against the workspace's field
 * definitions, `contact.updated`).
 */
export async function submitPrechat(ctx: AppContext, visitor: Visitor, input: PrechatInput) {
  const { fields } = visitor.channel.settings.prechat;
  const byKey = new Map(fields.map((f) => [f.key, f]));
  for (const key of Object.keys(input.values)) {
    if (!byKey.has(key)) throw invalidField(`body.values.${key}`, 'not a field of this chat\'s form');
  }
  const own: { name?: string; email?: string | null; phone?: string | null } = {};
  const custom: Record<string, CustomFieldValue> = {};
  for (const f of fields) {
    const raw = input.values[f.key];
    const value = typeof raw === 'string' ? raw.trim() : raw;
    const empty = value === undefined || value === null || value === '' || (f.type === 'checkbox' && value === false && f.required);
    if (empty) {
      if (f.required) throw invalidField(`body.values.${f.key}`, 'is required');
      continue;
    }
    if (f.key === 'email' || f.type === 'email') {
      if (typeof value !== 'string' || normalizeEmail(value) === undefined) throw invalidField(`body.values.${f.key}`, 'expected an email address');
    }
    if (f.type === 'select' && f.options && !f.options.includes(String(value))) throw invalidField(`body.values.${f.key}`, `expected one of: ${f.options.join(', ')}`);
    if (OWN_FIELDS.has(f.key)) own[f.key as 'name'] = String(value);
    else custom[f.key] = value as CustomFieldValue;
  }

  const contact = await ensureVisitorContact(ctx, visitor, { name: own.name, email: own.email });
  await updateContact(withActor(ctx, widgetActor(visitor.channel.workspaceId)), {
    contactId: contact.id,
    ...own,
    ...(Object.keys(custom).length ? { customFields: custom } : {}),
  });
  return { contact: visitorContactDto((await findContact(ctx.db, visitor.channel.workspaceId, contact.id)) ?? null) };
}
