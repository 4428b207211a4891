import { badRequest } from '../../../../platform/http/errors.js';
import { assignConversation, NobodyAvailable } from '../../../conversations/assign-conversation.js';
import type { Db } from '../../../../platform/db/db.js';
import { setConversationBot } from '../../../conversations/set-conversation-bot.js';
import { planAssignments } from '../../../routing/assignment-plan.js';
import { assignableAgents, lockWorkspaceRouting, touchLastAssigned } from '../../../routing/routing.repo.js';
import type { StepOf } from '../../definition/workflow-definition.js';
import type { StepContext, StepExecutor } from '../engine-types.js';
import { actingAs, attempt, conversationOf, minutesFrom, NO_CONVERSATION } from './step-support.js';

type Assign = StepOf<'assign'>;

const tighter = (a: number | null, b: number | undefined) => (b === undefined ? a : a === null ? b : Math.min(a, b));

/**
 * The agent the step picks: the named agent, or one of the team's by round robin (assigned longest ago) or least
 * busy, among active members (online ones with onlineOnly) with fewer open conversations than the step's limit and
 * their own. Null when nobody qualifies.
 */
async function pickAgent(tx: Db, sc: StepContext, step: Assign, conversationId: number): Promise<number | null> {
  const { target } = step;
  const id = target.kind === 'agent' ? target.userId : target.teamId;
  if (!id) throw badRequest(`The step names no ${target.kind}`);
  const filter = target.kind === 'agent' ? { userId: id } : { teamId: id };
  // Loads read under the routing lock stay true until the assignment commits (see routing/assign-waiting.ts).
  await lockWorkspaceRouting(tx, sc.run.workspaceId);
  const agents = await assignableAgents(tx, sc.run.workspaceId, { ...filter, onlineOnly: step.onlineOnly });
  const loads = agents.map((a) => ({ userId: a.userId, open: a.open, maxConversations: tighter(a.maxConversations, step.maxOpenConversations) }));
  const policy = target.kind === 'team' ? target.strategy : 'round_robin';
  const queue = { teamId: target.kind === 'team' ? id : 0, policy, maxPerAgent: null, waiting: [{ conversationId }] };
  return planAssignments([queue], agents, loads, sc.now)[0]?.userId ?? null;
}

/** Assigns to the agent picked under the routing lock, in the assignment's own transaction; null when nobody has room. */
async function assignPicked(sc: StepContext, step: Assign, conversationId: number, teamId: number | null): Promise<number | null> {
  try {
    const after = await assignConversation(actingAs(sc), conversationId, teamId ? { teamId } : {}, (tx) => pickAgent(tx, sc, step, conversationId));
    return after.assignee?.id ?? null;
  } catch (err) {
    if (err instanceof NobodyAvailable) return null;
    throw err;
  }
}

/**
 * Nobody qualifies: the conversation waits in the queue, out of the bot's hands (the team's queue for a team target,
 * its own team's for an agent). Returns its assignee afterwards, if it kept one.
 */
async function putInQueue(sc: StepContext, step: Assign, conversationId: number): Promise<number | null> {
  const uc = actingAs(sc);
  const c = sc.values.conversation!;
  let assigneeId = (c.assigneeId as number | null) ?? null;
  if (c.botActive) assigneeId = (await setConversationBot(uc, conversationId, false)).assignee?.id ?? null;
  if (step.target.kind === 'team' && step.target.teamId !== c.teamId) {
    assigneeId = (await assignConversation(uc, conversationId, { teamId: step.target.teamId })).assignee?.id ?? null;
  }
  return assigneeId;
}

/** Assigns the conversation to an agent, or to an agent of a team; see the step's schema for the options. */
export const assignStep: StepExecutor<'assign'> = {
  async run(sc, step) {
    const conversationId = conversationOf(sc);
    if (conversationId === null || !sc.values.conversation) return { kind: 'fail', error: NO_CONVERSATION };
    const current = sc.values.conversation;
    return attempt(async () => {
      const teamId = step.target.kind === 'team' ? step.target.teamId : null;
      if (step.target.kind === 'agent' && step.target.userId === current.assigneeId) return { kind: 'next', detail: { assigneeId: current.assigneeId, unchanged: true } };
      const picked = await assignPicked(sc, step, conversationId, teamId);
      if (picked !== null) {
        if (teamId) await touchLastAssigned(sc.ctx.db, [{ teamId, userId: picked, at: sc.now }]);
        return { kind: 'next', detail: { assigneeId: picked, teamId } };
      }
      if (!step.queueWhenNobody) return { kind: 'branch', path: 'onTimeout', detail: { nobodyAvailable: true } };
      const assigneeId = await putInQueue(sc, step, conversationId);
      if (assigneeId !== null) return { kind: 'next', detail: { nobodyAvailable: true, assigneeId } };
      if (!step.timeoutMinutes) return { kind: 'next', detail: { nobodyAvailable: true, queued: true } };
      const until = minutesFrom(sc.now, step.timeoutMinutes);
      return { kind: 'wait', for: 'assignment', until, state: { until: until.toISOString() }, detail: { nobodyAvailable: true, queued: true } };
    });
  },

  async resume(sc, step, wake, state) {
    if (wake.kind === 'assigned') return { kind: 'next', detail: { assigneeId: wake.userId } };
    if (wake.kind === 'timer') return { kind: 'branch', path: 'onTimeout', detail: { timedOut: true } };
    return { kind: 'wait', for: 'assignment', until: typeof state.until === 'string' ? new Date(state.until) : null, state };
  },
};

/** Takes the conversation from its agent: back to its team's queue. */
export const unassignStep: StepExecutor<'unassign'> = {
  async run(sc) {
    const conversationId = conversationOf(sc);
    if (conversationId === null) return { kind: 'fail', error: NO_CONVERSATION };
    if (sc.values.conversation?.assigneeId == null) return { kind: 'next', detail: { unchanged: true } };
    return attempt(async () => {
      await assignConversation(actingAs(sc), conversationId, { assigneeId: null });
      return { kind: 'next' };
    });
  },
};
