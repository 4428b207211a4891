import { queuePosition } from '../routing/routing.repo.js';
import type { UseCaseContext } from '../use-case.js';
import { badRequest, notFound } from '../../platform/http/errors.js';
import { canSeeConversation, type Actor } from '../auth/permissions.js';
import { getConversationView, listConversations, type ConversationFilters, type Keyset } from './conversations.repo.js';
import { conversationDto } from './conversations.dto.js';
import type { listQuery } from './conversations.schemas.js';
import type { z } from 'zod';

export const encodeCursor = (k: Keyset) => Buffer.from(`${k.at.toISOString()}|${k.id}`).toString('base64url');

export function decodeCursor(cursor: string): Keyset {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const k = { at: new Date(at), id: Number(id) };
  if (Number.isNaN(k.at.getTime()) || !Number.isInteger(k.id)) throw badRequest('Invalid cursor', [{ field: 'cursor', message: 'use nextCursor from the previous page' }]);
  return k;
}

export type ListFilterQuery = Omit<z.infer<typeof listQuery>, 'cursor' | 'limit'>;

/** The list query's filters (the inbox's, also the CSV export's) as the repository takes them; `me` is the actor. */
export function listFilters(q: ListFilterQuery, actor: Actor): ConversationFilters {
  return {
    status: q.status,
    assigneeId: q.assigneeId === 'me' ? (actor.userId ?? -1) : q.assigneeId,
    teamId: q.teamId,
    channelId: q.channelId,
    contactId: q.contactId,
    tag: q.tag,
    priority: q.priority,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    q: q.q,
    mentionedUserId: q.mentioned === 'me' ? (actor.userId ?? -1) : undefined,
  };
}

/** The inbox list: newest activity first, keyset-paged, filtered by access level in the same single query. */
export async function listConversationsUseCase(ctx: UseCaseContext, filters: ConversationFilters, page: { cursor?: string; limit: number }) {
  const rows = await listConversations(ctx.db, ctx.actor, filters, page.cursor ? decodeCursor(page.cursor) : null, page.limit + 1);
  const items = rows.slice(0, page.limit).map(conversationDto);
  const last = rows.length > page.limit ? rows[page.limit - 1].conversation : null;
  return { items, nextCursor: last ? encodeCursor({ at: last.lastActivityAt, id: last.id }) : null };
}

export async function getConversation(ctx: UseCaseContext, id: number) {
  const row = await getConversationView(ctx.db, ctx.actor.workspaceId, id);
  if (!row || !canSeeConversation(ctx.actor, row.conversation)) throw notFound('Conversation');
  const waiting = row.conversation.status === 'queued' && row.conversation.assigneeId === null;
  return { ...conversationDto(row), queuePosition: waiting ? await queuePosition(ctx.db, row.conversation) : null };
}
