import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from '../auth/authenticate.js';
import { withActor } from '../use-case.js';
import {
  createSnippetBody, deletedDto, listSnippetsQuery, renderedDto, renderParams, snippetDto, snippetIdParams, snippetListDto, updateSnippetBody,
} from './snippets.schemas.js';
import { listSnippets } from './list-snippets.js';
import { createSnippet } from './create-snippet.js';
import { updateSnippet } from './update-snippet.js';
import { deleteSnippet } from './delete-snippet.js';
import { renderSnippet } from './render-snippet.js';
import { SNIPPET_VARIABLES } from './snippet-variables.js';

const tags = ['snippets'];
const variables = `Variables: ${[...SNIPPET_VARIABLES, 'contact.fields.<custom field key>', 'contact.<custom field key>'].map((v) => `{{${v}}}`).join(', ')}; unknown or empty ones become empty text.`;

export function registerSnippetRoutes(app: App, ctx: AppContext) {
  app.get('/api/v1/snippets', {
    schema: { tags, summary: 'Snippets I may use: the workspace\'s and my personal ones', querystring: listSnippetsQuery, response: { 200: snippetListDto } },
  }, async (req) => listSnippets(withActor(ctx, requireActor(req)), req.query));

  app.post('/api/v1/snippets', {
    schema: { tags, summary: 'Create a snippet (workspace scope: admin and up)', description: variables, body: createSnippetBody, response: { 201: snippetDto } },
  }, async (req, reply) => reply.status(201).send(await createSnippet(withActor(ctx, requireActor(req)), req.body)));

  app.patch('/api/v1/snippets/:id', {
    schema: { tags, summary: 'Change a snippet (workspace scope: admin and up; personal: its owner)', params: snippetIdParams, body: updateSnippetBody, response: { 200: snippetDto } },
  }, async (req) => updateSnippet(withActor(ctx, requireActor(req)), req.params.id, req.body));

  app.delete('/api/v1/snippets/:id', {
    schema: { tags, summary: 'Delete a snippet (workspace scope: admin and up; personal: its owner)', params: snippetIdParams, response: { 200: deletedDto } },
  }, async (req) => deleteSnippet(withActor(ctx, requireActor(req)), req.params.id));

  app.post('/api/v1/conversations/:id/snippets/:snippetId/render', {
    schema: { tags, summary: 'A snippet\'s text with its variables filled for this conversation and me', description: variables, params: renderParams, response: { 200: renderedDto } },
  }, async (req) => renderSnippet(withActor(ctx, requireActor(req)), req.params.id, req.params.snippetId));
}
