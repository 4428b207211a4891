import { invalidField } from '../invalid-field.js';
import type { CustomFieldValue } from './contact-fields.js';

export type ContactFieldType = 'text' | 'number' | 'date' | 'select' | 'checkbox';

export interface FieldDefinition {
  key: string;
  type: ContactFieldType;
  options: string[];
  required: boolean;
}

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD (2024-02-30 is not one). */
export function isIsoDate(text: string): boolean {
  const m = isoDate.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Numbers as typed by people: `12`, `-3.5`, and the Spanish decimal comma `3,5`. */
function toNumber(value: CustomFieldValue): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^-?\d+([.,]\d+)?$/.test(value.trim())) return Number(value.trim().replace(',', '.'));
  return undefined;
}

function checkOne(def: FieldDefinition, value: CustomFieldValue | null): CustomFieldValue | null {
  const field = `body.customFields.${def.key}`;
  const checked = normaliseFieldValue(def, value, field);
  if (checked === null && def.required) throw invalidField(field, 'is required');
  return checked;
}

/**
 * One value checked against its field's type and normalised (numbers from text, dates as YYYY-MM-DD, select
 * values among the options); an emptied input is null, whatever the type. A wrong value answers 400 naming `field`.
 * Shared by contact fields and team forms, which differ only in when a required field must be filled.
 */
export function normaliseFieldValue(def: Pick<FieldDefinition, 'type' | 'options'>, value: CustomFieldValue | null, field: string): CustomFieldValue | null {
  const given = typeof value === 'string' && value.trim() === '' ? null : value;
  if (given === null) return null;
  switch (def.type) {
    case 'text':
      if (typeof given !== 'string') throw invalidField(field, 'expected text');
      return given.trim();
    case 'number': {
      const n = toNumber(given);
      if (n === undefined) throw invalidField(field, 'expected a number');
      return n;
    }
    case 'date':
      if (typeof given !== 'string' || !isIsoDate(given.trim())) throw invalidField(field, 'expected a date as YYYY-MM-DD');
      return given.trim();
    case 'select':
      if (typeof given !== 'string' || !def.options.includes(given)) throw invalidField(field, `expected one of: ${def.options.join(', ')}`);
      return given;
    case 'checkbox':
      if (typeof given !== 'boolean') throw invalidField(field, 'expected true or false');
      return given;
  }
}

/**
 * Checks and normalises the custom field values of a contact write against the workspace's field
 * definitions: a defined key must hold a value of its type (numbers from text, dates as YYYY-MM-DD,
 * select values among the options), and a required field cannot be cleared. Keys without a
 * definition pass as given. A wrong value answers 400 naming `body.customFields.<key>`.
 */
export function checkCustomFieldValues(
  definitions: FieldDefinition[],
  values: Record<string, CustomFieldValue | null>,
): Record<string, CustomFieldValue | null> {
  const byKey = new Map(definitions.map((d) => [d.key, d]));
  const out: Record<string, CustomFieldValue | null> = {};
  for (const [key, value] of Object.entries(values)) {
    const def = byKey.get(key);
    out[key] = def ? checkOne(def, value) : value;
  }
  return out;
}
