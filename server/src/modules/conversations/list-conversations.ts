import type { UseCaseContext } from '../use-case.js';
import { badRequest, notFound } from '../../platform/http/errors.js';
import { canSeeConversation } from '../auth/permissions.js';
import { getConversationView, listConversations, type ConversationFilters, type Keyset } from './conversations.repo.js';
import { conversationDto } from './conversations.dto.js';

export const encodeCursor = (k: Keyset) => Buffer.from(`${k.at.toISOString()}|${k.id}`).toString('base64url');

export function decodeCursor(cursor: string): Keyset {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const k = { at: new Date(at), id: Number(id) };
  if (Number.isNaN(k.at.getTime()) || !Number.isInteger(k.id)) throw badRequest('Invalid cursor', [{ field: 'cursor', message: 'use nextCursor from the previous page' }]);
  return k;
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
  return conversationDto(row);
}
