import { bigint, bigserial, boolean, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { memberStatusEnum, users, workspaces } from '../workspaces/workspaces.tables.js';
import type { BusinessHours } from '../routing/business-hours.types.js';

/** How a team's queue is served: agents take by hand, or the next conversation goes to an agent in turn or to the least busy. */
export const assignmentPolicyEnum = pgEnum('assignment_policy', ['manual', 'round_robin', 'least_busy']);
export const formFieldTypeEnum = pgEnum('form_field_type', ['text', 'number', 'select', 'date', 'checkbox']);

export const teams = pgTable('teams', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  workspaceId: bigint('workspace_id', { mode: 'number' }).notNull().references(() => workspaces.id),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  assignmentPolicy: assignmentPolicyEnum('assignment_policy').notNull().default('manual'),
  /** The statuses an agent may have to be assigned automatically (online only by default). */
  assignStatuses: memberStatusEnum('assign_statuses').array().notNull().default(sql`'{online}'::member_status[]`),
  /** Most conversations of this team open at once per agent, for automatic assignment; null: no limit. */
  maxPerAgent: integer('max_per_agent'),
  /** An assignee who has not replied this many minutes after assignment loses the conversation to the next agent. */
  reassignAfterMinutes: integer('reassign_after_minutes'),
  /** An agent who goes offline returns this team's open conversations to the queue. */
  returnWhenOffline: boolean('return_when_offline').notNull().default(false),
  /** Null: always open. */
  businessHours: jsonb('business_hours').$type<BusinessHours>(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('teams_ws_name_uq').on(t.workspaceId, t.name)]);

export const teamMembers = pgTable('team_members', {
  teamId: bigint('team_id', { mode: 'number' }).notNull().references(() => teams.id, { onDelete: 'cascade' }),
  userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id),
  workspaceId: bigint('workspace_id', { mode: 'number' }).notNull().references(() => workspaces.id),
  /** When this team last assigned the member a conversation automatically: round robin picks the longest ago. */
  lastAssignedAt: timestamp('last_assigned_at', { withTimezone: true }),
}, (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index('team_members_user_idx').on(t.workspaceId, t.userId)]);

/** The team's form (seed 004): fields the agent fills during the conversation; closing asks for the required ones. */
export const teamFormFields = pgTable('team_form_fields', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  workspaceId: bigint('workspace_id', { mode: 'number' }).notNull().references(() => workspaces.id),
  teamId: bigint('team_id', { mode: 'number' }).notNull().references(() => teams.id, { onDelete: 'cascade' }),
  key: text('key').notNull(),
  label: text('label').notNull(),
  type: formFieldTypeEnum('type').notNull(),
  /** The choices of a `select`. */
  options: text('options').array().notNull().default(sql`'{}'::text[]`),
  required: boolean('required').notNull().default(false),
  position: integer('position').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('team_form_fields_team_key_uq').on(t.teamId, t.key)]);
