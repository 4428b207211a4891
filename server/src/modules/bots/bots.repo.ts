import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.js';
import { botIntents, bots, botTurns } from './bots.tables.js';
import { channels } from '../channels/channels.tables.js';
import { conversations } from '../conversations/conversations.tables.js';
import { contacts } from '../contacts/contacts.tables.js';
import { users } from '../workspaces/workspaces.tables.js';
import { attachments } from '../messages/messages.tables.js';

export type BotRow = typeof bots.$inferSelect;
export type BotIntentRow = typeof botIntents.$inferSelect;
export type BotTurnRow = typeof botTurns.$inferSelect;

export async function listBots(db: Db, workspaceId: number): Promise<BotRow[]> {
  return db.select().from(bots).where(eq(bots.workspaceId, workspaceId)).orderBy(asc(bots.id));
}

export async function findBot(db: Db, workspaceId: number, id: number): Promise<BotRow | undefined> {
  const [row] = await db.select().from(bots).where(and(eq(bots.workspaceId, workspaceId), eq(bots.id, id)));
  return row;
}

/** Locked for the rest of the transaction: concurrent merges of settings must not drop each other's keys. */
export async function findBotForUpdate(tx: Db, workspaceId: number, id: number): Promise<BotRow | undefined> {
  const [row] = await tx.select().from(bots).where(and(eq(bots.workspaceId, workspaceId), eq(bots.id, id))).for('update');
  return row;
}

export async function insertBot(tx: Db, values: typeof bots.$inferInsert): Promise<BotRow> {
  const [row] = await tx.insert(bots).values(values).returning();
  return row;
}

export async function updateBot(tx: Db, id: number, patch: Partial<typeof bots.$inferInsert>): Promise<BotRow> {
  const [row] = await tx.update(bots).set({ ...patch, updatedAt: sql`now()` }).where(eq(bots.id, id)).returning();
  return row;
}

export async function deleteBot(tx: Db, id: number): Promise<void> {
  await tx.delete(bots).where(eq(bots.id, id));
}

/** The channels that use each bot (by bot_id), for the settings list. */
export async function channelsUsingBots(db: Db, workspaceId: number): Promise<Map<number, { id: number; name: string; botEnabled: boolean }[]>> {
  const rows = await db
    .select({ botId: channels.botId, id: channels.id, name: channels.name, botEnabled: channels.botEnabled })
    .from(channels)
    .where(and(eq(channels.workspaceId, workspaceId), sql`${channels.botId} IS NOT NULL`));
  const byBot = new Map<number, { id: number; name: string; botEnabled: boolean }[]>();
  for (const r of rows) byBot.set(r.botId!, [...(byBot.get(r.botId!) ?? []), { id: r.id, name: r.name, botEnabled: r.botEnabled }]);
  return byBot;
}

export async function listIntents(db: Db, botId: number): Promise<BotIntentRow[]> {
  return db.select().from(botIntents).where(eq(botIntents.botId, botId)).orderBy(asc(botIntents.position), asc(botIntents.id));
}

export async function findIntent(db: Db, botId: number, id: number): Promise<BotIntentRow | undefined> {
  const [row] = await db.select().from(botIntents).where(and(eq(botIntents.botId, botId), eq(botIntents.id, id)));
  return row;
}

export async function nextIntentPosition(tx: Db, botId: number): Promise<number> {
  const [row] = await tx.select({ next: sql<number>`coalesce(max(${botIntents.position}), -1)::int + 1` }).from(botIntents).where(eq(botIntents.botId, botId));
  return row.next;
}

export async function insertIntents(tx: Db, values: (typeof botIntents.$inferInsert)[]): Promise<BotIntentRow[]> {
  if (!values.length) return [];
  return tx.insert(botIntents).values(values).returning();
}

export async function updateIntent(tx: Db, id: number, patch: Partial<typeof botIntents.$inferInsert>): Promise<BotIntentRow> {
  const [row] = await tx.update(botIntents).set({ ...patch, updatedAt: sql`now()` }).where(eq(botIntents.id, id)).returning();
  return row;
}

