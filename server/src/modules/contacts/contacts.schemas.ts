import { z } from 'zod';

const customFieldValue = z.union([z.string().max(2000), z.number(), z.boolean()]);
const customFieldKey = z.string().min(1).max(64);
const tagName = z.string().trim().min(1).max(50);
const language = z.string().trim().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'Expected a language tag such as es or pt-BR');
const email = z.string().trim().toLowerCase().pipe(z.email('Expected an email address'));
const maxKeys = (n: number) => (o: Record<string, unknown>) => Object.keys(o).length <= n;

export const contactIdParams = z.object({ id: z.coerce.number().int().positive() });
export const contactTagParams = contactIdParams.extend({ tag: tagName });

export const listContactsQuery = z.object({
  cursor: z.string().regex(/^\d+$/, 'Expected the nextCursor of a previous page').optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  q: z.string().trim().min(1).max(200).optional(),
  tag: tagName.optional(),
});

export const createContactBody = z.object({
  name: z.string().trim().max(200).default(''),
  phone: z.string().trim().max(50).nullish(),
  email: email.nullish(),
  documentNumber: z.string().trim().max(50).nullish(),
  language: language.nullish(),
  customFields: z.record(customFieldKey, customFieldValue.nullable()).refine(maxKeys(100), 'At most 100 custom fields').optional(),
  tags: z.array(tagName).max(50).optional(),
});

export const updateContactBody = z.object({
  name: z.string().trim().max(200).optional(),
  phone: z.string().trim().max(50).nullish(),
  email: email.nullish(),
  documentNumber: z.string().trim().max(50).nullish(),
  language: language.nullish(),
  /** Merged into the current custom fields; a key set to null is removed. */
  customFields: z.record(customFieldKey, customFieldValue.nullable()).refine(maxKeys(100), 'At most 100 custom fields').optional(),
  /** Where the contact is in the funnel (lead, customer …); null removes it. */
  lifecycleStage: z.string().trim().max(100).nullish(),
});

export const tagContactBody = z.object({ tags: z.array(tagName).min(1).max(50) });

export const contactDto = z.object({
  id: z.number(),
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  documentNumber: z.string().nullable(),
  language: z.string().nullable(),
  lifecycleStage: z.string().nullable(),
  customFields: z.record(z.string(), customFieldValue),
  tags: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const contactIdentityDto = z.object({
  id: z.number(),
  channelId: z.number(),
  channelType: z.string(),
  externalId: z.string(),
  createdAt: z.string(),
});

export const contactDetailDto = contactDto.extend({ identities: z.array(contactIdentityDto) });

export const contactListDto = z.object({ items: z.array(contactDto), nextCursor: z.string().nullable() });

export type ContactDto = z.infer<typeof contactDto>;
export type ContactDetailDto = z.infer<typeof contactDetailDto>;
export type CreateContactInput = z.infer<typeof createContactBody>;
export type UpdateContactInput = z.infer<typeof updateContactBody>;
