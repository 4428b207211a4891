import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from '../auth/authenticate.js';
import { withActor } from '../use-case.js';
import {
  contactFieldDto, contactFieldIdParams, contactFieldListDto, createContactFieldBody, deletedDto, updateContactFieldBody,
} from './contact-fields.schemas.js';
import { listContactFields } from './list-contact-fields.js';
import { createContactField } from './create-contact-field.js';
import { updateContactField } from './update-contact-field.js';
import { deleteContactField } from './delete-contact-field.js';

const tags = ['contact fields'];

export function registerContactFieldRoutes(app: App, ctx: AppContext) {
  app.get('/api/v1/contact-fields', {
    schema: { tags, summary: 'Custom field definitions of contacts, in panel order', response: { 200: contactFieldListDto } },
  }, async (req) => listContactFields(withActor(ctx, requireActor(req))));

  app.post('/api/v1/contact-fields', {
    schema: { tags, summary: 'Define a custom field (admin and up)', body: createContactFieldBody, response: { 201: contactFieldDto } },
  }, async (req, reply) => reply.status(201).send(await createContactField(withActor(ctx, requireActor(req)), req.body)));

  app.patch('/api/v1/contact-fields/:id', {
    schema: { tags, summary: 'Change a custom field definition (admin and up)', params: contactFieldIdParams, body: updateContactFieldBody, response: { 200: contactFieldDto } },
  }, async (req) => updateContactField(withActor(ctx, requireActor(req)), req.params.id, req.body));

  app.delete('/api/v1/contact-fields/:id', {
    schema: { tags, summary: 'Delete a custom field definition; contacts keep their values (admin and up)', params: contactFieldIdParams, response: { 200: deletedDto } },
  }, async (req) => deleteContactField(withActor(ctx, requireActor(req)), req.params.id));
}
