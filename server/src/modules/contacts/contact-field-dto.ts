import type { Actor } from '../auth/permissions.js';
import { eventActor, type NewEvent } from '../../platform/events/event-types.js';
import type { ContactFieldRow } from './contact-fields.repo.js';
import type { ContactFieldDto } from './contact-fields.schemas.js';

export const toContactFieldDto = (r: ContactFieldRow): ContactFieldDto => ({
  id: r.id, key: r.key, label: r.label, type: r.type, options: r.options, required: r.required, position: r.position,
});

export const contactFieldEvent = (actor: Actor, type: 'contact_field.created' | 'contact_field.updated' | 'contact_field.deleted', field: ContactFieldDto, payload: Record<string, unknown> = {}): NewEvent => ({
  workspaceId: actor.workspaceId, type, actor: eventActor(actor), payload: { contactField: field, ...payload },
});
