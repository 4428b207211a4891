import { bigint, bigserial, boolean, jsonb, pgTable, text, timestamp, index } from 'drizzle-orm/pg-core';
import { workspaces } from '../workspaces/workspaces.tables.js';
import { teams } from '../teams/teams.tables.js';
import type { BusinessHours } from '../routing/business-hours.types.js';
import { bots } from '../bots/bots.tables.js';

export const channels = pgTable('channels', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  workspaceId: bigint('workspace_id', { mode: 'number' }).notNull().references(() => workspaces.id),
  type: text('type').notNull(),
  name: text('name').notNull(),
  /** Non-secret settings, returned by the API. */
  config: jsonb('config').$type<Record<string, unknown>>().notNull().default({}),
  /** AES-256-GCM ciphertext of the secrets object; never returned by the API. */
  secretsCiphertext: text('secrets_ciphertext'),
  defaultTeamId: bigint('default_team_id', { mode: 'number' }).references(() => teams.id),
  botEnabled: boolean('bot_enabled').notNull().default(false),
  /** The bot that answers first when bot_enabled; none: the workspace's first bot. */
  botId: bigint('bot_id', { mode: 'number' }).references(() => bots.id, { onDelete: 'set null' }),
  /** Null: always open. Outside them the customer gets the away message. */
  businessHours: jsonb('business_hours').$type<BusinessHours>(),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('channels_ws_idx').on(t.workspaceId)]);
