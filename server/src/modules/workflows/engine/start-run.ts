import type { AppContext } from '../../../platform/context.js';
import type { WorkflowDefinition } from '../definition/workflow-definition.js';
import { Flow } from './flow.js';
import { definitionOf } from './load-definition.js';
import { contactRanWorkflow, findWorkflowById, insertRun, latestConversationOf, recentRunsOfContact } from './runs.repo.js';
import { ADVANCE_RUN } from './workflow-jobs.js';

export interface StartRunInput {
  workflowId: number;
  contactId: number | null;
  conversationId: number | null;
  /** What started it (an event id, a webhook call, a shortcut, a schedule tick): one run per key. */
  triggerKey: string;
  vars?: Record<string, unknown>;
  /** A test run from the editor: it runs the draft (`definition` given) and is listed apart. */
  test?: boolean;
  definition?: WorkflowDefinition;
}

export type StartRunResult = { runId: number } | { skipped: 'not_found' | 'not_published' | 'invalid' | 'once_per_contact' | 'rate_limited' | 'duplicate' };

/** A contact starting the same workflow more often than this in an hour is a storm (a loop between workflows). */
export const MAX_RUNS_PER_CONTACT_PER_HOUR = 20;
const HOUR = 3_600_000;

/**
 * Starts a run of a published workflow (or a test run of its draft) and hands it to the job queue. Once per trigger
 * key; honours "once per contact" and the per-contact storm guard.
 */
export async function startRun(ctx: AppContext, input: StartRunInput): Promise<StartRunResult> {
  const workflow = await findWorkflowById(ctx.db, input.workflowId);
  if (!workflow) return { skipped: 'not_found' };
  if (!input.test && workflow.status !== 'published') return { skipped: 'not_published' };
  const version = input.test ? 0 : workflow.version;
  const definition = input.definition ?? (await definitionOf(ctx.db, workflow, version));
  if (!definition) return { skipped: 'invalid' };
  const now = ctx.clock.now();
  if (!input.test && input.contactId !== null) {
    if (definition.trigger.oncePerContact && (await contactRanWorkflow(ctx.db, workflow.id, input.contactId))) return { skipped: 'once_per_contact' };
    if ((await recentRunsOfContact(ctx.db, workflow.id, input.contactId, new Date(now.getTime() - HOUR))) >= MAX_RUNS_PER_CONTACT_PER_HOUR) {
      ctx.log.warn({ workflowId: workflow.id, contactId: input.contactId }, 'workflow storm: run not started');
      return { skipped: 'rate_limited' };
    }
  }
  // A run started for a contact alone (a tag, a field, a schedule) talks to them in their latest conversation.
  const conversationId = input.conversationId ?? (input.contactId !== null ? await latestConversationOf(ctx.db, workflow.workspaceId, input.contactId) : null);
  const first = new Flow(definition).first();
  const run = await insertRun(ctx.db, {
    workspaceId: workflow.workspaceId,
    workflowId: workflow.id,
    version,
    contactId: input.contactId,
    conversationId,
    triggerKey: input.triggerKey,
    status: first ? 'running' : 'completed',
    cursor: first ? { stepId: first } : null,
    vars: input.vars ?? {},
    test: input.test ?? false,
    startedAt: now,
    ...(first ? {} : { finishedAt: now }),
  });
  if (!run) return { skipped: 'duplicate' };
  if (first) await ctx.queue.send(ADVANCE_RUN, { workspaceId: run.workspaceId, runId: run.id }, { key: `start:${run.id}` });
  return { runId: run.id };
}
