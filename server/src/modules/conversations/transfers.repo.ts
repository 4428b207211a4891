import { and, asc, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../platform/db/db.js';
import type { EventActor } from '../../platform/events/event-types.js';
import { conversations, conversationTransfers } from './conversations.tables.js';
import { contacts } from '../contacts/contacts.tables.js';
import { channels } from '../channels/channels.tables.js';
import { teams } from '../teams/teams.tables.js';
import { users } from '../workspaces/workspaces.tables.js';
import { visibleTo, type ConversationRow } from './conversations.repo.js';
import type { Actor } from '../auth/permissions.js';

export interface Placement {
  teamId: number | null;
  assigneeId: number | null;
}

/** One move between teams or agents (seed 004), written in the move's own transaction. */
export async function recordTransfer(
  tx: Db,
  t: { workspaceId: number; conversationId: number; from: Placement; to: Placement; by: EventActor; reason: string | null; at: Date },
) {
  await tx.insert(conversationTransfers).values({
    workspaceId: t.workspaceId,
    conversationId: t.conversationId,
    fromTeamId: t.from.teamId,
    fromAssigneeId: t.from.assigneeId,
    toTeamId: t.to.teamId,
    toAssigneeId: t.to.assigneeId,
    byUserId: t.by.type === 'user' ? (t.by.id ?? null) : null,
    byType: t.by.type,
    reason: t.reason,
    createdAt: t.at,
  });
}

const fromTeam = alias(teams, 'from_team');
const toTeam = alias(teams, 'to_team');
const fromAgent = alias(users, 'from_agent');
const toAgent = alias(users, 'to_agent');
const byUser = alias(users, 'by_user');
const assignee = alias(users, 'assignee');

export interface TimeRange {
  from?: Date;
  to?: Date;
}

function inRange(range: TimeRange): SQL[] {
  const conds: SQL[] = [];
  if (range.from) conds.push(gte(conversationTransfers.createdAt, range.from));
  if (range.to) conds.push(lt(conversationTransfers.createdAt, range.to));
  return conds;
}

/** The transfers of some conversations, oldest first, with every name resolved in the same query. */
export async function transfersOf(db: Db, workspaceId: number, conversationIds: number[], range: TimeRange = {}) {
  if (conversationIds.length === 0) return [];
  return db
    .select({
      id: conversationTransfers.id,
      conversationId: conversationTransfers.conversationId,
      fromTeam: { id: fromTeam.id, name: fromTeam.name },
      fromAgent: { id: fromAgent.id, name: fromAgent.name },
      toTeam: { id: toTeam.id, name: toTeam.name },
      toAgent: { id: toAgent.id, name: toAgent.name },
      byType: conversationTransfers.byType,
      byUser: { id: byUser.id, name: byUser.name },
      reason: conversationTransfers.reason,
      createdAt: conversationTransfers.createdAt,
    })
    .from(conversationTransfers)
    .leftJoin(fromTeam, eq(fromTeam.id, conversationTransfers.fromTeamId))
    .leftJoin(toTeam, eq(toTeam.id, conversationTransfers.toTeamId))
    .leftJoin(fromAgent, eq(fromAgent.id, conversationTransfers.fromAssigneeId))
    .leftJoin(toAgent, eq(toAgent.id, conversationTransfers.toAssigneeId))
    .leftJoin(byUser, eq(byUser.id, conversationTransfers.byUserId))
    .where(and(eq(conversationTransfers.workspaceId, workspaceId), inArray(conversationTransfers.conversationId, conversationIds), ...inRange(range)))
    .orderBy(asc(conversationTransfers.conversationId), asc(conversationTransfers.createdAt), asc(conversationTransfers.id));
}

export type TransferRow = Awaited<ReturnType<typeof transfersOf>>[number];

export interface TransferReportFilters extends TimeRange {
  status?: ConversationRow['status'][];
  channelId?: number;
  /** A team a transfer in the range came from or went to. */
  teamId?: number;
  /** An agent a transfer in the range came from or went to. */
  assigneeId?: number;
  /** Contact name. */
  q?: string;
}

export interface TransferKeyset {
  at: Date;
  id: number;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * One page of the conversations that had transfers in the range, latest transfer first, in one query:
 * the transfers are grouped per conversation first (so a conversation moved ten times is one row), then
 * joined to what the report shows and to the actor's visibility rule.
 */
export async function listTransferredConversations(db: Db, actor: Actor, f: TransferReportFilters, after: TransferKeyset | null, limit: number) {
  const involved: SQL[] = [];
  if (f.teamId !== undefined) involved.push(sql`bool_or(${conversationTransfers.fromTeamId} = ${f.teamId} OR ${conversationTransfers.toTeamId} = ${f.teamId})`);
  if (f.assigneeId !== undefined) involved.push(sql`bool_or(${conversationTransfers.fromAssigneeId} = ${f.assigneeId} OR ${conversationTransfers.toAssigneeId} = ${f.assigneeId})`);
  const moved = db
    .select({
      conversationId: sql<number>`${conversationTransfers.conversationId}`.as('conversation_id'),
      lastAt: sql<Date>`max(${conversationTransfers.createdAt})`.mapWith(conversationTransfers.createdAt).as('last_at'),
      count: sql<number>`count(*)::int`.as('transfer_count'),
    })
    .from(conversationTransfers)
    .where(and(eq(conversationTransfers.workspaceId, actor.workspaceId), ...inRange(f)))
    .groupBy(conversationTransfers.conversationId)
    .having(involved.length ? and(...involved) : undefined)
    .as('moved');

  const conds: (SQL | undefined)[] = [eq(conversations.workspaceId, actor.workspaceId), visibleTo(actor)];
  if (f.status?.length) conds.push(inArray(conversations.status, f.status));
  if (f.channelId !== undefined) conds.push(eq(conversations.channelId, f.channelId));
  if (f.q) conds.push(sql`${contacts.name} ILIKE ${`%${escapeLike(f.q)}%`}`);
  if (after) conds.push(sql`(${moved.lastAt}, ${conversations.id}) < (${after.at.toISOString()}::timestamptz, ${after.id})`);
  return db
    .select({
      id: conversations.id,
      status: conversations.status,
      lastTransferAt: moved.lastAt,
      transferCount: moved.count,
      contact: { id: contacts.id, name: contacts.name, phone: contacts.phone },
      channel: { id: channels.id, type: channels.type, name: channels.name },
      team: { id: teams.id, name: teams.name },
      assignee: { id: assignee.id, name: assignee.name },
    })
    .from(moved)
    .innerJoin(conversations, eq(conversations.id, moved.conversationId))
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .leftJoin(teams, eq(teams.id, conversations.teamId))
    .leftJoin(assignee, eq(assignee.id, conversations.assigneeId))
    .where(and(...conds))
    .orderBy(desc(moved.lastAt), desc(conversations.id))
    .limit(limit);
}

export type TransferredConversationRow = Awaited<ReturnType<typeof listTransferredConversations>>[number];

