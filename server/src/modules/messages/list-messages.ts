import type { UseCaseContext } from '../use-case.js';
import { getConversation } from '../conversations/list-conversations.js';
import { listTimeline } from './messages.repo.js';
import { messageDto } from './messages.dto.js';

/**
 * A conversation's timeline (messages, notes, activity), oldest first within the page. Without `after`
 * it returns the latest page; `before` pages back in time; `after` reads what is new since an id.
 */
export async function listMessages(ctx: UseCaseContext, conversationId: number, page: { before?: number; after?: number; limit: number }) {
  await getConversation(ctx, conversationId); // 404 unless visible to the actor
  const { rows, files } = await listTimeline(ctx.db, conversationId, { ...page, limit: page.limit + 1 });
  const more = rows.length > page.limit;
  const pageRows = rows.slice(0, page.limit);
  const items = pageRows.map((m) => messageDto(m, files));
  if (!page.after) items.reverse();
  const edge = pageRows.at(-1)?.id;
  return {
    items,
    nextBefore: !page.after && more ? edge! : null,
    nextAfter: page.after && more ? edge! : null,
  };
}
