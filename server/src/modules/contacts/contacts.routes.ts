import { z } from 'zod';
import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from '../auth/authenticate.js';
import { withActor } from '../use-case.js';
import {
  contactDetailDto, contactDto, contactIdParams, contactListDto, contactTagParams, createContactBody, listContactsQuery,
  tagContactBody, updateContactBody,
} from './contacts.schemas.js';
import { listContacts } from './list-contacts.js';
import { getContact } from './get-contact.js';
import { createContact } from './create-contact.js';
import { updateContact } from './update-contact.js';
import { deleteContact } from './delete-contact.js';
import { tagContact } from './tag-contact.js';

const tags = ['contacts'];

export function registerContactRoutes(app: App, ctx: AppContext) {
  app.get('/api/v1/contacts', {
    schema: { tags, summary: 'List contacts (newest first; search q over name, phone, email, document number)', querystring: listContactsQuery, response: { 200: contactListDto } },
  }, async (req) => listContacts(withActor(ctx, requireActor(req)), req.query));

  app.post('/api/v1/contacts', {
    schema: { tags, summary: 'Create a contact', body: createContactBody, response: { 201: contactDto } },
  }, async (req, reply) => reply.status(201).send(await createContact(withActor(ctx, requireActor(req)), req.body)));

  app.get('/api/v1/contacts/:id', {
    schema: { tags, summary: 'A contact with its channel identities', params: contactIdParams, response: { 200: contactDetailDto } },
  }, async (req) => getContact(withActor(ctx, requireActor(req)), { contactId: req.params.id }));

  app.patch('/api/v1/contacts/:id', {
    schema: { tags, summary: 'Update a contact (customFields merge; null removes a key)', params: contactIdParams, body: updateContactBody, response: { 200: contactDto } },
  }, async (req) => updateContact(withActor(ctx, requireActor(req)), { ...req.body, contactId: req.params.id }));

  app.delete('/api/v1/contacts/:id', {
    schema: { tags, summary: 'Delete a contact without conversations (supervisor and up)', params: contactIdParams, response: { 200: z.object({ id: z.number(), deleted: z.literal(true) }) } },
  }, async (req) => deleteContact(withActor(ctx, requireActor(req)), { contactId: req.params.id }));

  app.post('/api/v1/contacts/:id/tags', {
    schema: { tags, summary: 'Add tags to a contact', params: contactIdParams, body: tagContactBody, response: { 200: contactDto } },
  }, async (req) => tagContact(withActor(ctx, requireActor(req)), { contactId: req.params.id, add: req.body.tags }));

  app.delete('/api/v1/contacts/:id/tags/:tag', {
    schema: { tags, summary: 'Remove a tag from a contact', params: contactTagParams, response: { 200: contactDto } },
  }, async (req) => tagContact(withActor(ctx, requireActor(req)), { contactId: req.params.id, remove: [req.params.tag] }));
}
