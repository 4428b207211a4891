import type { AppContext } from '../../platform/context.js';
import { attachmentsOf } from '../messages/messages.repo.js';
import type { Visitor } from './widget-visitor.js';
import { agentInfos, toVisitorMessage } from './visitor-dto.js';
import { findVisitorContactId, visitorConversations, visitorMessagesPage } from './widget.repo.js';

/**
 * The visitor's current and earlier conversations on this channel and a page of their messages (newest first,
 * before a message id), in a constant number of queries. Notes, activity and deleted messages are never here.
 */
export async function listVisitorMessages(ctx: AppContext, visitor: Visitor, page: { before?: number; limit: number }) {
  const contactId = await findVisitorContactId(ctx.db, visitor.channel.id, visitor.claims.visitorId);
  if (contactId === null) return { conversations: [], messages: [], hasMore: false };
  const [conversations, rows] = await Promise.all([
    visitorConversations(ctx.db, visitor.channel.id, contactId),
    visitorMessagesPage(ctx.db, visitor.channel.id, contactId, { before: page.before, limit: page.limit + 1 }),
  ]);
  const hasMore = rows.length > page.limit;
  const pageRows = rows.slice(0, page.limit);
  const [files, agents] = await Promise.all([
    attachmentsOf(ctx.db, pageRows.map((m) => m.id)),
    agentInfos(ctx, pageRows.filter((m) => m.senderType === 'user' && m.senderId !== null).map((m) => m.senderId!)),
  ]);
  const messages = pageRows.flatMap((m) => {
    const dto = toVisitorMessage(ctx, {
      id: m.id, conversationId: m.conversationId, kind: m.kind, direction: m.direction, senderType: m.senderType, senderId: m.senderId,
      body: m.body, deleted: m.deletedAt !== null, createdAt: m.createdAt, attachments: files.filter((f) => f.messageId === m.id), externalId: m.externalId,
    }, agents, visitor.channel.name);
    return dto ? [dto] : [];
  });
  return {
    conversations: conversations.map((c) => ({
      id: c.id,
      status: c.status === 'closed' ? ('closed' as const) : ('open' as const),
      createdAt: c.createdAt.toISOString(),
      closedAt: c.closedAt?.toISOString() ?? null,
      rating: c.score === null ? null : { score: c.score, comment: c.comment },
    })),
    messages,
    hasMore,
  };
}
