import { bigint, bigserial, index, pgTable, text, timestamp, jsonb } from 'drizzle-orm/pg-core';
import { accessLevelEnum, roleEnum, users, workspaces } from '../workspaces/workspaces.tables.js';
import { bots } from '../bots/bots.tables.js';

/** Session and token ids are stored as SHA-256 hashes: a leaked table does not leak usable credentials. */
export const sessions = pgTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id),
  workspaceId: bigint('workspace_id', { mode: 'number' }).notNull().references(() => workspaces.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  userAgent: text('user_agent'),
}, (t) => [index('sessions_user_idx').on(t.userId)]);

export const invitations = pgTable('invitations', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  workspaceId: bigint('workspace_id', { mode: 'number' }).notNull().references(() => workspaces.id),
  email: text('email').notNull(),
  name: text('name'),
  role: roleEnum('role').notNull(),
  accessLevel: accessLevelEnum('access_level').notNull(),
  teamIds: jsonb('team_ids').$type<number[]>().notNull().default([]),
  tokenHash: text('token_hash').notNull().unique(),
  invitedBy: bigint('invited_by', { mode: 'number' }).references(() => users.id),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('invitations_ws_idx').on(t.workspaceId)]);

export const passwordResets = pgTable('password_resets', {
  tokenHash: text('token_hash').primaryKey(),
  userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});

export const apiTokens = pgTable('api_tokens', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  workspaceId: bigint('workspace_id', { mode: 'number' }).notNull().references(() => workspaces.id),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  /** The token acts with this role and access level. */
  role: roleEnum('role').notNull().default('admin'),
  accessLevel: accessLevelEnum('access_level').notNull().default('all'),
  /** An external bot's own token: what it sends is the bot's, and does not pause it. */
  botId: bigint('bot_id', { mode: 'number' }).references(() => bots.id, { onDelete: 'cascade' }),
  createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});
