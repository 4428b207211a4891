import type { UseCaseContext } from '../../../use-case.js';
import { updateContact } from '../../../contacts/update-contact.js';
import { updateLifecycle } from '../../../contacts/update-lifecycle.js';
import { contactFieldsByKeys } from '../../../contacts/contact-fields.repo.js';
import type { UpdateContactInput } from '../../../contacts/contacts.schemas.js';
import { foldText } from '../../../bots/builtin/normalize.js';

type BuiltIn = 'name' | 'email' | 'phone' | 'documentNumber' | 'language';
const BUILT_IN: Record<string, BuiltIn | 'lifecycle'> = {
  name: 'name', email: 'email', phone: 'phone', document_number: 'documentNumber', documentnumber: 'documentNumber',
  language: 'language', lifecycle: 'lifecycle', lifecycle_stage: 'lifecycle', lifecyclestage: 'lifecycle',
};

const YES = new Set(['true', '1', 'si', 'yes']);
const NO = new Set(['false', '0', 'no']);

/**
 * Writes one contact field through the contact use cases, so values are checked and events emitted as for an
 * agent's edit: a built-in field by name (name, email, phone, document_number, language, lifecycle) or a custom
 * field by key. null (or an empty text) clears it. A value that does not fit the field answers its 400.
 */
export async function writeContactField(uc: UseCaseContext, contactId: number, field: string, value: string | number | null) {
  const key = field.trim();
  const builtIn = BUILT_IN[key.toLowerCase()];
  const text = value === null ? null : String(value).trim() || null;
  if (builtIn === 'lifecycle') return updateLifecycle(uc, { contactId, stage: text });
  if (builtIn) {
    const input: UpdateContactInput = builtIn === 'name' ? { name: text ?? '' } : { [builtIn]: text };
    return updateContact(uc, { contactId, ...input });
  }
  return updateContact(uc, { contactId, customFields: { [key]: await customValue(uc, key, value) } });
}

/** Texts become what a checkbox field holds ("sí" is true); other types are converted by the contact's own checks. */
async function customValue(uc: UseCaseContext, key: string, value: string | number | null): Promise<string | number | boolean | null> {
  if (typeof value !== 'string') return value;
  if (!value.trim()) return null;
  const [definition] = await contactFieldsByKeys(uc.db, uc.actor.workspaceId, [key]);
  if (definition?.type !== 'checkbox') return value;
  const folded = foldText(value);
  return YES.has(folded) ? true : NO.has(folded) ? false : value;
}
