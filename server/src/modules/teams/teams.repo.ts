import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../platform/db/db.js';
import { teamMembers, teams } from './teams.tables.js';
import type { TeamRouting } from './teams.schemas.js';

type TeamRoutingColumns = Pick<typeof teams.$inferInsert, 'assignmentPolicy' | 'assignStatuses' | 'maxPerAgent' | 'reassignAfterMinutes' | 'returnWhenOffline' | 'businessHours'>;

/** The API's routing settings as columns. */
export const routingColumns = (r: Partial<TeamRouting>): Partial<TeamRoutingColumns> => {
  const out: Partial<TeamRoutingColumns> = {};
  if (r.policy !== undefined) out.assignmentPolicy = r.policy;
  if (r.assignStatuses !== undefined) out.assignStatuses = r.assignStatuses;
  if (r.maxPerAgent !== undefined) out.maxPerAgent = r.maxPerAgent;
  if (r.reassignAfterMinutes !== undefined) out.reassignAfterMinutes = r.reassignAfterMinutes;
  if (r.returnWhenOffline !== undefined) out.returnWhenOffline = r.returnWhenOffline;
  if (r.businessHours !== undefined) out.businessHours = r.businessHours;
  return out;
};

export interface TeamRow {
  id: number;
  name: string;
  description: string;
  created_at: Date | string;
  member_ids: number[] | null;
  routing: TeamRouting;
}

const teamColumns = sql`t.id, t.name, t.description, t.created_at,
  json_build_object('policy', t.assignment_policy, 'assignStatuses', t.assign_statuses, 'maxPerAgent', t.max_per_agent,
    'reassignAfterMinutes', t.reassign_after_minutes, 'returnWhenOffline', t.return_when_offline, 'businessHours', t.business_hours) AS routing,
  (SELECT array_agg(tm.user_id ORDER BY tm.user_id) FROM team_members tm WHERE tm.team_id = t.id) AS member_ids`;

/** Teams by name, with their members, in one query per page. */
export async function listTeams(db: Db, workspaceId: number, opts: { after?: { name: string; id: number }; limit: number }): Promise<TeamRow[]> {
  return queryRows<TeamRow>(db, sql`
    SELECT ${teamColumns} FROM teams t
    WHERE t.workspace_id = ${workspaceId} ${opts.after ? sql`AND (t.name, t.id) > (${opts.after.name}, ${opts.after.id})` : sql``}
    ORDER BY t.name, t.id LIMIT ${opts.limit}`);
}

export async function findTeam(db: Db, workspaceId: number, id: number): Promise<TeamRow | undefined> {
  const rows = await queryRows<TeamRow>(db, sql`SELECT ${teamColumns} FROM teams t WHERE t.workspace_id = ${workspaceId} AND t.id = ${id}`);
  return rows[0];
}

export async function insertTeam(tx: Db, values: { workspaceId: number; name: string; description: string }) {
  const [row] = await tx.insert(teams).values(values).returning({ id: teams.id });
  return row.id;
}

export async function updateTeam(tx: Db, id: number, patch: { name?: string; description?: string } & Partial<TeamRoutingColumns>) {
  if (Object.keys(patch).length) await tx.update(teams).set(patch).where(eq(teams.id, id));
}

export async function deleteTeam(tx: Db, id: number) {
  await tx.delete(teams).where(eq(teams.id, id));
}

/** Replaces the members; returns who was added and who removed. */
export async function setTeamMembers(tx: Db, workspaceId: number, teamId: number, userIds: number[]) {
  const before = (await tx.select({ id: teamMembers.userId }).from(teamMembers).where(eq(teamMembers.teamId, teamId))).map((r) => r.id);
  const removed = before.filter((id) => !userIds.includes(id));
  const added = userIds.filter((id) => !before.includes(id));
  if (removed.length) await tx.delete(teamMembers).where(and(eq(teamMembers.teamId, teamId), inArray(teamMembers.userId, removed)));
  if (added.length) await tx.insert(teamMembers).values(added.map((userId) => ({ teamId, userId, workspaceId })));
  return { added, removed };
}

/** Which of these ids are teams of the workspace. */
export async function existingTeamIds(db: Db, workspaceId: number, ids: number[]): Promise<number[]> {
  if (!ids.length) return [];
  const rows = await db.select({ id: teams.id }).from(teams).where(and(eq(teams.workspaceId, workspaceId), inArray(teams.id, ids)));
  return rows.map((r) => r.id);
}