export async function deleteIntents(tx: Db, botId: number, ids?: number[]): Promise<void> {
  await tx.delete(botIntents).where(and(eq(botIntents.botId, botId), ids ? inArray(botIntents.id, ids) : undefined));
}

/** The turn of an inbound message, if the bot already answered it (a replayed event). */
export async function findTurnOf(db: Db, inboundMessageId: number): Promise<BotTurnRow | undefined> {
  const [row] = await db.select().from(botTurns).where(eq(botTurns.inboundMessageId, inboundMessageId));
  return row;
}

/** Stores a turn once per inbound message; null when another node stored it first. */
export async function insertTurn(tx: Db, values: typeof botTurns.$inferInsert): Promise<BotTurnRow | null> {
  const [row] = await tx.insert(botTurns).values(values).onConflictDoNothing({ target: botTurns.inboundMessageId }).returning();
  return row ?? null;
}

export async function findTurn(db: Db, workspaceId: number, id: number): Promise<BotTurnRow | undefined> {
  const [row] = await db.select().from(botTurns).where(and(eq(botTurns.workspaceId, workspaceId), eq(botTurns.id, id)));
  return row;
}

export async function updateTurn(tx: Db, id: number, patch: Partial<typeof botTurns.$inferInsert>): Promise<BotTurnRow> {
  const [row] = await tx.update(botTurns).set(patch).where(eq(botTurns.id, id)).returning();
  return row;
}

export async function turnsOfConversation(db: Db, conversationId: number): Promise<BotTurnRow[]> {
  return db.select().from(botTurns).where(eq(botTurns.conversationId, conversationId)).orderBy(asc(botTurns.id));
}

export type TurnView = BotTurnRow & { contactId: number; contactName: string; flaggedByName: string | null };

const turnView = { turn: botTurns, contactId: contacts.id, contactName: contacts.name, flaggedByName: users.name };
const toView = (r: { turn: BotTurnRow; contactId: number; contactName: string; flaggedByName: string | null }): TurnView =>
  ({ ...r.turn, contactId: r.contactId, contactName: r.contactName, flaggedByName: r.flaggedByName });

function turnsWithContacts(db: Db) {
  return db
    .select(turnView)
    .from(botTurns)
    .innerJoin(conversations, eq(conversations.id, botTurns.conversationId))
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .leftJoin(users, eq(users.id, botTurns.flaggedBy));
}

export async function findTurnView(db: Db, workspaceId: number, id: number): Promise<TurnView | undefined> {
  const [row] = await turnsWithContacts(db).where(and(eq(botTurns.workspaceId, workspaceId), eq(botTurns.id, id)));
  return row && toView(row);
}

export async function conversationTurns(db: Db, workspaceId: number, conversationId: number): Promise<TurnView[]> {
  const rows = await turnsWithContacts(db).where(and(eq(botTurns.workspaceId, workspaceId), eq(botTurns.conversationId, conversationId))).orderBy(asc(botTurns.id));
  return rows.map(toView);
}

export async function latestTurns(db: Db, workspaceId: number, opts: { flagged?: boolean; outcome?: string; beforeId?: number; limit: number }): Promise<TurnView[]> {
  const rows = await turnsWithContacts(db)
    .where(and(
      eq(botTurns.workspaceId, workspaceId),
      opts.flagged ? eq(botTurns.flagged, true) : undefined,
      opts.outcome ? eq(botTurns.outcome, opts.outcome) : undefined,
      opts.beforeId ? sql`${botTurns.id} < ${opts.beforeId}` : undefined,
    ))
    .orderBy(desc(botTurns.id))
    .limit(opts.limit);
  return rows.map(toView);
}

export interface TurnCounts {
  turns: number;
  answered: number;
  fallback: number;
  flagged: number;
  handoffs: Record<string, number>;
  conversationsWithBot: number;
  handedOff: number;
}

