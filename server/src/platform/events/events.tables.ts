import { bigint, bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The event log. Ids are monotonic in commit order: appends take a transaction-level advisory lock
 * (see append-events.ts), so a reader of "id > cursor" never skips a row that commits later.
 * team_id and assignee_id are the conversation's scope after the change, so the realtime hub can
 * authorise an event without reading the conversation.
 */
export const events = pgTable('events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  workspaceId: bigint('workspace_id', { mode: 'number' }).notNull(),
  type: text('type').notNull(),
  conversationId: bigint('conversation_id', { mode: 'number' }),
  teamId: bigint('team_id', { mode: 'number' }),
  assigneeId: bigint('assignee_id', { mode: 'number' }),
  /** Users this event is addressed to (mentions, notifications), besides the conversation's audience. */
  audience: bigint('audience', { mode: 'number' }).array(),
  actorType: text('actor_type').notNull(),
  actorId: bigint('actor_id', { mode: 'number' }),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('events_ws_id_idx').on(t.workspaceId, t.id), index('events_conversation_idx').on(t.conversationId, t.id)]);

/** Durable per-subscriber cursor with a lease, so exactly one node advances a subscriber at a time. */
export const subscriberCursors = pgTable('subscriber_cursors', {
  name: text('name').primaryKey(),
  lastEventId: bigint('last_event_id', { mode: 'number' }).notNull().default(0),
  leaseOwner: text('lease_owner'),
  leaseUntil: timestamp('lease_until', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
