import { bigserial, boolean, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, bigint, index } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

export const roleEnum = pgEnum('role', ['owner', 'admin', 'supervisor', 'agent']);
export const accessLevelEnum = pgEnum('access_level', ['all', 'team', 'assigned']);

export const workspaces = pgTable('workspaces', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull().default('America/Caracas'),
  language: text('language').notNull().default('es'),
  /** Reopen rule: a customer message this many minutes after close reopens it; later it starts a new conversation. */
  reopenWindowMinutes: integer('reopen_window_minutes').notNull().default(60),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const users = pgTable('users', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  email: text('email').notNull(),
  name: text('name').notNull(),
  passwordHash: text('password_hash'),
  avatarUrl: text('avatar_url'),
  language: text('language').notNull().default('es'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('users_email_uq').on(sql`lower(${t.email})`)]);

export const memberships = pgTable('memberships', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  workspaceId: bigint('workspace_id', { mode: 'number' }).notNull().references(() => workspaces.id),
  userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id),
  role: roleEnum('role').notNull(),
  accessLevel: accessLevelEnum('access_level').notNull().default('all'),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('memberships_ws_user_uq').on(t.workspaceId, t.userId), index('memberships_user_idx').on(t.userId)]);

