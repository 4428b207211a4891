import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users, workspaces } from '../workspaces/workspaces.tables.js';

export type WorkflowStatus = 'draft' | 'published' | 'stopped';
export type RunStatus = 'running' | 'waiting' | 'completed' | 'failed' | 'stopped';

/**
 * A workflow (seed 003's "flujos"): the draft being edited and, once published, the version that runs. Each publish
 * is kept in workflow_versions, and a run stays on the version it started with.
 */
export const workflows = pgTable('workflows', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  workspaceId: bigint('workspace_id', { mode: 'number' }).notNull().references(() => workspaces.id),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  status: text('status').$type<WorkflowStatus>().notNull().default('draft'),
  draft: jsonb('draft').$type<Record<string, unknown>>().notNull(),
  /** The published version's number (0: never published). */
  version: integer('version').notNull().default(0),
  /** The running version's trigger type, so an event finds its workflows without reading every definition. */
  triggerType: text('trigger_type'),
  /** The token of the incoming-webhook trigger's URL. */
  hookToken: text('hook_token'),
  createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  publishedAt: timestamp('published_at', { withTimezone: true }),
}, (t) => [
  index('workflows_ws_trigger_idx').on(t.workspaceId, t.triggerType).where(sql`status = 'published'`),
  uniqueIndex('workflows_hook_token_uq').on(t.hookToken),
]);

export const workflowVersions = pgTable('workflow_versions', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  workflowId: bigint('workflow_id', { mode: 'number' }).notNull().references(() => workflows.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
  publishedBy: bigint('published_by', { mode: 'number' }).references(() => users.id),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('workflow_versions_uq').on(t.workflowId, t.version)]);

/**
 * One execution of a workflow for a contact (and its conversation, when the trigger has one). `cursor` is where it
 * is: the step to run next, or the step it waits in (a wait, a question, an assignment with a time-out).
 */
export const workflowRuns = pgTable('workflow_runs', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  workspaceId: bigint('workspace_id', { mode: 'number' }).notNull().references(() => workspaces.id),
  workflowId: bigint('workflow_id', { mode: 'number' }).notNull().references(() => workflows.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  contactId: bigint('contact_id', { mode: 'number' }),
  conversationId: bigint('conversation_id', { mode: 'number' }),
  /** What started it: an event of the log, a webhook call, a schedule tick, an agent's shortcut; unique per workflow. */
  triggerKey: text('trigger_key').notNull(),
  status: text('status').$type<RunStatus>().notNull().default('running'),
  cursor: jsonb('cursor').$type<Record<string, unknown>>(),
  vars: jsonb('vars').$type<Record<string, unknown>>().notNull().default({}),
  stepsRun: integer('steps_run').notNull().default(0),
  /** A test run from the editor: it runs against the chosen contact and is listed apart. */
  test: boolean('test').notNull().default(false),
  error: text('error'),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
}, (t) => [
  uniqueIndex('workflow_runs_trigger_uq').on(t.workflowId, t.triggerKey),
  index('workflow_runs_workflow_idx').on(t.workflowId, t.id.desc()),
  index('workflow_runs_contact_idx').on(t.contactId, t.startedAt.desc()),
  index('workflow_runs_conversation_active_idx').on(t.conversationId, t.id).where(sql`status IN ('running', 'waiting')`),
]);

/** The run log, step by step. */
export const workflowRunSteps = pgTable('workflow_run_steps', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  runId: bigint('run_id', { mode: 'number' }).notNull().references(() => workflowRuns.id, { onDelete: 'cascade' }),
  stepId: text('step_id').notNull(),
  stepType: text('step_type').notNull(),
  /** ok, failed, waiting, timeout, skipped. */
  outcome: text('outcome').notNull(),
  detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('workflow_run_steps_run_idx').on(t.runId, t.id)]);
