import type { AppContext } from '../../platform/context.js';
import type { Subscriber } from '../../platform/events/dispatcher.js';
import type { EventRow } from '../../platform/events/event-types.js';
import type { JobDefinition } from '../../platform/queue/queue.js';
import { assignWaitingConversations } from './assign-waiting.js';
import { releaseAgentConversations } from './release-conversations.js';
import { reassignUnanswered, type UnansweredCheck } from './reassign-unanswered.js';
import { routingTeams } from './routing.repo.js';

export const ASSIGN_WAITING = 'routing.assign-waiting';
export const CHECK_UNANSWERED = 'routing.check-unanswered';

interface ConversationState {
  status: string;
  assigneeId: number | null;
  teamId: number | null;
  assignedAt?: string | null;
}
type Payload = { conversation?: ConversationState; previous?: Omit<ConversationState, 'assignedAt'>; userId?: number; status?: string; changes?: { active?: boolean }; avoidUserId?: number };

const payloadOf = (e: EventRow) => (e.payload ?? {}) as Payload;

/** Something now waits in a queue, or an agent has room again. */
function changesQueues(e: EventRow): boolean {
  if (e.type.startsWith('user.') || e.type.startsWith('team.')) return true;
  // A message in a waiting conversation changes no queue: the event that put it there already did.
  if (!e.type.startsWith('conversation.')) return false;
  const { conversation: now, previous } = payloadOf(e);
  if (!now) return false;
  if (now.status === 'queued' && now.assigneeId === null) return true;
  return !!previous && previous.assigneeId !== null && (previous.assigneeId !== now.assigneeId || (previous.status === 'open' && now.status !== 'open'));
}

/** A new assignee: "has not replied within N minutes" starts counting. */
const newAssignment = (e: EventRow) => {
  if (!e.type.startsWith('conversation.')) return false;
  const { conversation: now, previous } = payloadOf(e);
  return !!now?.assigneeId && !!now.assignedAt && (!previous || previous.assigneeId !== now.assigneeId);
};

/**
 * Routing reacts to the log: an agent who went offline (where the team asks) or was deactivated gives
 * their conversations back; a new assignment schedules its "not answered" check; then every automatic
 * queue of the workspace is served. Replays are harmless: releasing and serving look at the current state.
 */
export const routingSubscriber: Subscriber = {
  name: 'routing.assign',
  accepts: (e) => changesQueues(e) || newAssignment(e),
  async handle(ctx, events) {
    const byWorkspace = new Map<number, EventRow[]>();
    for (const e of events) byWorkspace.set(e.workspaceId, [...(byWorkspace.get(e.workspaceId) ?? []), e]);
    for (const [workspaceId, batch] of byWorkspace) await routeWorkspace(ctx, workspaceId, batch);
  },
};

async function routeWorkspace(ctx: AppContext, workspaceId: number, batch: EventRow[]) {
  for (const e of batch) {
    const p = payloadOf(e);
    if (e.type === 'user.updated' && p.changes?.active === false && p.userId) await releaseAgentConversations(ctx, workspaceId, p.userId, 'deactivated');
    if (e.type === 'user.status_changed' && p.status === 'offline' && p.userId) await releaseAgentConversations(ctx, workspaceId, p.userId, 'offline');
  }
  await scheduleUnansweredChecks(ctx, workspaceId, batch.filter(newAssignment));
  if (!batch.some(changesQueues)) return;
  const avoid = new Map(batch.filter((e) => payloadOf(e).avoidUserId && e.conversationId).map((e) => [e.conversationId!, payloadOf(e).avoidUserId!]));
  const { nextOpening } = await assignWaitingConversations(ctx, workspaceId, avoid);
  // Conversations waiting for a team or channel to open: serve them when it does.
  if (nextOpening) await ctx.queue.send(ASSIGN_WAITING, { workspaceId }, { key: `${workspaceId}:${nextOpening.toISOString()}`, startAfter: nextOpening });
}

async function scheduleUnansweredChecks(ctx: AppContext, workspaceId: number, assignments: EventRow[]) {
  if (assignments.length === 0) return;
  const limits = new Map((await routingTeams(ctx.db, workspaceId)).map((t) => [t.id, t.reassignAfterMinutes]));
  for (const e of assignments) {
    const c = payloadOf(e).conversation!;
    const minutes = c.teamId === null ? null : limits.get(c.teamId);
    if (!minutes) continue;
    const check: UnansweredCheck = { workspaceId, conversationId: e.conversationId!, assignedAt: c.assignedAt! };
    await ctx.queue.send(CHECK_UNANSWERED, check, { key: `${check.conversationId}:${check.assignedAt}`, startAfter: new Date(new Date(check.assignedAt).getTime() + minutes * 60_000) });
  }
}

export const assignWaitingJob: JobDefinition<{ workspaceId: number }, AppContext> = {
  name: ASSIGN_WAITING,
  options: { retryLimit: 10, retryDelay: 5, retryBackoff: true },
  async handle(ctx, data) {
    const { nextOpening } = await assignWaitingConversations(ctx, data.workspaceId);
    if (nextOpening) await ctx.queue.send(ASSIGN_WAITING, data, { key: `${data.workspaceId}:${nextOpening.toISOString()}`, startAfter: nextOpening });
  },
};

export const checkUnansweredJob: JobDefinition<UnansweredCheck, AppContext> = {
  name: CHECK_UNANSWERED,
  options: { retryLimit: 10, retryDelay: 5, retryBackoff: true },
  async handle(ctx, data) {
    await reassignUnanswered(ctx, data);
  },
};
