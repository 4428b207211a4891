import { and, asc, eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../platform/db/db.js';
import type { AccessLevel, Role } from '../auth/permissions.js';
import { memberships, workspaces } from './workspaces.tables.js';

export type WorkspaceRow = typeof workspaces.$inferSelect;

/** Serialises first-run set-up so two concurrent requests cannot both create "the first" workspace. */
const SETUP_LOCK = 7_202_613;

export async function lockSetup(tx: Db) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${SETUP_LOCK})`);
}

export async function anyWorkspaceExists(db: Db): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(db, sql`SELECT 1 AS one FROM workspaces LIMIT 1`);
  return rows.length > 0;
}

export async function insertWorkspace(tx: Db, values: { name: string; timezone?: string; language?: string }): Promise<WorkspaceRow> {
  const [row] = await tx.insert(workspaces).values(values).returning();
  return row;
}

export async function findWorkspace(db: Db, id: number): Promise<WorkspaceRow | undefined> {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.id, id));
  return row;
}

export type WorkspaceSettings = Omit<WorkspaceRow, 'id' | 'createdAt'>;

export async function updateWorkspace(tx: Db, id: number, patch: Partial<WorkspaceSettings>): Promise<WorkspaceRow> {
  const [row] = await tx.update(workspaces).set(patch).where(eq(workspaces.id, id)).returning();
  return row;
}

export async function insertMembership(tx: Db, values: { workspaceId: number; userId: number; role: Role; accessLevel: AccessLevel }) {
  const [row] = await tx
    .insert(memberships)
    .values({ ...values, active: true })
    .onConflictDoUpdate({
      target: [memberships.workspaceId, memberships.userId],
      set: { role: values.role, accessLevel: values.accessLevel, active: true },
    })
    .returning();
  return row;
}

export async function findMembership(db: Db, workspaceId: number, userId: number) {
  const [row] = await db.select().from(memberships).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  return row;
}

/** The workspaces a user may enter, oldest membership first (login picks the first). */
export async function workspacesOfUser(db: Db, userId: number) {
  return db
    .select({ id: workspaces.id, name: workspaces.name, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(and(eq(memberships.userId, userId), eq(memberships.active, true)))
    .orderBy(asc(memberships.createdAt), asc(memberships.id));
}
