import { and, desc, eq, sql, type SQL, inArray, arrayContains, gte, lt, or, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Db, queryRows } from '../../platform/db/db.js';
import { anyOf, columnArrays } from '../../platform/db/raw-rows.js';
import { conversations } from './conversations.tables.js';
import { contacts } from '../contacts/contacts.tables.js';
import { channels } from '../channels/channels.tables.js';
import { teams } from '../teams/teams.tables.js';
import { users, workspaces } from '../workspaces/workspaces.tables.js';
import { closingCategories, tags } from '../tags/tags.tables.js';
import { existingMemberIds } from '../users/users.repo.js';
import { conversationMentions } from './conversation-mentions.tables.js';
import type { Actor } from '../auth/permissions.js';
import { atLeast } from '../auth/permissions.js';

export type ConversationRow = typeof conversations.$inferSelect;
export type NewConversation = typeof conversations.$inferInsert;

/** Reads and locks one conversation of the workspace for the rest of the transaction. */
export async function lockConversation(tx: Db, workspaceId: number, id: number): Promise<ConversationRow | undefined> {
  const [row] = await tx.select().from(conversations).where(and(eq(conversations.id, id), eq(conversations.workspaceId, workspaceId))).for('update');
  return row;
}

export async function findConversation(db: Db, workspaceId: number, id: number): Promise<ConversationRow | undefined> {
  const [row] = await db.select().from(conversations).where(and(eq(conversations.id, id), eq(conversations.workspaceId, workspaceId)));
  return row;
}

export async function updateConversation(tx: Db, id: number, patch: Partial<NewConversation>): Promise<ConversationRow> {
  const [row] = await tx.update(conversations).set(patch).where(eq(conversations.id, id)).returning();
  return row;
}

export async function insertConversations(tx: Db, rows: NewConversation[]): Promise<ConversationRow[]> {
  if (rows.length === 0) return [];
  return tx.insert(conversations).values(rows).returning();
}

/**
 * What the ingest reads of a conversation: what decides where a message goes and what its events carry. Only these
 * columns, because on PGlite reading a value costs about a microsecond (a batch reads some 50 conversations).
 */
const inboundColumns = {
  id: conversations.id, workspaceId: conversations.workspaceId, contactId: conversations.contactId, channelId: conversations.channelId,
  status: conversations.status, assigneeId: conversations.assigneeId, teamId: conversations.teamId, priority: conversations.priority,
  tags: conversations.tags, botActive: conversations.botActive, unreadCount: conversations.unreadCount, lastActivityAt: conversations.lastActivityAt,
  lastMessagePreview: conversations.lastMessagePreview, queuedAt: conversations.queuedAt, assignedAt: conversations.assignedAt, closedAt: conversations.closedAt,
};
export type InboundConversation = Pick<ConversationRow, keyof typeof inboundColumns>;

/**
 * The current conversation of each contact on a channel, locked: the one not closed (at most one is), else the
 * latest. The ingest decides to reuse, reopen or start one. The open one need not be the latest: an agent, or an
 * email answering an old thread, can reopen an older one.
 */
export async function latestConversationsForContacts(tx: Db, channelId: number, contactIds: number[]): Promise<InboundConversation[]> {
  if (contactIds.length === 0) return [];
  const latest = tx
    .selectDistinctOn([conversations.contactId], { id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.channelId, channelId), anyOf(conversations.contactId, contactIds)))
    .orderBy(conversations.contactId, sql`${conversations.status} = 'closed'`, desc(conversations.id));
  return tx.select(inboundColumns).from(conversations).where(inArray(conversations.id, latest)).for('update');
}

/** Conversations of a channel by id, locked: the ones inbound replies name (InboundEvent's conversationHint). */
export async function lockChannelConversations(tx: Db, channelId: number, ids: number[]): Promise<InboundConversation[]> {
  if (ids.length === 0) return [];
  return tx.select(inboundColumns).from(conversations).where(and(eq(conversations.channelId, channelId), inArray(conversations.id, ids))).for('update');
}

/** Applies several conversations' new state in one statement (the ingest's batch update). */
export async function applyInboundToConversations(
  tx: Db,
  rows: Array<{ id: number; status: string; lastActivityAt: Date; preview: string; inbound: number; reopened: boolean; release?: boolean }>,
) {
  if (rows.length === 0) return;
  const col = columnArrays(rows);
  await tx.execute(sql`
    UPDATE conversations c SET
      status = v.status,
      last_activity_at = v.at, last_inbound_at = v.at,
      last_message_preview = v.preview,
      unread_count = c.unread_count + v.inbound,
      queued_at = CASE WHEN v.status = 'queued' AND c.status <> 'queued' THEN v.at ELSE c.queued_at END,
      snooze_mode = CASE WHEN v.status = 'snoozed' THEN c.snooze_mode END,
      snoozed_until = CASE WHEN v.status = 'snoozed' THEN c.snoozed_until END,
      closed_at = CASE WHEN v.reopened THEN NULL ELSE c.closed_at END,
      closed_by = CASE WHEN v.reopened THEN NULL ELSE c.closed_by END,
      closing_category = CASE WHEN v.reopened THEN NULL ELSE c.closing_category END,
      closing_summary = CASE WHEN v.reopened THEN NULL ELSE c.closing_summary END,
      assignee_id = CASE WHEN v.release THEN NULL ELSE c.assignee_id END,
      assigned_at = CASE WHEN v.release THEN NULL ELSE c.assigned_at END
    FROM unnest(${col((r) => r.id)}::bigint[], ${col((r) => r.status)}::text[]::conversation_status[], ${col((r) => r.lastActivityAt.toISOString())}::text[]::timestamptz[],
      ${col((r) => r.preview)}::text[], ${col((r) => r.inbound)}::int[], ${col((r) => r.reopened)}::boolean[], ${col((r) => r.release ?? false)}::boolean[])
      AS v(id, status, at, preview, inbound, reopened, release)
    WHERE c.id = v.id`);
}

