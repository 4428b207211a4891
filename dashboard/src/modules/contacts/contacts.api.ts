import { api } from '../../app/api-client';

export type CustomFieldValue = string | number | boolean;

export interface Contact {
  id: number;
  name: string;
  phone: string | null;
  email: string | null;
  documentNumber: string | null;
  language: string | null;
  customFields: Record<string, CustomFieldValue>;
  tags: string[];
  createdAt: string;
  updatedAt: string;
}

export interface ContactIdentity {
  id: number;
  channelId: number;
  channelType: string;
  externalId: string;
  createdAt: string;
}

export interface ContactDetail extends Contact {
  identities: ContactIdentity[];
}

export type ContactFieldType = 'text' | 'number' | 'date' | 'select' | 'checkbox';

export interface ContactField {
  id: number;
  key: string;
  label: string;
  type: ContactFieldType;
  options: string[];
  required: boolean;
  position: number;
}

export interface ContactPatch {
  name?: string;
  phone?: string | null;
  email?: string | null;
  documentNumber?: string | null;
  language?: string | null;
  /** Merged into the current values; null removes a key. */
  customFields?: Record<string, CustomFieldValue | null>;
}

export const contactKeys = {
  detail: (id: number) => ['contacts', 'detail', id] as const,
  fields: ['contacts', 'fields'] as const,
};

export const getContact = (id: number, signal?: AbortSignal) => api<ContactDetail>(`/contacts/${id}`, { signal });
export const updateContact = (id: number, patch: ContactPatch) => api<Contact>(`/contacts/${id}`, { method: 'PATCH', body: patch });
export const addContactTags = (id: number, tags: string[]) => api<Contact>(`/contacts/${id}/tags`, { body: { tags } });
export const removeContactTag = (id: number, tag: string) => api<Contact>(`/contacts/${id}/tags/${encodeURIComponent(tag)}`, { method: 'DELETE' });
export const listContactFields = async (signal?: AbortSignal) =>
  (await api<{ items: ContactField[] }>('/contact-fields', { signal })).items.slice().sort((a, b) => a.position - b.position || a.id - b.id);

/** A custom field's value from what was typed: empty removes it; numbers and dates are checked. Undefined = invalid. */
export function parseFieldInput(type: ContactFieldType, raw: string): CustomFieldValue | null | undefined {
  const value = raw.trim();
  if (!value) return null;
  if (type === 'number') {
    const n = Number(value.replace(',', '.'));
    return Number.isFinite(n) ? n : undefined;
  }
  if (type === 'date') return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(new Date(`${value}T00:00:00Z`).getTime()) ? value : undefined;
  return value;
}
