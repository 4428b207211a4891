import type { AppContext } from '../../platform/context.js';
import type { Subscriber } from '../../platform/events/dispatcher.js';
import type { EventRow } from '../../platform/events/event-types.js';
import type { JobDefinition } from '../../platform/queue/queue.js';
import { findConversationsByIds } from '../conversations/conversations.repo.js';
import type { WorkflowDefinition } from './definition/workflow-definition.js';
import { advanceRun, RunMustWait } from './engine/advance-run.js';
import type { RunCursor, Wake } from './engine/engine-types.js';
import { definitionOf } from './engine/load-definition.js';
import { publishedWorkflowsOf, waitingRunsOf, type WorkflowRow } from './engine/runs.repo.js';
import { startRun } from './engine/start-run.js';
import { triggerAccepts, triggerEventOf, type TriggerEvent } from './engine/trigger-events.js';
import { triggerConditionsHold } from './engine/trigger-conditions.js';
import { ADVANCE_RUN, WAKE_RUN } from './engine/workflow-jobs.js';
import { WorkspaceFacts } from '../../platform/events/workspace-facts.js';

type Payload = { message?: { id: number; kind: string; direction: string | null; body?: string; meta?: { interactive?: { payload?: string } } }; conversation?: { assigneeId: number | null } };

/** A customer's answer or an assignment that a waiting run of the conversation is waiting for. */
function wakeOf(e: EventRow): { for: 'answer' | 'assignment'; wake: Wake; key: string } | null {
  if (e.conversationId === null) return null;
  const { message, conversation } = (e.payload ?? {}) as Payload;
  if (e.type === 'message.created' && e.actorType === 'contact' && message?.kind === 'message' && message.direction === 'inbound') {
    const payload = message.meta?.interactive?.payload;
    return { for: 'answer', wake: { kind: 'message', messageId: message.id, text: message.body ?? '', ...(payload ? { payload } : {}) }, key: `m${message.id}` };
  }
  if ((e.type === 'conversation.assigned' || e.type === 'conversation.taken' || e.type === 'conversation.transferred') && conversation?.assigneeId) {
    return { for: 'assignment', wake: { kind: 'assigned', userId: conversation.assigneeId }, key: `e${e.id}` };
  }
  return null;
}

const changesWorkflows = (e: EventRow) => e.type.startsWith('workflow.');

/** Each workspace's published workflows, read again after any workflow event of the workspace. */
const publishedWorkflows = new WorkspaceFacts<WorkflowRow[]>({
  changedBy: changesWorkflows,
  load: async (ctx, ids) => {
    const byWorkspace = new Map<number, WorkflowRow[]>();
    for (const wf of await publishedWorkflowsOf(ctx.db, ids)) byWorkspace.set(wf.workspaceId, [...(byWorkspace.get(wf.workspaceId) ?? []), wf]);
    return byWorkspace;
  },
  none: [],
});

/**
 * Workflows react to the log: an event that is a trigger starts a run of every published workflow it fits (once per
 * event), and a customer's answer or an assignment wakes the runs of the conversation waiting for it.
 */
export const workflowsSubscriber: Subscriber = {
  name: 'workflows.trigger',
  // Workflow events too: publishing or stopping one changes what starts.
  accepts: (e) => triggerEventOf(e) !== null || wakeOf(e) !== null || changesWorkflows(e),
  async handle(ctx, events) {
    // At most two queries per batch, whatever its size: most messages wake nothing and start nothing.
    const seen = events.map((e) => ({ e, w: wakeOf(e), te: triggerEventOf(e) }));
    const waiting = await waitingRunsOf(ctx.db, [...new Set(seen.flatMap(({ e, w }) => (w ? [e.conversationId!] : [])))]);
    const published = await publishedWorkflows.of(ctx, events, seen.flatMap(({ e, te }) => (te ? [e.workspaceId] : [])));
    const definitions = new Map<string, WorkflowDefinition | null>();
    for (const { e, w, te } of seen) {
      for (const run of w ? waiting.filter((r) => r.conversationId === e.conversationId && (r.cursor as RunCursor | null)?.waiting?.for === w.for) : []) {
        await ctx.queue.send(WAKE_RUN, { workspaceId: run.workspaceId, runId: run.id, wake: w!.wake }, { key: `${run.id}:${w!.key}` });
      }
      const candidates = te ? (published.get(e.workspaceId) ?? []).filter((wf) => wf.triggerType === te.type) : [];
      if (te && candidates.length) await startTriggeredRuns(ctx, e, te, candidates, definitions);
    }
  },
};

async function startTriggeredRuns(ctx: AppContext, e: EventRow, te: TriggerEvent, candidates: WorkflowRow[], definitions: Map<string, WorkflowDefinition | null>) {
  if (te.contactId === null && te.conversationId !== null) {
    const [c] = await findConversationsByIds(ctx.db, e.workspaceId, [te.conversationId]);
    te.contactId = c?.contactId ?? null;
  }
  for (const workflow of candidates) {
    // A workflow's own doings never start it again (closing a conversation in a "closed" workflow, tagging in a "tagged" one).
    if (e.actorType === 'workflow' && e.actorId === workflow.id) continue;
    const definition = await cachedDefinition(ctx, workflow, definitions);
    if (!definition || !triggerAccepts(definition.trigger, te)) continue;
    if (!(await triggerConditionsHold(ctx, definition.trigger, { workspaceId: e.workspaceId, contactId: te.contactId, conversationId: te.conversationId }))) continue;
    await startRun(ctx, { workflowId: workflow.id, contactId: te.contactId, conversationId: te.conversationId, triggerKey: `event:${e.id}` });
  }
}

async function cachedDefinition(ctx: AppContext, workflow: WorkflowRow, cache: Map<string, WorkflowDefinition | null>) {
  const key = `${workflow.id}:${workflow.version}`;
  if (!cache.has(key)) cache.set(key, await definitionOf(ctx.db, workflow, workflow.version));
  return cache.get(key)!;
}

type AdvanceData = { workspaceId: number; runId: number; deferrals?: number };
type WakeData = AdvanceData & { wake?: Wake };

/** An earlier run of the conversation is executing: try again shortly, without spending a retry. */
async function deferred(ctx: AppContext, name: string, data: WakeData) {
  const deferrals = (data.deferrals ?? 0) + 1;
  await ctx.queue.send(name, { ...data, deferrals }, { startAfter: new Date(Date.now() + Math.min(30, deferrals) * 1000) });
}

export const advanceRunJob: JobDefinition<AdvanceData, AppContext> = {
  name: ADVANCE_RUN,
  options: { retryLimit: 5, retryDelay: 5, retryBackoff: true },
  concurrency: 2,
  async handle(ctx, data) {
    try {
      await advanceRun(ctx, data.runId);
    } catch (err) {
      if (err instanceof RunMustWait) return deferred(ctx, ADVANCE_RUN, data);
      throw err;
    }
  },
};

export const wakeRunJob: JobDefinition<WakeData, AppContext> = {
  name: WAKE_RUN,
  options: { retryLimit: 5, retryDelay: 5, retryBackoff: true },
  concurrency: 2,
  async handle(ctx, data) {
    try {
      await advanceRun(ctx, data.runId, data.wake ?? { kind: 'timer' });
    } catch (err) {
      if (err instanceof RunMustWait) return deferred(ctx, WAKE_RUN, data);
      throw err;
    }
  },
};