export interface ConversationFilters {
  status?: ConversationRow['status'][];
  assigneeId?: number | null;
  teamId?: number | null;
  channelId?: number;
  contactId?: number;
  tag?: string;
  priority?: ConversationRow['priority'];
  from?: Date;
  to?: Date;
  q?: string;
  /** Only conversations with a note mentioning this user. */
  mentionedUserId?: number;
}

export interface Keyset {
  at: Date;
  id: number;
}

const assignee = alias(users, 'assignee');

/** A conversation with what its card and header show: contact, channel, team and assignee. */
function conversationView(db: Db) {
  return db
    .select({
      conversation: conversations,
      contact: { id: contacts.id, name: contacts.name, phone: contacts.phone, email: contacts.email, documentNumber: contacts.documentNumber },
      channel: { id: channels.id, type: channels.type, name: channels.name },
      team: { id: teams.id, name: teams.name },
      assignee: { id: assignee.id, name: assignee.name, avatarUrl: assignee.avatarUrl },
    })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .leftJoin(teams, eq(teams.id, conversations.teamId))
    .leftJoin(assignee, eq(assignee.id, conversations.assigneeId));
}

/** Access levels as SQL: the list and the counts show exactly what `can(actor, 'conversation.read', …)` allows. */
export function visibleTo(actor: Actor): SQL | undefined {
  if (actor.accessLevel === 'all' || atLeast(actor, 'admin')) return undefined;
  const mine = actor.userId === null ? sql`false` : eq(conversations.assigneeId, actor.userId);
  if (actor.accessLevel === 'assigned') return mine;
  return actor.teamIds.length ? or(mine, inArray(conversations.teamId, actor.teamIds)) : mine;
}

function escapeLike(s: string) {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** One query, whatever the filters and page size: the page plus everything its cards show. */
export async function listConversations(db: Db, actor: Actor, f: ConversationFilters, after: Keyset | null, limit: number) {
  const conds: (SQL | undefined)[] = [eq(conversations.workspaceId, actor.workspaceId), visibleTo(actor)];
  if (f.status?.length) conds.push(inArray(conversations.status, f.status));
  if (f.assigneeId !== undefined) conds.push(f.assigneeId === null ? isNull(conversations.assigneeId) : eq(conversations.assigneeId, f.assigneeId));
  if (f.teamId !== undefined) conds.push(f.teamId === null ? isNull(conversations.teamId) : eq(conversations.teamId, f.teamId));
  if (f.channelId !== undefined) conds.push(eq(conversations.channelId, f.channelId));
  if (f.contactId !== undefined) conds.push(eq(conversations.contactId, f.contactId));
  if (f.priority) conds.push(eq(conversations.priority, f.priority));
  if (f.tag) conds.push(arrayContains(conversations.tags, [f.tag]));
  if (f.from) conds.push(gte(conversations.createdAt, f.from));
  if (f.to) conds.push(lt(conversations.createdAt, f.to));
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    conds.push(sql`(
      (coalesce(${contacts.name},'') || ' ' || coalesce(${contacts.phone},'') || ' ' || coalesce(${contacts.email},'') || ' ' || coalesce(${contacts.documentNumber},'')) ILIKE ${like}
      OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = ${conversations.id} AND m.deleted_at IS NULL AND m.kind <> 'activity' AND m.body ILIKE ${like}))`);
  }
  if (f.mentionedUserId !== undefined) {
    conds.push(sql`EXISTS (SELECT 1 FROM ${conversationMentions} WHERE ${conversationMentions.conversationId} = ${conversations.id} AND ${conversationMentions.userId} = ${f.mentionedUserId})`);
  }
  if (after) conds.push(sql`(${conversations.lastActivityAt}, ${conversations.id}) < (${after.at.toISOString()}::timestamptz, ${after.id})`);
  return conversationView(db)
    .where(and(...conds))
    .orderBy(desc(conversations.lastActivityAt), desc(conversations.id))
    .limit(limit);
}

export interface ConversationCounts {
  mine: number;
  unassigned: number;
  mentions: number;
  bot: number;
  snoozed: number;
  all: number;
  teams: Array<{ id: number; count: number }>;
  channels: Array<{ id: number; count: number }>;
  tags: Array<{ tag: string; count: number }>;
}

