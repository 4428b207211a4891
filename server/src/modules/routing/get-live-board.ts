import type { UseCaseContext } from '../use-case.js';
import { forbidden } from '../../platform/http/errors.js';
import { can } from '../auth/permissions.js';
import { boardAgents, boardQueues, boardTeams, type BoardAgentRow, type BoardQueueRow } from './live-board.repo.js';
import type { BoardAgentDto, LiveBoardDto } from './live-board.schemas.js';

const iso = (t: Date | string | null) => (t === null ? null : new Date(t).toISOString());

function queueFigures(row: BoardQueueRow | undefined, now: Date) {
  const since = row?.oldest_since ? new Date(row.oldest_since).getTime() : null;
  return {
    waiting: row?.waiting ?? 0,
    longestWaitSeconds: since === null ? null : Math.max(0, Math.floor((now.getTime() - since) / 1000)),
    oldestWaitingId: row?.oldest_id ?? null,
    open: row?.open ?? 0,
  };
}

function toAgent(row: BoardAgentRow): BoardAgentDto {
  return {
    id: row.id,
    name: row.name,
    avatarUrl: row.avatar_url,
    role: row.role,
    status: row.status,
    lastSeenAt: iso(row.last_seen_at),
    idleSince: iso(row.idle_since),
    open: row.open,
    snoozed: row.snoozed,
    maxConversations: row.max_conversations,
    teams: (row.teams ?? []).map((t) => ({ id: Number(t.id), name: t.name, maxPerAgent: t.max_per_agent, open: t.open })),
  };
}

/**
 * The supervisor's live board (supervisors and up): every team's queue (waiting, longest wait, agents online,
 * open), the conversations waiting in no team, and every active member's status and load. Three queries,
 * whatever the number of teams and members.
 */
export async function getLiveBoard(ctx: UseCaseContext): Promise<LiveBoardDto> {
  const workspaceId = ctx.actor.workspaceId;
  if (!can(ctx.actor, 'report.read', { workspaceId })) throw forbidden();
  const [teams, queues, agents] = await Promise.all([boardTeams(ctx.db, workspaceId), boardQueues(ctx.db, workspaceId), boardAgents(ctx.db, workspaceId)]);
  const now = ctx.clock.now();
  const queueOf = new Map(queues.map((q) => [q.team_id, q]));
  return {
    teams: teams.map((t) => ({
      id: t.id,
      name: t.name,
      policy: t.assignment_policy,
      maxPerAgent: t.max_per_agent,
      ...queueFigures(queueOf.get(t.id), now),
      agentsOnline: t.online,
      members: t.members,
    })),
    noTeam: queueFigures(queueOf.get(null), now),
    agents: agents.map(toAgent),
    generatedAt: now.toISOString(),
  };
}
