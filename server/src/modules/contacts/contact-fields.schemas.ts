import { z } from 'zod';

/** Names the contact already has as columns (and the snippet variables use): a custom field cannot take them. */
export const RESERVED_FIELD_KEYS = ['id', 'name', 'first_name', 'phone', 'email', 'document_number', 'language', 'tags', 'created_at', 'updated_at'];

const key = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'Lowercase letters, digits and _, starting with a letter (at most 40)')
  .refine((k) => !RESERVED_FIELD_KEYS.includes(k), 'Reserved: contacts already have this field');
const label = z.string().trim().min(1).max(80);
export const contactFieldType = z.enum(['text', 'number', 'date', 'select', 'checkbox']);
const options = z
  .array(z.string().trim().min(1).max(100))
  .max(100)
  .refine((o) => new Set(o).size === o.length, 'Options must be different from each other');
const position = z.number().int().min(0).max(100_000);

export const contactFieldDto = z.object({
  id: z.number(),
  key: z.string(),
  label: z.string(),
  type: contactFieldType,
  options: z.array(z.string()),
  required: z.boolean(),
  position: z.number(),
});
export type ContactFieldDto = z.infer<typeof contactFieldDto>;

export const createContactFieldBody = z.strictObject({
  key,
  label,
  type: contactFieldType,
  options: options.optional().describe('The choices of a select field (required for it; ignored for other types)'),
  required: z.boolean().default(false),
  position: position.optional().describe('Order in the contact panel (default: last)'),
});
export const updateContactFieldBody = z.strictObject({
  key: key.optional().describe('Renaming the key moves the values every contact holds under it'),
  label: label.optional(),
  type: contactFieldType.optional(),
  options: options.optional(),
  required: z.boolean().optional(),
  position: position.optional(),
});
export const contactFieldIdParams = z.object({ id: z.coerce.number().int().positive() });
export const contactFieldListDto = z.object({ items: z.array(contactFieldDto) });
export const deletedDto = z.object({ id: z.number(), deleted: z.literal(true) });

export type CreateContactFieldInput = z.infer<typeof createContactFieldBody>;
export type UpdateContactFieldInput = z.infer<typeof updateContactFieldBody>;
