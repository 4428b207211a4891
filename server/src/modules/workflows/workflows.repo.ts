import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.js';
import { users, workspaces } from '../workspaces/workspaces.tables.js';
import { workflowRuns, workflows, workflowVersions, type WorkflowStatus } from './workflows.tables.js';

export type WorkflowRow = typeof workflows.$inferSelect;

/** A workflow with what its summary shows: the draft's trigger, whether the draft moved on, its runs (test runs aside). */
export type WorkflowView = WorkflowRow & {
  draftTriggerType: string | null;
  hasUnpublishedChanges: boolean;
  activeRuns: number;
  totalRuns: number;
};

const runCounts = (db: Db) =>
  db
    .select({
      workflowId: workflowRuns.workflowId,
      active: sql<number>`count(*) filter (where ${workflowRuns.status} in ('running', 'waiting'))::int`.as('active'),
      total: sql<number>`count(*)::int`.as('total'),
    })
    .from(workflowRuns)
    .where(eq(workflowRuns.test, false))
    .groupBy(workflowRuns.workflowId)
    .as('run_counts');

/** One query whatever the number of workflows: the rows, the published version to compare with, the run counts. */
async function selectViews(db: Db, where: ReturnType<typeof and>): Promise<WorkflowView[]> {
  const counts = runCounts(db);
  const rows = await db
    .select({
      workflow: workflows,
      draftTriggerType: sql<string | null>`${workflows.draft}->'trigger'->>'type'`,
      // jsonb equality ignores key order and spacing: a draft saved back unchanged is not a change.
      hasUnpublishedChanges: sql<boolean>`(${workflowVersions.definition} IS NULL OR ${workflowVersions.definition} <> ${workflows.draft})`,
      activeRuns: sql<number>`coalesce(${counts.active}, 0)`,
      totalRuns: sql<number>`coalesce(${counts.total}, 0)`,
    })
    .from(workflows)
    .leftJoin(workflowVersions, and(eq(workflowVersions.workflowId, workflows.id), eq(workflowVersions.version, workflows.version)))
    .leftJoin(counts, eq(counts.workflowId, workflows.id))
    .where(where)
    .orderBy(asc(workflows.name), asc(workflows.id));
  return rows.map((r) => ({
    ...r.workflow,
    draftTriggerType: r.draftTriggerType,
    hasUnpublishedChanges: Boolean(r.hasUnpublishedChanges),
    activeRuns: Number(r.activeRuns),
    totalRuns: Number(r.totalRuns),
  }));
}

export function listWorkflowViews(db: Db, workspaceId: number): Promise<WorkflowView[]> {
  return selectViews(db, and(eq(workflows.workspaceId, workspaceId)));
}

export async function findWorkflowView(db: Db, workspaceId: number, id: number): Promise<WorkflowView | undefined> {
  const [view] = await selectViews(db, and(eq(workflows.workspaceId, workspaceId), eq(workflows.id, id)));
  return view;
}

export async function findWorkflow(db: Db, workspaceId: number, id: number, opts: { forUpdate?: boolean } = {}): Promise<WorkflowRow | undefined> {
  const query = db.select().from(workflows).where(and(eq(workflows.workspaceId, workspaceId), eq(workflows.id, id)));
  const [row] = opts.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function findWorkflowByHookToken(db: Db, token: string): Promise<WorkflowRow | undefined> {
  const [row] = await db.select().from(workflows).where(eq(workflows.hookToken, token));
  return row;
}

export async function insertWorkflow(tx: Db, values: typeof workflows.$inferInsert): Promise<WorkflowRow> {
  const [row] = await tx.insert(workflows).values(values).returning();
  return row;
}

export async function updateWorkflow(
  tx: Db,
  id: number,
  patch: Partial<Pick<WorkflowRow, 'name' | 'description' | 'draft' | 'status' | 'version' | 'triggerType' | 'hookToken' | 'publishedAt'>>,
): Promise<void> {
  await tx.update(workflows).set({ ...patch, updatedAt: sql`now()` }).where(eq(workflows.id, id));
}

/** Its versions and runs (and their steps) go with it, by the foreign keys' cascades. */
export async function deleteWorkflow(tx: Db, id: number): Promise<void> {
  await tx.delete(workflows).where(eq(workflows.id, id));
}

export async function insertVersion(tx: Db, values: typeof workflowVersions.$inferInsert): Promise<void> {
  await tx.insert(workflowVersions).values(values);
}

export async function findVersion(db: Db, workflowId: number, version: number) {
  const [row] = await db.select().from(workflowVersions).where(and(eq(workflowVersions.workflowId, workflowId), eq(workflowVersions.version, version)));
  return row;
}

export async function listVersions(db: Db, workflowId: number) {
  return db
    .select({ version: workflowVersions.version, publishedAt: workflowVersions.publishedAt, publishedById: workflowVersions.publishedBy, publishedByName: users.name })
    .from(workflowVersions)
    .leftJoin(users, eq(users.id, workflowVersions.publishedBy))
    .where(eq(workflowVersions.workflowId, workflowId))
    .orderBy(desc(workflowVersions.version));
}

/** The published workflows started from a conversation's menu, with the trigger of the version that runs. */
export async function publishedShortcuts(db: Db, workspaceId: number) {
  return db
    .select({ id: workflows.id, name: workflows.name, trigger: sql<unknown>`${workflowVersions.definition}->'trigger'` })
    .from(workflows)
    .innerJoin(workflowVersions, and(eq(workflowVersions.workflowId, workflows.id), eq(workflowVersions.version, workflows.version)))
    .where(and(eq(workflows.workspaceId, workspaceId), eq(workflows.status, 'published' satisfies WorkflowStatus), eq(workflows.triggerType, 'shortcut')))
    .orderBy(asc(workflows.name), asc(workflows.id));
}

/** The language to show templates in: the user's, else the workspace's. */
export async function preferredLanguage(db: Db, workspaceId: number, userId: number | null): Promise<string> {
  const [row] = await db
    .select({ user: users.language, workspace: workspaces.language })
    .from(workspaces)
    .leftJoin(users, userId === null ? sql`false` : eq(users.id, userId))
    .where(eq(workspaces.id, workspaceId));
  return row?.user ?? row?.workspace ?? 'es';
}
