import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from '../auth/authenticate.js';
import { withActor } from '../use-case.js';
import { createViewBody, deletedDto, updateViewBody, viewDto, viewIdParams, viewListDto } from './views.schemas.js';
import { listViews } from './list-views.js';
import { createView } from './create-view.js';
import { updateView } from './update-view.js';
import { deleteView } from './delete-view.js';

const tags = ['views'];

export function registerViewRoutes(app: App, ctx: AppContext) {
  app.get('/api/v1/views', {
    schema: { tags, summary: 'Saved views of the conversation list: mine and those shared by others', response: { 200: viewListDto } },
  }, async (req) => listViews(withActor(ctx, requireActor(req))));

  app.post('/api/v1/views', {
    schema: { tags, summary: 'Save the current filters as a view (optionally shared with the workspace)', body: createViewBody, response: { 201: viewDto } },
  }, async (req, reply) => reply.status(201).send(await createView(withActor(ctx, requireActor(req)), req.body)));

  app.patch('/api/v1/views/:id', {
    schema: { tags, summary: 'Rename, refilter, share or unshare a view (its owner, or an admin for shared views)', params: viewIdParams, body: updateViewBody, response: { 200: viewDto } },
  }, async (req) => updateView(withActor(ctx, requireActor(req)), req.params.id, req.body));

  app.delete('/api/v1/views/:id', {
    schema: { tags, summary: 'Delete a view (its owner, or an admin for shared views)', params: viewIdParams, response: { 200: deletedDto } },
  }, async (req) => deleteView(withActor(ctx, requireActor(req)), req.params.id));
}
