import type { AppContext } from '../../../platform/context.js';
import type { JobDefinition } from '../../../platform/queue/queue.js';
import { findWorkspace } from '../../workspaces/workspaces.repo.js';
import { fold } from './conditions.js';
import { definitionOf } from './load-definition.js';
import { findWorkflowById, publishedWorkflowIdsWith, type WorkflowRow } from './runs.repo.js';
import { candidateDatePrefixes, dateFallsOn, isScheduledTrigger, nextFiring, tickDay, zoneOf, type ScheduledTrigger } from './scheduled-triggers.js';
import { catalogueTagNames, contactIdsWithAnyTag, contactsWithDateIn, type PageAfter } from './scheduled-triggers.repo.js';
import { startRun } from './start-run.js';
import { triggerConditionsHold } from './trigger-conditions.js';

export const TICK_WORKFLOW = 'workflows.tick';
const BATCH = 200;

/** One firing of a date or schedule trigger, for the version that scheduled it. */
export type TickData = {
  workspaceId: number;
  workflowId: number;
  version: number;
  /** When it fires, ISO: the runs' trigger keys name it, so a replayed tick starts nothing twice. */
  at: string;
};

interface Scheduled {
  workflow: WorkflowRow;
  trigger: ScheduledTrigger;
  timezone: string;
}

/** The published workflow if it starts on a date or a schedule, with the workspace's timezone. */
async function loadScheduled(ctx: AppContext, workflowId: number): Promise<Scheduled | null> {
  const workflow = await findWorkflowById(ctx.db, workflowId);
  if (!workflow || workflow.status !== 'published' || (workflow.triggerType !== 'date' && workflow.triggerType !== 'schedule')) return null;
  const definition = await definitionOf(ctx.db, workflow, workflow.version);
  const workspace = await findWorkspace(ctx.db, workflow.workspaceId);
  if (!definition || !workspace || !isScheduledTrigger(definition.trigger)) return null;
  return { workflow, trigger: definition.trigger, timezone: workspace.timezone };
}

async function sendTick(ctx: AppContext, { workflow }: Scheduled, at: Date | null) {
  if (!at) return;
  const data: TickData = { workspaceId: workflow.workspaceId, workflowId: workflow.id, version: workflow.version, at: at.toISOString() };
  await ctx.queue.send(TICK_WORKFLOW, data, { key: `${workflow.id}:${workflow.version}:${data.at}`, startAfter: at });
}

/**
 * After a publish or a start: the first tick of a date or schedule workflow (nothing for other triggers). Keyed by
 * version and time, so a start while the tick of a stop is still pending schedules it once.
 */
export async function scheduleNextTick(ctx: AppContext, workflowId: number): Promise<void> {
  const scheduled = await loadScheduled(ctx, workflowId);
  if (scheduled) await sendTick(ctx, scheduled, nextFiring(scheduled.trigger, ctx.clock.now(), scheduled.timezone));
}

/**
 * At start-up: every published date or schedule workflow has its next tick (one published by an older version, or
 * whose tick was lost with its queue, gets one; the others' keys make this a no-op).
 */
export async function scheduleAllTicks(ctx: AppContext): Promise<void> {
  for (const id of await publishedWorkflowIdsWith(ctx.db, ['date', 'schedule'])) await scheduleNextTick(ctx, id);
}

const isCurrent = (s: Scheduled | null, data: TickData): s is Scheduled => s !== null && s.workflow.version === data.version && s.workflow.workspaceId === data.workspaceId;

/** Every spelling of the audience tags the catalogue knows (tags match ignoring case and accents), and the tags as written. */
async function audienceSpellings(ctx: AppContext, workspaceId: number, audience: string[]): Promise<string[]> {
  const wanted = new Set(audience.map(fold));
  return [...new Set([...audience, ...(await catalogueTagNames(ctx.db, workspaceId)).filter((name) => wanted.has(fold(name)))])];
}

/** The contacts a tick runs for, a page at a time; `lastId` is where the next page starts, null after the last. */
async function tickAudience(ctx: AppContext, { workflow, trigger, timezone }: Scheduled, at: Date): Promise<(page: PageAfter) => Promise<{ ids: number[]; lastId: number | null }>> {
  const workspaceId = workflow.workspaceId;
  if (trigger.type === 'schedule') {
    const spellings = await audienceSpellings(ctx, workspaceId, trigger.audienceTags);
    return async (page) => {
      const ids = await contactIdsWithAnyTag(ctx.db, workspaceId, spellings, page);
      return { ids, lastId: ids.length === page.limit ? ids.at(-1)! : null };
    };
  }
  const day = tickDay(at, zoneOf(trigger, timezone));
  const prefixes = candidateDatePrefixes(trigger, day, timezone);
  return async (page) => {
    const rows = await contactsWithDateIn(ctx.db, workspaceId, trigger.field, prefixes, page);
    return { ids: rows.filter((r) => dateFallsOn(trigger, r.value, day, timezone)).map((r) => r.id), lastId: rows.length === page.limit ? rows.at(-1)!.id : null };
  };
}

/**
 * A tick of a still-published version: the next tick is scheduled first (a failure while starting runs retries this
 * tick without breaking the chain), then a run starts for every contact it fits. A stopped or republished workflow's
 * tick does nothing and schedules nothing: starting or publishing it schedules afresh.
 */
export async function tickWorkflow(ctx: AppContext, data: TickData): Promise<void> {
  const scheduled = await loadScheduled(ctx, data.workflowId);
  if (!isCurrent(scheduled, data)) return;
  const at = new Date(data.at);
  // A tick run late (the server was down) fires once, and the next is counted from now, not from every missed day.
  const from = new Date(Math.max(at.getTime(), ctx.clock.now().getTime()));
  await sendTick(ctx, scheduled, nextFiring(scheduled.trigger, from, scheduled.timezone));

  const audience = await tickAudience(ctx, scheduled, at);
  const { workflow, trigger } = scheduled;
  for (let afterId = 0; ;) {
    const { ids, lastId } = await audience({ afterId, limit: BATCH });
    for (const contactId of ids) {
      if (!(await triggerConditionsHold(ctx, trigger, { workspaceId: workflow.workspaceId, contactId, conversationId: null }))) continue;
      await startRun(ctx, { workflowId: workflow.id, contactId, conversationId: null, triggerKey: `tick:${data.at}:${contactId}` });
    }
    if (lastId === null) return;
    afterId = lastId;
    // Stopped or republished meanwhile: the rest of the audience would start on the wrong version, or on none.
    if (!isCurrent(await loadScheduled(ctx, data.workflowId), data)) return;
  }
}

export const tickWorkflowJob: JobDefinition<TickData, AppContext> = {
  name: TICK_WORKFLOW,
  // A large audience takes a while; a retry skips the contacts whose runs already started (one run per trigger key).
  options: { retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 3600 },
  async handle(ctx, data) {
    await tickWorkflow(ctx, data);
  },
};
