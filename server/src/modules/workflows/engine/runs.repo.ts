import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/db.js';
import { anyOf } from '../../../platform/db/raw-rows.js';
import { workflowRuns, workflowRunSteps, workflows, workflowVersions } from '../workflows.tables.js';
import { conversations } from '../../conversations/conversations.tables.js';
import type { RunStatus } from '../workflows.tables.js';
import type { RunCursor } from './engine-types.js';

export type RunRow = typeof workflowRuns.$inferSelect;
export type WorkflowRow = typeof workflows.$inferSelect;

/** A new run, once per (workflow, trigger key): null when that trigger already started one. */
export async function insertRun(tx: Db, values: typeof workflowRuns.$inferInsert): Promise<RunRow | null> {
  const [row] = await tx.insert(workflowRuns).values(values).onConflictDoNothing({ target: [workflowRuns.workflowId, workflowRuns.triggerKey] }).returning();
  return row ?? null;
}

export async function findRun(db: Db, id: number): Promise<RunRow | undefined> {
  const [row] = await db.select().from(workflowRuns).where(eq(workflowRuns.id, id));
  return row;
}

/**
 * Takes a waiting run to run it (compare-and-set on its status and the step it waits in): of a timer and a message
 * waking the same run at once, one wins.
 */
export async function claimWaitingRun(db: Db, id: number, stepId: string): Promise<RunRow | null> {
  const [row] = await db
    .update(workflowRuns)
    .set({ status: 'running', updatedAt: sql`now()` })
    .where(and(eq(workflowRuns.id, id), eq(workflowRuns.status, 'waiting'), sql`${workflowRuns.cursor}->>'stepId' = ${stepId}`))
    .returning();
  return row ?? null;
}

export async function saveRun(db: Db, id: number, patch: { status?: RunStatus; cursor?: RunCursor | null; vars?: Record<string, unknown>; stepsRun?: number; error?: string | null; finishedAt?: Date | null }): Promise<void> {
  await db.update(workflowRuns).set({ ...patch, cursor: patch.cursor === undefined ? undefined : (patch.cursor as Record<string, unknown> | null), updatedAt: sql`now()` }).where(eq(workflowRuns.id, id));
}

export async function logStep(db: Db, values: typeof workflowRunSteps.$inferInsert): Promise<void> {
  await db.insert(workflowRunSteps).values(values);
}

export async function findWorkflowById(db: Db, id: number): Promise<WorkflowRow | undefined> {
  const [row] = await db.select().from(workflows).where(eq(workflows.id, id));
  return row;
}

export async function findVersionDefinition(db: Db, workflowId: number, version: number): Promise<Record<string, unknown> | undefined> {
  const [row] = await db.select({ definition: workflowVersions.definition }).from(workflowVersions).where(and(eq(workflowVersions.workflowId, workflowId), eq(workflowVersions.version, version)));
  return row?.definition;
}

/** Whether the contact ever ran this workflow (any version, test runs aside). */
export async function contactRanWorkflow(db: Db, workflowId: number, contactId: number): Promise<boolean> {
  const [row] = await db.select({ id: workflowRuns.id }).from(workflowRuns).where(and(eq(workflowRuns.workflowId, workflowId), eq(workflowRuns.contactId, contactId), eq(workflowRuns.test, false))).limit(1);
  return Boolean(row);
}

/** How many runs of this workflow the contact started since a time: the storm guard. */
export async function recentRunsOfContact(db: Db, workflowId: number, contactId: number, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(workflowRuns)
    .where(and(eq(workflowRuns.workflowId, workflowId), eq(workflowRuns.contactId, contactId), sql`${workflowRuns.startedAt} >= ${since.toISOString()}`));
  return row.n;
}

/** An earlier run of the conversation that is executing now: runs of one conversation take turns, oldest first. */
export async function earlierRunningRun(db: Db, conversationId: number, runId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: workflowRuns.id })
    .from(workflowRuns)
    .where(and(eq(workflowRuns.conversationId, conversationId), eq(workflowRuns.status, 'running'), lt(workflowRuns.id, runId)))
    .limit(1);
  return Boolean(row);
}

/** The waiting runs of these conversations (one query for a batch of events), oldest first. */
export async function waitingRunsOf(db: Db, conversationIds: number[]): Promise<Array<Pick<RunRow, 'id' | 'workspaceId' | 'conversationId' | 'cursor'>>> {
  if (conversationIds.length === 0) return [];
  return db
    .select({ id: workflowRuns.id, workspaceId: workflowRuns.workspaceId, conversationId: workflowRuns.conversationId, cursor: workflowRuns.cursor })
    .from(workflowRuns)
    .where(and(anyOf(workflowRuns.conversationId, conversationIds), eq(workflowRuns.status, 'waiting')))
    .orderBy(asc(workflowRuns.id));
}

/** The ids of every published workflow, in any workspace, that starts on one of these trigger types. */
export async function publishedWorkflowIdsWith(db: Db, triggerTypes: string[]): Promise<number[]> {
  const rows = await db.select({ id: workflows.id }).from(workflows).where(and(eq(workflows.status, 'published'), inArray(workflows.triggerType, triggerTypes)));
  return rows.map((r) => r.id);
}

/** The published workflows of these workspaces (one query for a batch). */
export async function publishedWorkflowsOf(db: Db, workspaceIds: number[]): Promise<WorkflowRow[]> {
  if (workspaceIds.length === 0) return [];
  return db
    .select()
    .from(workflows)
    .where(and(anyOf(workflows.workspaceId, workspaceIds), eq(workflows.status, 'published')))
    .orderBy(asc(workflows.id));
}

/** The conversation's runs waiting for an event of this kind, oldest first. */
export async function runsWaitingFor(db: Db, conversationId: number, kind: 'answer' | 'assignment'): Promise<RunRow[]> {
  return db
    .select()
    .from(workflowRuns)
    .where(and(eq(workflowRuns.conversationId, conversationId), eq(workflowRuns.status, 'waiting'), sql`${workflowRuns.cursor}->'waiting'->>'for' = ${kind}`))
    .orderBy(asc(workflowRuns.id));
}

/** A stopped workflow's runs stop with it. */
export async function stopRunsOf(db: Db, workflowId: number, at: Date): Promise<void> {
  await db
    .update(workflowRuns)
    .set({ status: 'stopped', finishedAt: at, updatedAt: sql`now()` })
    .where(and(eq(workflowRuns.workflowId, workflowId), inArray(workflowRuns.status, ['running', 'waiting'])));
}

/** The contact's most recent conversation, on any channel: where a run started without one talks to them. */
export async function latestConversationOf(db: Db, workspaceId: number, contactId: number): Promise<number | null> {
  const [row] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.contactId, contactId)))
    .orderBy(sql`${conversations.lastActivityAt} DESC`, sql`${conversations.id} DESC`)
    .limit(1);
  return row?.id ?? null;
}
