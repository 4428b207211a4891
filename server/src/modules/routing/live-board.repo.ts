import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../platform/db/db.js';
import type { Role } from '../auth/permissions.js';
import type { MemberStatus } from '../users/presence-rules.js';

type Policy = 'manual' | 'round_robin' | 'least_busy';
type Timestamp = Date | string;

export interface BoardTeamRow {
  id: number;
  name: string;
  assignment_policy: Policy;
  max_per_agent: number | null;
  members: number;
  online: number;
}

/** One row per team with waiting or open conversations; `team_id` null is the conversations of no team. */
export interface BoardQueueRow {
  team_id: number | null;
  waiting: number;
  open: number;
  oldest_id: number | null;
  oldest_since: Timestamp | null;
}

export interface BoardAgentRow {
  id: number;
  name: string;
  avatar_url: string | null;
  role: Role;
  status: MemberStatus;
  last_seen_at: Timestamp | null;
  idle_since: Timestamp | null;
  max_conversations: number | null;
  open: number;
  snoozed: number;
  teams: Array<{ id: number; name: string; max_per_agent: number | null; open: number }> | null;
}

/** The workspace's teams by name, with their active members and how many of them are online. */
export async function boardTeams(db: Db, workspaceId: number): Promise<BoardTeamRow[]> {
  return queryRows<BoardTeamRow>(db, sql`
    SELECT t.id, t.name, t.assignment_policy, t.max_per_agent,
      count(m.user_id)::int AS members,
      count(m.user_id) FILTER (WHERE m.status = 'online')::int AS online
    FROM teams t
    LEFT JOIN team_members tm ON tm.team_id = t.id
    LEFT JOIN memberships m ON m.workspace_id = t.workspace_id AND m.user_id = tm.user_id AND m.active
    WHERE t.workspace_id = ${workspaceId}
    GROUP BY t.id
    ORDER BY t.name, t.id`);
}

/**
 * Waiting (queued, nobody assigned) and open conversations per team in one pass, with each queue's oldest
 * waiting conversation: the one first in line among equals, `queued_at` falling back to `created_at` for
 * conversations queued before the column existed.
 */
export async function boardQueues(db: Db, workspaceId: number): Promise<BoardQueueRow[]> {
  return queryRows<BoardQueueRow>(db, sql`
    WITH active AS (
      SELECT id, team_id, status, status = 'queued' AND assignee_id IS NULL AS waiting, coalesce(queued_at, created_at) AS since
      FROM conversations
      WHERE workspace_id = ${workspaceId} AND status IN ('queued', 'open')
    ), counts AS (
      SELECT team_id, count(*) FILTER (WHERE waiting)::int AS waiting, count(*) FILTER (WHERE status = 'open')::int AS open
      FROM active GROUP BY team_id
    ), oldest AS (
      SELECT DISTINCT ON (team_id) team_id, id, since FROM active WHERE waiting ORDER BY team_id, since, id
    )
    SELECT c.team_id, c.waiting, c.open, o.id AS oldest_id, o.since AS oldest_since
    FROM counts c LEFT JOIN oldest o ON o.team_id IS NOT DISTINCT FROM c.team_id`);
}

/** Active members by name, with their open and snoozed conversations, overall and per team they belong to. */
export async function boardAgents(db: Db, workspaceId: number): Promise<BoardAgentRow[]> {
  return queryRows<BoardAgentRow>(db, sql`
    WITH load AS (
      SELECT assignee_id, team_id, count(*) FILTER (WHERE status = 'open')::int AS open, count(*) FILTER (WHERE status = 'snoozed')::int AS snoozed
      FROM conversations
      WHERE workspace_id = ${workspaceId} AND assignee_id IS NOT NULL AND status IN ('open', 'snoozed')
      GROUP BY assignee_id, team_id
    ), totals AS (
      SELECT assignee_id, sum(open)::int AS open, sum(snoozed)::int AS snoozed FROM load GROUP BY assignee_id
    ), member_teams AS (
      SELECT tm.user_id, json_agg(json_build_object('id', t.id, 'name', t.name, 'max_per_agent', t.max_per_agent, 'open', coalesce(l.open, 0)) ORDER BY t.name, t.id) AS teams
      FROM team_members tm
      JOIN teams t ON t.id = tm.team_id
      LEFT JOIN load l ON l.assignee_id = tm.user_id AND l.team_id = tm.team_id
      WHERE tm.workspace_id = ${workspaceId}
      GROUP BY tm.user_id
    )
    SELECT u.id, u.name, u.avatar_url, m.role, m.status, m.last_seen_at, m.idle_since, m.max_conversations,
      coalesce(tot.open, 0) AS open, coalesce(tot.snoozed, 0) AS snoozed, mt.teams
    FROM memberships m
    JOIN users u ON u.id = m.user_id
    LEFT JOIN totals tot ON tot.assignee_id = m.user_id
    LEFT JOIN member_teams mt ON mt.user_id = m.user_id
    WHERE m.workspace_id = ${workspaceId} AND m.active
    ORDER BY u.name, u.id`);
}
