import type { UseCaseContext } from '../use-case.js';
import type { Db } from '../../platform/db/db.js';
import { badRequest } from '../../platform/http/errors.js';
import { assertTransition } from './conversation-status.js';
import { changeConversation } from './change-conversation.js';
import { isMemberOfWorkspace } from './conversations.repo.js';
import { findTeam } from '../teams/teams.repo.js';
import { eventActor } from '../../platform/events/event-types.js';
import { recordTransfer, type Placement } from './transfers.repo.js';

export interface AssignInput {
  /** A user, or null to unassign; omitted leaves the assignee unless the team changes. */
  assigneeId?: number | null;
  /** A team, or null for no team; omitted keeps the team. */
  teamId?: number | null;
  reason?: string;
}

/**
 * Routing picks the agent inside the assignment's transaction (after taking the workspace's routing lock), so two
 * automatic assignments at once cannot both give the last free place to the same agent. Null: nobody has room.
 */
export type PickAssignee = (tx: Db, workspaceId: number) => Promise<number | null>;

/** Nobody had room when the assignment came to pick. */
export class NobodyAvailable extends Error {}

/**
 * Assign or transfer (seed 004): to an agent (it opens for them), to a team (it waits in that team's
 * queue), or to an agent of a team. Every move is a timeline entry with who, from, to and why.
 */
export async function assignConversation(ctx: UseCaseContext, id: number, input: AssignInput, pick?: PickAssignee) {
  if (input.assigneeId === undefined && input.teamId === undefined && !pick) throw badRequest('Give assigneeId, teamId or both');
  let transfer: { from: Placement; to: Placement } | null = null;
  return changeConversation(ctx, id, 'conversation.assign', async (c, tx) => {
    const ws = ctx.actor.workspaceId;
    if (pick) {
      const picked = await pick(tx, ws);
      if (picked === null) throw new NobodyAvailable();
      input = { ...input, assigneeId: picked };
    }
    if (input.assigneeId != null && !(await isMemberOfWorkspace(tx, ws, input.assigneeId))) throw badRequest('assigneeId is not an active member of this workspace', [{ field: 'assigneeId', message: 'unknown user' }]);
    if (input.teamId != null && !(await findTeam(tx, ws, input.teamId))) throw badRequest('teamId is not a team of this workspace', [{ field: 'teamId', message: 'unknown team' }]);
    const teamId = input.teamId === undefined ? c.teamId : input.teamId;
    // A transfer to a team without naming an agent puts it back in that team's queue.
    const assigneeId = input.assigneeId !== undefined ? input.assigneeId : input.teamId !== undefined && input.teamId !== c.teamId ? null : c.assigneeId;
    const wanted = assigneeId ? 'open' : c.status === 'bot' ? 'bot' : 'queued';
    const status = c.status === 'closed' || c.status === 'snoozed' ? c.status : wanted === c.status ? c.status : assertTransition(c.status, wanted);
    // On the transfers record: a change of team, or from one agent to another (not taking from the queue, not releasing).
    if (teamId !== c.teamId || (c.assigneeId !== null && assigneeId !== null && assigneeId !== c.assigneeId)) {
      transfer = { from: { teamId: c.teamId, assigneeId: c.assigneeId }, to: { teamId, assigneeId } };
    }
    return {
      patch: { assigneeId, teamId, status, ...(assigneeId && status === 'open' ? { botActive: false } : {}) },
      type: teamId !== c.teamId ? 'conversation.transferred' : 'conversation.assigned',
      activity: { action: teamId !== c.teamId ? 'transferred' : 'assigned', from: { assigneeId: c.assigneeId, teamId: c.teamId }, to: { assigneeId, teamId }, reason: input.reason ?? null },
      payload: { reason: input.reason ?? null },
    };
  }, async (after, tx) => {
    if (transfer) {
      await recordTransfer(tx, { workspaceId: after.workspaceId, conversationId: after.id, ...transfer, by: eventActor(ctx.actor), reason: input.reason ?? null, at: after.lastActivityAt });
    }
  });
}
