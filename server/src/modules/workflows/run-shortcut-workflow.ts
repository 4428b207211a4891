import crypto from 'node:crypto';
import type { UseCaseContext } from '../use-case.js';
import { conflict, notFound } from '../../platform/http/errors.js';
import { startRun } from './engine/start-run.js';
import { triggerConditionsHold } from './engine/trigger-conditions.js';
import { shortcutWorkflowsFor } from './shortcut-workflows.js';

/** An agent runs a shortcut workflow on a conversation they see; every click is its own run. */
export async function runShortcutWorkflow(ctx: UseCaseContext, conversationId: number, workflowId: number) {
  const { conversation, allowed } = await shortcutWorkflowsFor(ctx, conversationId);
  const shortcut = allowed.find((s) => s.id === workflowId);
  if (!shortcut) throw notFound('Workflow');
  const scope = { workspaceId: conversation.workspaceId, contactId: conversation.contactId, conversationId: conversation.id };
  if (!(await triggerConditionsHold(ctx, shortcut.trigger, scope))) throw conflict('The workflow\'s conditions do not hold for this conversation');
  const started = await startRun(ctx, { workflowId, contactId: scope.contactId, conversationId: scope.conversationId, triggerKey: `shortcut:${crypto.randomUUID()}` });
  if ('skipped' in started) throw conflict(`The workflow did not start: ${started.skipped}`);
  return { runId: started.runId };
}
