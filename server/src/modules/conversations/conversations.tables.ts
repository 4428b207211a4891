import { bigint, bigserial, boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users, workspaces } from '../workspaces/workspaces.tables.js';
import { teams } from '../teams/teams.tables.js';
import { channels } from '../channels/channels.tables.js';
import { contacts } from '../contacts/contacts.tables.js';

export const conversationStatusEnum = pgEnum('conversation_status', ['bot', 'queued', 'open', 'snoozed', 'closed']);
export const priorityEnum = pgEnum('priority', ['none', 'low', 'medium', 'high', 'urgent']);
export const snoozeModeEnum = pgEnum('snooze_mode', ['until_reply', 'until_time']);

export const conversations = pgTable('conversations', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  workspaceId: bigint('workspace_id', { mode: 'number' }).notNull().references(() => workspaces.id),
  contactId: bigint('contact_id', { mode: 'number' }).notNull().references(() => contacts.id),
  channelId: bigint('channel_id', { mode: 'number' }).notNull().references(() => channels.id),
  status: conversationStatusEnum('status').notNull(),
  assigneeId: bigint('assignee_id', { mode: 'number' }).references(() => users.id),
  teamId: bigint('team_id', { mode: 'number' }).references(() => teams.id),
  priority: priorityEnum('priority').notNull().default('none'),
  tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
  botActive: boolean('bot_active').notNull().default(false),
  snoozeMode: snoozeModeEnum('snooze_mode'),
  snoozedUntil: timestamp('snoozed_until', { withTimezone: true }),
  closingCategory: text('closing_category'),
  closingSummary: text('closing_summary'),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  closedBy: bigint('closed_by', { mode: 'number' }).references(() => users.id),
  firstReplyAt: timestamp('first_reply_at', { withTimezone: true }),
  lastInboundAt: timestamp('last_inbound_at', { withTimezone: true }),
  lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull().defaultNow(),
  lastMessagePreview: text('last_message_preview').notNull().default(''),
  unreadCount: integer('unread_count').notNull().default(0),
  /** When it last entered a team's queue: the queue is served by priority, then by this. */
  queuedAt: timestamp('queued_at', { withTimezone: true }),
  /** When the current assignee got it: "has not replied within N minutes" counts from here. */
  assignedAt: timestamp('assigned_at', { withTimezone: true }),
  /** The last away message sent, so one closed period sends it once. */
  awayMessageAt: timestamp('away_message_at', { withTimezone: true }),
  /** The built-in bot's memory of this conversation (failed answers in a row, the field it asked for). */
  botState: jsonb('bot_state').$type<Record<string, unknown>>(),
  /** When the bot last handed it to people, and when it was closed while the bot still had it (bot resolutions). */
  botHandedOffAt: timestamp('bot_handed_off_at', { withTimezone: true }),
  botResolvedAt: timestamp('bot_resolved_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  // Keyset pagination is (last_activity_at desc, id desc); each index leads with the equality filters the views use.
  index('conversations_ws_activity_idx').on(t.workspaceId, t.lastActivityAt.desc(), t.id.desc()),
  index('conversations_ws_status_activity_idx').on(t.workspaceId, t.status, t.lastActivityAt.desc(), t.id.desc()),
  index('conversations_ws_assignee_idx').on(t.workspaceId, t.assigneeId, t.status, t.lastActivityAt.desc()),
  index('conversations_ws_team_idx').on(t.workspaceId, t.teamId, t.status, t.lastActivityAt.desc()),
  index('conversations_ws_channel_idx').on(t.workspaceId, t.channelId, t.lastActivityAt.desc()),
  index('conversations_contact_idx').on(t.contactId, t.createdAt.desc()),
  index('conversations_tags_gin').using('gin', t.tags),
  // At most one conversation per contact and channel is not closed: concurrent first messages cannot open two.
  // The team queues, in the order they are served.
  index('conversations_queue_idx').on(t.workspaceId, t.teamId, t.priority.desc(), t.queuedAt, t.id).where(sql`status = 'queued' and assignee_id is null`),
  uniqueIndex('conversations_one_active_uq').on(t.channelId, t.contactId).where(sql`status <> 'closed'`),
]);

/** Every move between teams or agents (seed 004): from, to, by whom, when and why. */
export const conversationTransfers = pgTable('conversation_transfers', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  workspaceId: bigint('workspace_id', { mode: 'number' }).notNull().references(() => workspaces.id),
  conversationId: bigint('conversation_id', { mode: 'number' }).notNull().references(() => conversations.id),
  fromTeamId: bigint('from_team_id', { mode: 'number' }).references(() => teams.id),
  fromAssigneeId: bigint('from_assignee_id', { mode: 'number' }).references(() => users.id),
  toTeamId: bigint('to_team_id', { mode: 'number' }).references(() => teams.id),
  toAssigneeId: bigint('to_assignee_id', { mode: 'number' }).references(() => users.id),
  /** The user who moved it; null when the system, a workflow or the bot did. */
  byUserId: bigint('by_user_id', { mode: 'number' }).references(() => users.id),
  byType: text('by_type').notNull(),
  reason: text('reason'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('conversation_transfers_ws_time_idx').on(t.workspaceId, t.createdAt.desc(), t.id.desc()),
  index('conversation_transfers_conversation_idx').on(t.conversationId, t.id),
]);

/** A team form's values for one conversation: kept per team, so they survive transfers. */
export const conversationFormValues = pgTable('conversation_form_values', {
  conversationId: bigint('conversation_id', { mode: 'number' }).notNull().references(() => conversations.id),
  teamId: bigint('team_id', { mode: 'number' }).notNull().references(() => teams.id, { onDelete: 'cascade' }),
  workspaceId: bigint('workspace_id', { mode: 'number' }).notNull().references(() => workspaces.id),
  values: jsonb('values').$type<Record<string, string | number | boolean | null>>().notNull().default({}),
  updatedBy: bigint('updated_by', { mode: 'number' }).references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.conversationId, t.teamId] })]);
