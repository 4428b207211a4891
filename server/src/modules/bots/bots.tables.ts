import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, real, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users, workspaces } from '../workspaces/workspaces.tables.js';
import type { BotKind, BotReply } from './bot-engine.js';

/**
 * A bot of the workspace (seed 000's Eva): the built-in knowledge matrix, an external bot over a webhook, Dialogflow ES
 * or an OpenAI-compatible LLM. Channels point at one (channels.bot_id) and switch it on with bot_enabled.
 */
export const bots = pgTable('bots', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  workspaceId: bigint('workspace_id', { mode: 'number' }).notNull().references(() => workspaces.id),
  name: text('name').notNull(),
  kind: text('kind').$type<BotKind>().notNull(),
  /** Non-secret settings of its kind (greeting, threshold, URLs, model …), returned by the API. */
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  /** AES-256-GCM ciphertext of its secrets (webhook secret, access token, API key); never returned by the API. */
  secretsCiphertext: text('secrets_ciphertext'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('bots_ws_idx').on(t.workspaceId)]);

/** One row of a bot's knowledge matrix ("Matriz de Conocimientos", seed 003). */
export const botIntents = pgTable('bot_intents', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  workspaceId: bigint('workspace_id', { mode: 'number' }).notNull().references(() => workspaces.id),
  botId: bigint('bot_id', { mode: 'number' }).notNull().references(() => bots.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  examples: jsonb('examples').$type<string[]>().notNull().default([]),
  keywords: jsonb('keywords').$type<string[]>().notNull().default([]),
  answer: jsonb('answer').$type<BotReply>().notNull(),
  handoff: boolean('handoff').notNull().default(false),
  position: integer('position').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('bot_intents_bot_idx').on(t.botId, t.position)]);

/**
 * Each customer message the bot answered, and how: what supervisors review (seed 000) and what the unmatched
 * questions list counts. One per inbound message, so a replayed event answers once.
 */
export const botTurns = pgTable('bot_turns', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  workspaceId: bigint('workspace_id', { mode: 'number' }).notNull().references(() => workspaces.id),
  conversationId: bigint('conversation_id', { mode: 'number' }).notNull(),
  botId: bigint('bot_id', { mode: 'number' }).references(() => bots.id, { onDelete: 'set null' }),
  inboundMessageId: bigint('inbound_message_id', { mode: 'number' }).notNull(),
  question: text('question').notNull(),
  /** The question normalised (accents, case, plurals): unmatched questions are grouped by it. */
  questionKey: text('question_key').notNull(),
  intentId: bigint('intent_id', { mode: 'number' }).references(() => botIntents.id, { onDelete: 'set null' }),
  intentName: text('intent_name'),
  confidence: real('confidence'),
  outcome: text('outcome').notNull(),
  handoffReason: text('handoff_reason'),
  /** The bot's answer as sent (the replies' texts), for review. */
  answer: text('answer').notNull().default(''),
  flagged: boolean('flagged').notNull().default(false),
  flagNote: text('flag_note'),
  flaggedBy: bigint('flagged_by', { mode: 'number' }).references(() => users.id),
  flaggedAt: timestamp('flagged_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('bot_turns_inbound_uq').on(t.inboundMessageId),
  index('bot_turns_ws_created_idx').on(t.workspaceId, t.createdAt.desc()),
  index('bot_turns_conversation_idx').on(t.conversationId, t.id),
  index('bot_turns_flagged_idx').on(t.workspaceId, t.flaggedAt.desc()).where(sql`flagged`),
]);
