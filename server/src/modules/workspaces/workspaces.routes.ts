import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from '../auth/authenticate.js';
import { sessionTokenHash } from '../auth/session-cookie.js';
import { withActor } from '../use-case.js';
import { createWorkspaceBody, updateWorkspaceBody, workspaceResponse } from './workspaces.schemas.js';
import { getWorkspace } from './get-workspace.js';
import { updateWorkspace } from './update-workspace.js';
import { createWorkspace } from './create-workspace.js';

const tags = ['workspaces'];

export function registerWorkspaceRoutes(app: App, ctx: AppContext) {
  app.get('/api/v1/workspace', {
    schema: { tags, summary: 'The current workspace', response: { 200: workspaceResponse } },
  }, async (req) => ({ workspace: await getWorkspace(withActor(ctx, requireActor(req))) }));

  app.patch('/api/v1/workspace', {
    schema: { tags, summary: 'Rename, set time zone, language, reopen window, ownership, closing and presence settings (admin and up)', body: updateWorkspaceBody, response: { 200: workspaceResponse } },
  }, async (req) => ({ workspace: await updateWorkspace(withActor(ctx, requireActor(req)), req.body) }));

  app.post('/api/v1/workspaces', {
    schema: { tags, summary: 'Start another workspace: you become its owner and your session moves there', body: createWorkspaceBody, response: { 201: workspaceResponse } },
  }, async (req, reply) => {
    const workspace = await createWorkspace(withActor(ctx, requireActor(req)), { name: req.body.name, sessionTokenHash: sessionTokenHash(req) });
    return reply.status(201).send({ workspace });
  });
}
