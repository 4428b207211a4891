import { bigserial, boolean, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, bigint, index } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

export const roleEnum = pgEnum('role', ['owner', 'admin', 'supervisor', 'agent']);
export const accessLevelEnum = pgEnum('access_level', ['all', 'team', 'assigned']);
/** The activity status a member shows the team; `status_source` says whether they chose it or presence set it. */
export const memberStatusEnum = pgEnum('member_status', ['online', 'away', 'busy', 'offline']);
export const statusSourceEnum = pgEnum('status_source', ['user', 'auto']);
/** What closing asks for (seeds 000 and 003): nothing, an optional note, a category, or a category and a summary. */
export const closingNotePolicyEnum = pgEnum('closing_note_policy', ['disabled', 'optional', 'category', 'category_and_summary']);

/** Stored per notification type; a missing key means the default (everything on). See users/notification-preferences.ts. */
export type StoredNotificationPreferences = Partial<Record<string, Partial<Record<'inApp' | 'browser' | 'sound', boolean>>>>;

export const workspaces = pgTable('workspaces', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull().default('America/Caracas'),
  language: text('language').notNull().default('es'),
  /** Reopen rule: a customer message this many minutes after close reopens it; later it starts a new conversation. */
  reopenWindowMinutes: integer('reopen_window_minutes').notNull().default(60),
  /** Ownership (seeds 001 and 004): only the assignee replies; supervisors and admins may override. */
  onlyAssigneeReplies: boolean('only_assignee_replies').notNull().default(false),
  closingNotePolicy: closingNotePolicyEnum('closing_note_policy').notNull().default('optional'),
  /** Sent to the customer when an agent closes the conversation; null sends nothing. */
  closingMessage: text('closing_message'),
  /** On close the bot answers the customer's next questions again (seed 000). */
  closeResumesBot: boolean('close_resumes_bot').notNull().default(true),
  /** An agent's reply to a conversation the bot has pauses the bot (seed 000: agents re-hook it by hand). */
  agentReplyPausesBot: boolean('agent_reply_pauses_bot').notNull().default(true),
  /** On close the assignee is released, so a later message goes to the queue, not to them. */
  closeReleasesAssignee: boolean('close_releases_assignee').notNull().default(true),
  /** Idle this long in the dashboard: away. Away (idle) this long more: offline. */
  autoAwayMinutes: integer('auto_away_minutes').notNull().default(5),
  autoOfflineMinutes: integer('auto_offline_minutes').notNull().default(30),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const users = pgTable('users', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  email: text('email').notNull(),
  name: text('name').notNull(),
  passwordHash: text('password_hash'),
  avatarUrl: text('avatar_url'),
  /** The uploaded avatar in storage (served at /api/v1/users/:id/avatar); null when none or an external URL. */
  avatarKey: text('avatar_key'),
  language: text('language').notNull().default('es'),
  notificationPreferences: jsonb('notification_preferences').$type<StoredNotificationPreferences>().notNull().default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('users_email_uq').on(sql`lower(${t.email})`)]);

export const memberships = pgTable('memberships', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  workspaceId: bigint('workspace_id', { mode: 'number' }).notNull().references(() => workspaces.id),
  userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id),
  role: roleEnum('role').notNull(),
  accessLevel: accessLevelEnum('access_level').notNull().default('all'),
  active: boolean('active').notNull().default(true),
  status: memberStatusEnum('status').notNull().default('offline'),
  statusSource: statusSourceEnum('status_source').notNull().default('auto'),
  /** The last heartbeat (or status change) of the member's dashboard in this workspace. */
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
  /** Since when the member's dashboard reports them idle; null while active. */
  idleSince: timestamp('idle_since', { withTimezone: true }),
  /** Most conversations open at once assigned automatically to this member, all teams together; null: no limit. */
  maxConversations: integer('max_conversations'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('memberships_ws_user_uq').on(t.workspaceId, t.userId), index('memberships_user_idx').on(t.userId)]);

