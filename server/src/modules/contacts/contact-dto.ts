import type { ContactRow, IdentityRow } from './contacts.repo.js';
import type { ContactDetailDto, ContactDto } from './contacts.schemas.js';
import type { CustomFields } from './contact-fields.js';

export function toContactDto(row: ContactRow): ContactDto {
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    email: row.email,
    documentNumber: row.documentNumber,
    language: row.language,
    lifecycleStage: row.lifecycleStage ?? null,
    customFields: row.customFields as CustomFields,
    tags: row.tags,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toContactDetailDto(row: ContactRow, identities: IdentityRow[]): ContactDetailDto {
  return {
    ...toContactDto(row),
    identities: identities.map((i) => ({ id: i.id, channelId: i.channelId, channelType: i.channelType, externalId: i.externalId, createdAt: i.createdAt.toISOString() })),
  };
}
