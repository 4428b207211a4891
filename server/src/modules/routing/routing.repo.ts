import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../platform/db/db.js';
import { rowMapper } from '../../platform/db/raw-rows.js';
import { conversations } from '../conversations/conversations.tables.js';
import type { ConversationRow } from '../conversations/conversations.repo.js';
import type { BusinessHours } from './business-hours.types.js';
import type { AgentLoad, AssignmentPolicy, Candidate } from './assignment-plan.js';

const toConversation = rowMapper(conversations);
const ROUTING_LOCK = 74_201;
const list = (ids: number[]) => sql`${`{${ids.join(',')}}`}::bigint[]`;

/**
 * One assignment round at a time per workspace, whatever the node: the loads it reads stay true until it
 * commits, so no agent goes over capacity. Manual takes do not wait for it; the guarded update below skips
 * a conversation somebody took meanwhile.
 */
export async function lockWorkspaceRouting(tx: Db, workspaceId: number) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${ROUTING_LOCK}, ${workspaceId}::int)`);
}

export interface RoutingTeam {
  id: number;
  policy: AssignmentPolicy;
  maxPerAgent: number | null;
  reassignAfterMinutes: number | null;
  returnWhenOffline: boolean;
  businessHours: BusinessHours | null;
}

export async function routingTeams(db: Db, workspaceId: number): Promise<RoutingTeam[]> {
  return queryRows<RoutingTeam>(db, sql`
    SELECT id, assignment_policy AS policy, max_per_agent AS "maxPerAgent", reassign_after_minutes AS "reassignAfterMinutes",
      return_when_offline AS "returnWhenOffline", business_hours AS "businessHours"
    FROM teams WHERE workspace_id = ${workspaceId} ORDER BY id`);
}

/** A team's queue in the order it is served (priority first, then the longest waiting), skipping closed channels. */
export async function waitingInTeam(db: Db, workspaceId: number, teamId: number, limit: number, closedChannelIds: number[]): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(db, sql`
    SELECT c.id FROM conversations c
    WHERE c.workspace_id = ${workspaceId} AND c.team_id = ${teamId} AND c.status = 'queued' AND c.assignee_id IS NULL
      ${closedChannelIds.length ? sql`AND c.channel_id <> ALL(${list(closedChannelIds)})` : sql``}
    ORDER BY c.priority DESC, c.queued_at, c.id
    LIMIT ${limit}`);
  return rows.map((r) => r.id);
}

/** The channels of the workspace that keep business hours. */
export async function channelsWithHours(db: Db, workspaceId: number): Promise<{ id: number; businessHours: BusinessHours }[]> {
  return queryRows(db, sql`SELECT id, business_hours AS "businessHours" FROM channels WHERE workspace_id = ${workspaceId} AND business_hours IS NOT NULL`);
}

/** Does anyone wait in this team's queue? */
export async function hasWaiting(db: Db, workspaceId: number, teamId: number): Promise<boolean> {
  const rows = await queryRows(db, sql`SELECT 1 FROM conversations WHERE workspace_id = ${workspaceId} AND team_id = ${teamId} AND status = 'queued' AND assignee_id IS NULL LIMIT 1`);
  return rows.length > 0;
}

/** Open conversations per agent (and team), counted in one pass over the workspace's open conversations. */
const openByAgent = (workspaceId: number, perTeam: boolean) => sql`
  SELECT assignee_id, ${perTeam ? sql`team_id,` : sql``} count(*)::int AS n FROM conversations
  WHERE workspace_id = ${workspaceId} AND status = 'open' AND assignee_id IS NOT NULL
  GROUP BY assignee_id ${perTeam ? sql`, team_id` : sql``}`;

/** The members each team may assign now (active, in one of the team's statuses), with their load in the team. */
export async function candidatesOf(db: Db, workspaceId: number, teamIds: number[]): Promise<Candidate[]> {
  if (teamIds.length === 0) return [];
  return queryRows<Candidate>(db, sql`
    SELECT tm.team_id AS "teamId", tm.user_id AS "userId", tm.last_assigned_at AS "lastAssignedAt", coalesce(o.n, 0) AS "openInTeam"
    FROM team_members tm
    JOIN teams t ON t.id = tm.team_id
    JOIN memberships m ON m.workspace_id = tm.workspace_id AND m.user_id = tm.user_id
    LEFT JOIN (${openByAgent(workspaceId, true)}) o ON o.assignee_id = tm.user_id AND o.team_id = tm.team_id
    WHERE tm.workspace_id = ${workspaceId} AND tm.team_id = ANY(${list(teamIds)}) AND m.active AND m.status = ANY(t.assign_statuses)`)
    .then((rows) => rows.map((r) => ({ ...r, lastAssignedAt: r.lastAssignedAt ? new Date(r.lastAssignedAt) : null })));
}

export async function loadsOf(db: Db, workspaceId: number, userIds: number[]): Promise<AgentLoad[]> {
  if (userIds.length === 0) return [];
  return queryRows<AgentLoad>(db, sql`
    SELECT m.user_id AS "userId", m.max_conversations AS "maxConversations", coalesce(o.n, 0) AS open
    FROM memberships m LEFT JOIN (${openByAgent(workspaceId, false)}) o ON o.assignee_id = m.user_id
    WHERE m.workspace_id = ${workspaceId} AND m.user_id = ANY(${list(userIds)})`);
}

/**
 * Assigns in one statement; a conversation that is no longer waiting (taken, closed, moved since it was read)
 * is left alone and missing from the result.
 */
export async function assignWaiting(tx: Db, rows: { conversationId: number; userId: number }[], now: Date): Promise<ConversationRow[]> {
  if (rows.length === 0) return [];
  const values = sql.join(rows.map((r) => sql`(${r.conversationId}::bigint, ${r.userId}::bigint)`), sql`, `);
  const updated = await queryRows<Record<string, unknown>>(tx, sql`
    UPDATE conversations c SET assignee_id = v.user_id, status = 'open', assigned_at = ${now.toISOString()}::timestamptz,
      last_activity_at = ${now.toISOString()}::timestamptz
    FROM (VALUES ${values}) AS v(id, user_id)
    WHERE c.id = v.id AND c.status = 'queued' AND c.assignee_id IS NULL
    RETURNING c.*`);
  return updated.map(toConversation);
}

export async function touchLastAssigned(tx: Db, rows: { teamId: number; userId: number; at: Date }[]) {
  if (rows.length === 0) return;
  const values = sql.join(rows.map((r) => sql`(${r.teamId}::bigint, ${r.userId}::bigint, ${r.at.toISOString()}::timestamptz)`), sql`, `);
  await tx.execute(sql`
    UPDATE team_members tm SET last_assigned_at = v.at
    FROM (VALUES ${values}) AS v(team_id, user_id, at)
    WHERE tm.team_id = v.team_id AND tm.user_id = v.user_id`);
}

/**
 * Puts conversations of an agent back in their team's queue, keeping the place they had there (they were
 * being served; the customer should not wait again from the back). Snoozed ones stay snoozed, unassigned.
 */
export async function releaseToQueue(tx: Db, workspaceId: number, filter: { userId: number; teamIds?: number[]; statuses: ConversationRow['status'][] }, now: Date): Promise<{ before: ConversationRow; after: ConversationRow }[]> {
  const statuses = sql`${`{${filter.statuses.join(',')}}`}::conversation_status[]`;
  const rows = await queryRows<Record<string, unknown>>(tx, sql`
    WITH target AS (
      SELECT id, status, assignee_id FROM conversations
      WHERE workspace_id = ${workspaceId} AND assignee_id = ${filter.userId} AND status = ANY(${statuses})
        ${filter.teamIds ? sql`AND team_id = ANY(${list(filter.teamIds)})` : sql``}
      FOR UPDATE
    )
    UPDATE conversations c SET assignee_id = NULL, assigned_at = NULL,
      status = CASE WHEN c.status = 'open' THEN 'queued'::conversation_status ELSE c.status END,
      queued_at = coalesce(c.queued_at, ${now.toISOString()}::timestamptz),
      last_activity_at = ${now.toISOString()}::timestamptz
    FROM target WHERE c.id = target.id
    RETURNING c.*, target.status AS before_status, target.assignee_id AS before_assignee_id`);
  return rows.map((r) => {
    const after = toConversation(r);
    return { after, before: { ...after, status: r.before_status as ConversationRow['status'], assigneeId: Number(r.before_assignee_id) } };
  });
}

/** Has the user sent the customer anything in this conversation since then? */
export async function repliedSince(db: Db, conversationId: number, userId: number, since: Date): Promise<boolean> {
  const [row] = await queryRows<{ n: number }>(db, sql`
    SELECT count(*)::int AS n FROM messages
    WHERE conversation_id = ${conversationId} AND kind = 'message' AND direction = 'outbound' AND sender_type = 'user'
      AND sender_id = ${userId} AND created_at >= ${since.toISOString()}::timestamptz`);
  return row.n > 0;
}

/** Where a waiting conversation stands in its team's queue (1 is next), in the order the queue is served. */
export async function queuePosition(db: Db, c: Pick<ConversationRow, 'id' | 'workspaceId' | 'teamId'>): Promise<number | null> {
  const [row] = await queryRows<{ position: number | null }>(db, sql`
    SELECT (SELECT count(*)::int + 1 FROM conversations o
      WHERE o.workspace_id = me.workspace_id AND o.team_id IS NOT DISTINCT FROM me.team_id AND o.status = 'queued' AND o.assignee_id IS NULL
        AND (o.priority > me.priority OR (o.priority = me.priority AND (o.queued_at, o.id) < (me.queued_at, me.id)))) AS position
    FROM conversations me WHERE me.id = ${c.id} AND me.workspace_id = ${c.workspaceId} AND me.status = 'queued' AND me.assignee_id IS NULL`);
  return row?.position ?? null;
}

/** An agent a workflow's assign step may pick, with their load. */
export interface AssignableAgent extends Candidate, AgentLoad {}

/**
 * The active members a workflow may assign (a team's, or one user), with their open conversations in total; online
 * ones only when asked. One query.
 */
export async function assignableAgents(db: Db, workspaceId: number, filter: { teamId?: number; userId?: number; onlineOnly: boolean }): Promise<AssignableAgent[]> {
  const teamId = filter.teamId ?? null;
  const rows = await queryRows<AssignableAgent>(db, sql`
    SELECT m.user_id AS "userId", coalesce(${teamId}::bigint, 0) AS "teamId", tm.last_assigned_at AS "lastAssignedAt", 0 AS "openInTeam",
      coalesce(o.n, 0) AS open, m.max_conversations AS "maxConversations"
    FROM memberships m
    LEFT JOIN team_members tm ON tm.workspace_id = m.workspace_id AND tm.user_id = m.user_id AND tm.team_id = ${teamId}::bigint
    LEFT JOIN (${openByAgent(workspaceId, false)}) o ON o.assignee_id = m.user_id
    WHERE m.workspace_id = ${workspaceId} AND m.active
      ${teamId !== null ? sql`AND tm.team_id IS NOT NULL` : sql``}
      ${filter.userId !== undefined ? sql`AND m.user_id = ${filter.userId}` : sql``}
      ${filter.onlineOnly ? sql`AND m.status = 'online'` : sql``}
    ORDER BY m.user_id`);
  return rows.map((r) => ({ ...r, lastAssignedAt: r.lastAssignedAt ? new Date(r.lastAssignedAt) : null }));
}
