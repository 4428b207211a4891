import { and, asc, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.js';
import { contacts } from '../contacts/contacts.tables.js';
import { workflowRuns, workflowRunSteps, type RunStatus } from './workflows.tables.js';

/** Runs as the API shows them (the engine's own reads are in engine/runs.repo.ts). */

export type RunView = typeof workflowRuns.$inferSelect & { contactName: string | null };

const withContact = { run: workflowRuns, contactName: contacts.name };

async function selectRuns(db: Db, where: SQL | undefined, limit: number): Promise<RunView[]> {
  const rows = await db
    .select(withContact)
    .from(workflowRuns)
    .leftJoin(contacts, eq(contacts.id, workflowRuns.contactId))
    .where(where)
    .orderBy(desc(workflowRuns.id))
    .limit(limit);
  return rows.map((r) => ({ ...r.run, contactName: r.contactName }));
}

/** Newest first, keyset on the id: one query whatever the page. */
export function listRunViews(db: Db, workflowId: number, opts: { status?: RunStatus; test?: boolean; beforeId?: number; limit: number }): Promise<RunView[]> {
  return selectRuns(
    db,
    and(
      eq(workflowRuns.workflowId, workflowId),
      opts.status ? eq(workflowRuns.status, opts.status) : undefined,
      opts.test === undefined ? undefined : eq(workflowRuns.test, opts.test),
      opts.beforeId ? lt(workflowRuns.id, opts.beforeId) : undefined,
    ),
    opts.limit,
  );
}

export async function findRunView(db: Db, workspaceId: number, runId: number): Promise<RunView | undefined> {
  const [run] = await selectRuns(db, and(eq(workflowRuns.workspaceId, workspaceId), eq(workflowRuns.id, runId)), 1);
  return run;
}

export function listRunSteps(db: Db, runId: number) {
  return db.select().from(workflowRunSteps).where(eq(workflowRunSteps.runId, runId)).orderBy(asc(workflowRunSteps.id));
}

