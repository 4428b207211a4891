import crypto from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { notFound } from '../../platform/http/errors.js';
import { findVersion, findWorkflowByHookToken } from './workflows.repo.js';
import { storedDefinition } from './workflow-draft.js';
import { readPath } from './engine/steps/http-request.step.js';
import { startRun, type StartRunResult } from './engine/start-run.js';
import { latestConversationOf } from './engine/runs.repo.js';
import { triggerConditionsHold } from './engine/trigger-conditions.js';
import { resolveHookContact } from './hook-contact.js';

export interface HookCall {
  token: string;
  payload: Record<string, unknown>;
  rawBody: Buffer;
  /** The caller's Idempotency-Key header: the same body with the same key starts one run, however often it is sent. */
  idempotencyKey?: string;
}

export type HookResult = StartRunResult | { skipped: 'contact_not_found' | 'conditions_not_met' };

/**
 * A POST to a workflow's own URL: the token authenticates it. The payload names the contact (found or created as
 * the trigger says) and its values become the run's variables. Without an Idempotency-Key every call is a new run.
 */
export async function receiveWorkflowHook(ctx: AppContext, call: HookCall): Promise<HookResult> {
  const workflow = await findWorkflowByHookToken(ctx.db, call.token);
  if (!workflow || workflow.status !== 'published' || workflow.triggerType !== 'incoming_webhook') throw notFound('Workflow');
  const version = await findVersion(ctx.db, workflow.id, workflow.version);
  const definition = version && storedDefinition(version.definition);
  if (!definition?.ok || definition.definition.trigger.type !== 'incoming_webhook') throw notFound('Workflow');
  const trigger = definition.definition.trigger;

  const contactId = await resolveHookContact(ctx, workflow, trigger, call.payload);
  if (contactId === null) return { skipped: 'contact_not_found' };
  const vars: Record<string, unknown> = {};
  for (const { path, variable } of trigger.variables) {
    const value = readPath(call.payload, path);
    if (value !== undefined) vars[variable] = value;
  }
  // Messages of the run go to the contact's latest conversation (a closed one makes them take their failure branch).
  const conversationId = await latestConversationOf(ctx.db, workflow.workspaceId, contactId);
  const scope = { workspaceId: workflow.workspaceId, contactId, conversationId };
  if (!(await triggerConditionsHold(ctx, trigger, scope))) return { skipped: 'conditions_not_met' };
  const salt = call.idempotencyKey ?? crypto.randomUUID();
  const digest = crypto.createHash('sha256').update(call.rawBody).update(salt).digest('hex');
  return startRun(ctx, { workflowId: workflow.id, contactId, conversationId, triggerKey: `hook:${digest}`, vars });
}
