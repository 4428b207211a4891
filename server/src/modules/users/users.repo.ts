import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../platform/db/db.js';
import type { AccessLevel, Role } from '../auth/permissions.js';
import type { MemberStatus } from './presence-rules.js';
import { memberships, users } from '../workspaces/workspaces.tables.js';
import { teamMembers } from '../teams/teams.tables.js';

export type UserRow = typeof users.$inferSelect;

export interface MemberRow {
  id: number;
  email: string;
  name: string;
  avatar_url: string | null;
  language: string;
  role: Role;
  access_level: AccessLevel;
  active: boolean;
  joined_at: Date | string;
  team_ids: number[] | null;
  status: MemberStatus;
  last_seen_at: Date | string | null;
  max_conversations: number | null;
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`);
  return row;
}

export async function findUser(db: Db, id: number): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

/** Reads and locks the user's row for the rest of the transaction (avatar changes). */
export async function lockUser(tx: Db, id: number): Promise<UserRow | undefined> {
  const [row] = await tx.select().from(users).where(eq(users.id, id)).for('update');
  return row;
}

export async function insertUser(tx: Db, values: { email: string; name: string; passwordHash: string; language?: string }): Promise<UserRow> {
  const [row] = await tx.insert(users).values(values).returning();
  return row;
}

export async function updateUser(tx: Db, id: number, patch: Partial<Pick<UserRow, 'name' | 'avatarUrl' | 'avatarKey' | 'language' | 'passwordHash' | 'notificationPreferences'>>): Promise<UserRow> {
  const [row] = await tx.update(users).set(patch).where(eq(users.id, id)).returning();
  return row;
}

const memberColumns = sql`u.id, u.email, u.name, u.avatar_url, u.language, m.role, m.access_level, m.active, m.created_at AS joined_at, m.status, m.last_seen_at, m.max_conversations,
  (SELECT array_agg(tm.team_id ORDER BY tm.team_id) FROM team_members tm WHERE tm.workspace_id = m.workspace_id AND tm.user_id = m.user_id) AS team_ids`;

/** Members in id order, one query per page; teams come along in a correlated sub-select. */
export async function listMembers(db: Db, workspaceId: number, opts: { afterId?: number; limit: number }): Promise<MemberRow[]> {
  return queryRows<MemberRow>(db, sql`
    SELECT ${memberColumns}
    FROM memberships m JOIN users u ON u.id = m.user_id
    WHERE m.workspace_id = ${workspaceId} ${opts.afterId ? sql`AND m.user_id > ${opts.afterId}` : sql``}
    ORDER BY m.user_id LIMIT ${opts.limit}`);
}

export async function findMember(db: Db, workspaceId: number, userId: number): Promise<MemberRow | undefined> {
  const rows = await queryRows<MemberRow>(db, sql`
    SELECT ${memberColumns}
    FROM memberships m JOIN users u ON u.id = m.user_id
    WHERE m.workspace_id = ${workspaceId} AND m.user_id = ${userId}`);
  return rows[0];
}

/** Locks the workspace's active owners' rows, so two owners demoting each other cannot leave none. */
export async function lockOwners(tx: Db, workspaceId: number): Promise<number[]> {
  const rows = await queryRows<{ user_id: number }>(tx, sql`
    SELECT user_id FROM memberships WHERE workspace_id = ${workspaceId} AND role = 'owner' AND active FOR UPDATE`);
  return rows.map((r) => r.user_id);
}

export async function updateMembership(tx: Db, workspaceId: number, userId: number, patch: { role?: Role; accessLevel?: AccessLevel; active?: boolean; maxConversations?: number | null }) {
  const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  if (Object.keys(set).length === 0) return;
  await tx.update(memberships).set(set).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
}

/** Replaces the user's teams in the workspace. */
export async function setTeamsOfUser(tx: Db, workspaceId: number, userId: number, teamIds: number[]) {
  await tx.delete(teamMembers).where(and(eq(teamMembers.workspaceId, workspaceId), eq(teamMembers.userId, userId)));
  if (teamIds.length) await tx.insert(teamMembers).values(teamIds.map((teamId) => ({ teamId, userId, workspaceId })));
}

/** Which of these ids are members (active or not) of the workspace. */
export async function existingMemberIds(db: Db, workspaceId: number, ids: number[], opts: { activeOnly?: boolean } = {}): Promise<number[]> {
  if (!ids.length) return [];
  const rows = await db
    .select({ id: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.userId, ids), opts.activeOnly ? eq(memberships.active, true) : undefined));
  return rows.map((r) => r.id);
}

export async function activeWorkspaceIds(db: Db, userId: number): Promise<number[]> {
  const rows = await db.select({ id: memberships.workspaceId }).from(memberships).where(and(eq(memberships.userId, userId), eq(memberships.active, true)));
  return rows.map((r) => r.id);
}
