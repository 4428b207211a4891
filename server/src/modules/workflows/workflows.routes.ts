import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from '../auth/authenticate.js';
import { withActor } from '../use-case.js';
import {
  conversationParams, conversationWorkflowParams, createWorkflowBody, deletedDto, exportQuery, importWorkflowBody, listRunsQuery, runDetailDto,
  runDto, runIdParams, runListDto, shortcutListDto, startedDto, templateListDto, templatesQuery, testRunBody, updateWorkflowBody, versionListDto,
  workflowDto, workflowFileDto, workflowIdParams, workflowListDto,
} from './workflows.schemas.js';
import { listWorkflows } from './list-workflows.js';
import { getWorkflow } from './get-workflow.js';
import { createWorkflow } from './create-workflow.js';
import { updateWorkflow } from './update-workflow.js';
import { publishWorkflow } from './publish-workflow.js';
import { stopWorkflow } from './stop-workflow.js';
import { startWorkflow } from './start-workflow.js';
import { deleteWorkflow } from './delete-workflow.js';
import { exportWorkflow } from './export-workflow.js';
import { importWorkflow } from './import-workflow.js';
import { listWorkflowVersions } from './list-workflow-versions.js';
import { listWorkflowRuns } from './list-workflow-runs.js';
import { getWorkflowRun } from './get-workflow-run.js';
import { testRunWorkflow } from './test-run-workflow.js';
import { listWorkflowTemplates } from './list-workflow-templates.js';
import { listConversationWorkflows } from './list-conversation-workflows.js';
import { runShortcutWorkflow } from './run-shortcut-workflow.js';
import { registerWorkflowHookRoutes } from './workflow-hooks.routes.js';

const tags = ['workflows'];

/** Workflows: admins and owners manage them, supervisors read them, agents run the shortcut ones on their conversations. */
export async function registerWorkflowRoutes(app: App, ctx: AppContext) {
  const as = (req: Parameters<typeof requireActor>[0]) => withActor(ctx, requireActor(req));

  app.get('/api/v1/workflows', {
    schema: { tags, summary: 'The workspace\'s workflows (supervisor and up)', response: { 200: workflowListDto } },
  }, async (req) => listWorkflows(as(req)));

  app.post('/api/v1/workflows', {
    schema: { tags, summary: 'Create a draft: empty, from a definition or from a template (admin and up)', body: createWorkflowBody, response: { 201: workflowDto } },
  }, async (req, reply) => reply.status(201).send(await createWorkflow(as(req), req.body)));

  app.post('/api/v1/workflows/import', {
    schema: { tags, summary: 'Import an exported workflow as a draft (admin and up); 400 lists the file\'s problems', body: importWorkflowBody, response: { 201: workflowDto } },
  }, async (req, reply) => reply.status(201).send(await importWorkflow(as(req), req.body.file)));

  app.get('/api/v1/workflows/:id', {
    schema: { tags, summary: 'A workflow: draft, published version and what publishing would refuse (supervisor and up)', params: workflowIdParams, response: { 200: workflowDto } },
  }, async (req) => getWorkflow(as(req), req.params.id));

  app.patch('/api/v1/workflows/:id', {
    schema: { tags, summary: 'Save the name, description or draft; the draft is shape-checked only (admin and up)', params: workflowIdParams, body: updateWorkflowBody, response: { 200: workflowDto } },
  }, async (req) => updateWorkflow(as(req), req.params.id, req.body));

  app.delete('/api/v1/workflows/:id', {
    schema: { tags, summary: 'Delete a workflow with its versions and runs (admin and up)', params: workflowIdParams, response: { 200: deletedDto } },
  }, async (req) => deleteWorkflow(as(req), req.params.id));

  app.post('/api/v1/workflows/:id/publish', {
    schema: { tags, summary: 'Publish the draft as the next version; 422 workflow_invalid lists its problems (admin and up)', params: workflowIdParams, response: { 200: workflowDto } },
  }, async (req) => publishWorkflow(as(req), req.params.id));

  app.post('/api/v1/workflows/:id/stop', {
    schema: { tags, summary: 'Stop a published workflow and its runs (admin and up)', params: workflowIdParams, response: { 200: workflowDto } },
  }, async (req) => stopWorkflow(as(req), req.params.id));

  app.post('/api/v1/workflows/:id/start', {
    schema: { tags, summary: 'Start a stopped workflow again on its published version (admin and up)', params: workflowIdParams, response: { 200: workflowDto } },
  }, async (req) => startWorkflow(as(req), req.params.id));

  app.get('/api/v1/workflows/:id/export', {
    schema: { tags, summary: 'The draft as a file to import elsewhere; credentials left out unless asked (supervisor and up)', params: workflowIdParams, querystring: exportQuery, response: { 200: workflowFileDto } },
  }, async (req) => exportWorkflow(as(req), req.params.id, { includeSecrets: req.query.includeSecrets }));

  app.get('/api/v1/workflows/:id/versions', {
    schema: { tags, summary: 'The published versions, newest first (supervisor and up)', params: workflowIdParams, response: { 200: versionListDto } },
  }, async (req) => listWorkflowVersions(as(req), req.params.id));

  app.get('/api/v1/workflows/:id/runs', {
    schema: { tags, summary: 'The workflow\'s runs, newest first (supervisor and up)', params: workflowIdParams, querystring: listRunsQuery, response: { 200: runListDto } },
  }, async (req) => listWorkflowRuns(as(req), req.params.id, req.query));

  app.post('/api/v1/workflows/:id/test-run', {
    schema: { tags, summary: 'Run the draft for a chosen contact, as a test (admin and up); 422 when it is not ready', params: workflowIdParams, body: testRunBody, response: { 201: runDto } },
  }, async (req, reply) => reply.status(201).send(await testRunWorkflow(as(req), req.params.id, req.body)));

  app.get('/api/v1/workflow-runs/:runId', {
    schema: { tags, summary: 'A run with its step log and variables (supervisor and up)', params: runIdParams, response: { 200: runDetailDto } },
  }, async (req) => getWorkflowRun(as(req), req.params.runId));

  app.get('/api/v1/workflow-templates', {
    schema: { tags, summary: 'The shipped workflow templates (supervisor and up)', querystring: templatesQuery, response: { 200: templateListDto } },
  }, async (req) => listWorkflowTemplates(as(req), req.query.lang));

  app.get('/api/v1/conversations/:id/workflows', {
    schema: { tags, summary: 'The shortcut workflows I may run on this conversation', params: conversationParams, response: { 200: shortcutListDto } },
  }, async (req) => listConversationWorkflows(as(req), req.params.id));

  app.post('/api/v1/conversations/:id/workflows/:workflowId/run', {
    schema: { tags, summary: 'Run a shortcut workflow on this conversation', params: conversationWorkflowParams, response: { 202: startedDto } },
  }, async (req, reply) => reply.status(202).send(await runShortcutWorkflow(as(req), req.params.id, req.params.workflowId)));

  await registerWorkflowHookRoutes(app, ctx);
}