/**
 * The side bar's counts in one query: the actor's visible, not closed conversations are read once
 * (a materialised CTE under the list's own visibility rule), the scalar counts come in one pass of
 * `count(*) FILTER`, and the per-team, per-channel and per-tag groups are aggregated from the same rows.
 */
export async function countConversations(db: Db, actor: Actor): Promise<ConversationCounts> {
  const me = actor.userId ?? -1; // API tokens have no "mine" and no mentions
  // Not closed, spelled as the statuses it means so the (workspace, status, …) index skips the closed history.
  const scope = and(eq(conversations.workspaceId, actor.workspaceId), visibleTo(actor), inArray(conversations.status, ['bot', 'queued', 'open', 'snoozed']));
  const active = sql`v.status IN ('open', 'queued')`;
  const [row] = await queryRows<ConversationCounts>(db, sql`
    WITH v AS MATERIALIZED (
      SELECT ${conversations.id} AS id, ${conversations.status} AS status, ${conversations.assigneeId} AS assignee_id,
        ${conversations.teamId} AS team_id, ${conversations.channelId} AS channel_id, ${conversations.tags} AS tags
      FROM ${conversations} WHERE ${scope}
    )
    SELECT
      count(*) FILTER (WHERE v.assignee_id = ${me} AND ${active})::int AS "mine",
      count(*) FILTER (WHERE v.status = 'queued' AND v.assignee_id IS NULL)::int AS "unassigned",
      count(*) FILTER (WHERE EXISTS (
        SELECT 1 FROM ${conversationMentions} m WHERE m.conversation_id = v.id AND m.user_id = ${me} AND m.seen_at IS NULL))::int AS "mentions",
      count(*) FILTER (WHERE v.status = 'bot')::int AS "bot",
      count(*) FILTER (WHERE v.status = 'snoozed')::int AS "snoozed",
      count(*) FILTER (WHERE ${active})::int AS "all",
      (SELECT coalesce(json_agg(json_build_object('id', g.team_id, 'count', g.n) ORDER BY g.team_id), '[]'::json)
         FROM (SELECT v.team_id, count(*)::int AS n FROM v WHERE v.status = 'queued' AND v.team_id IS NOT NULL GROUP BY v.team_id) g) AS "teams",
      (SELECT coalesce(json_agg(json_build_object('id', g.channel_id, 'count', g.n) ORDER BY g.channel_id), '[]'::json)
         FROM (SELECT v.channel_id, count(*)::int AS n FROM v WHERE ${active} GROUP BY v.channel_id) g) AS "channels",
      (SELECT coalesce(json_agg(json_build_object('tag', g.tag, 'count', g.n) ORDER BY g.tag), '[]'::json)
         FROM (SELECT t.tag, count(*)::int AS n FROM v, unnest(v.tags) AS t(tag) WHERE ${active} GROUP BY t.tag) g) AS "tags"
    FROM v`);
  return row;
}

export type ConversationListRow = Awaited<ReturnType<typeof listConversations>>[number];

/** One conversation with the same joins as the list. */
export async function getConversationView(db: Db, workspaceId: number, id: number): Promise<ConversationListRow | undefined> {
  const [row] = await conversationView(db)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, id)));
  return row;
}

export async function isMemberOfWorkspace(db: Db, workspaceId: number, userId: number): Promise<boolean> {
  return (await existingMemberIds(db, workspaceId, [userId], { activeOnly: true })).length === 1;
}

export async function findConversationsByIds(db: Db, workspaceId: number, ids: number[]): Promise<ConversationRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(conversations).where(and(eq(conversations.workspaceId, workspaceId), inArray(conversations.id, ids)));
}

export interface ReopenRules {
  /** Minutes after closing during which a customer message reopens the conversation instead of starting one. */
  windowMinutes: number;
  /** A reopened conversation goes back to the queue (or the bot), not to whoever had it when it closed. */
  releaseAssignee: boolean;
}

export async function reopenRulesOf(db: Db, workspaceId: number): Promise<ReopenRules> {
  const [w] = await db.select({ windowMinutes: workspaces.reopenWindowMinutes, releaseAssignee: workspaces.closeReleasesAssignee }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return w ?? { windowMinutes: 0, releaseAssignee: true };
}

export async function workspaceTimezone(db: Db, workspaceId: number): Promise<string> {
  const [w] = await db.select({ tz: workspaces.timezone }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return w?.tz ?? 'UTC';
}

export async function closingCategoryExists(db: Db, workspaceId: number, name: string): Promise<boolean> {
  const [r] = await db.select({ id: closingCategories.id }).from(closingCategories).where(and(eq(closingCategories.workspaceId, workspaceId), eq(closingCategories.name, name)));
  return !!r;
}

export async function existingTagNames(db: Db, workspaceId: number, names: string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const rows = await db.select({ name: tags.name }).from(tags).where(and(eq(tags.workspaceId, workspaceId), inArray(tags.name, names)));
  return rows.map((r) => r.name);
}