/** The bot's turns in a range, by outcome and hand-off reason, and the conversations they belong to. */
export async function countTurns(db: Db, workspaceId: number, from: Date, to: Date): Promise<TurnCounts> {
  const inRange = and(eq(botTurns.workspaceId, workspaceId), sql`${botTurns.createdAt} >= ${from.toISOString()}`, sql`${botTurns.createdAt} < ${to.toISOString()}`);
  const [totals] = await db
    .select({
      turns: sql<number>`count(*)::int`,
      answered: sql<number>`count(*) FILTER (WHERE ${botTurns.outcome} = 'answered')::int`,
      fallback: sql<number>`count(*) FILTER (WHERE ${botTurns.outcome} = 'fallback')::int`,
      flagged: sql<number>`count(*) FILTER (WHERE ${botTurns.flagged})::int`,
      conversationsWithBot: sql<number>`count(DISTINCT ${botTurns.conversationId})::int`,
      handedOff: sql<number>`count(DISTINCT ${botTurns.conversationId}) FILTER (WHERE ${botTurns.handoffReason} IS NOT NULL)::int`,
    })
    .from(botTurns)
    .where(inRange);
  const reasons = await db
    .select({ reason: botTurns.handoffReason, count: sql<number>`count(*)::int` })
    .from(botTurns)
    .where(and(inRange, sql`${botTurns.handoffReason} IS NOT NULL`))
    .groupBy(botTurns.handoffReason);
  return { ...totals, handoffs: Object.fromEntries(reasons.map((r) => [r.reason!, r.count])) };
}

/** Conversations closed in a range while the bot still had them. */
export async function countBotResolutions(db: Db, workspaceId: number, from: Date, to: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), sql`${conversations.botResolvedAt} >= ${from.toISOString()}`, sql`${conversations.botResolvedAt} < ${to.toISOString()}`));
  return row.n;
}

export interface UnmatchedQuestion {
  questionKey: string;
  /** The latest wording customers used. */
  example: string;
  count: number;
  lastAskedAt: Date;
}

/** Questions the bot could not answer (fallback, or handed off for failures), most frequent first. */
export async function unmatchedQuestions(db: Db, workspaceId: number, since: Date, limit: number): Promise<UnmatchedQuestion[]> {
  const rows = await db
    .select({
      questionKey: botTurns.questionKey,
      example: sql<string>`(array_agg(${botTurns.question} ORDER BY ${botTurns.id} DESC))[1]`,
      count: sql<number>`count(*)::int`,
      lastAskedAt: sql<Date>`max(${botTurns.createdAt})`,
    })
    .from(botTurns)
    .where(and(
      eq(botTurns.workspaceId, workspaceId),
      sql`${botTurns.createdAt} >= ${since.toISOString()}`,
      sql`(${botTurns.outcome} = 'fallback' OR ${botTurns.handoffReason} IN ('failures', 'unsure'))`,
      sql`${botTurns.questionKey} <> ''`,
    ))
    .groupBy(botTurns.questionKey)
    .orderBy(sql`count(*) DESC`, sql`max(${botTurns.createdAt}) DESC`)
    .limit(limit);
  return rows.map((r) => ({ ...r, lastAskedAt: new Date(r.lastAskedAt) }));
}

/** How many intents each bot of the workspace has, in one query (bots without any are absent). */
export async function intentCounts(db: Db, workspaceId: number, botId?: number): Promise<Map<number, number>> {
  const rows = await db
    .select({ botId: botIntents.botId, count: sql<number>`count(*)::int` })
    .from(botIntents)
    .where(and(eq(botIntents.workspaceId, workspaceId), botId === undefined ? undefined : eq(botIntents.botId, botId)))
    .groupBy(botIntents.botId);
  return new Map(rows.map((r) => [r.botId, r.count]));
}

/** Which of these attachments belong to the workspace (an intent's file must be one of its own uploads). */
export async function workspaceAttachmentIds(db: Db, workspaceId: number, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await db.select({ id: attachments.id }).from(attachments).where(and(eq(attachments.workspaceId, workspaceId), inArray(attachments.id, ids)));
  return new Set(rows.map((r) => r.id));
}
