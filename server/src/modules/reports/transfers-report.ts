import type { UseCaseContext } from '../use-case.js';
import { forbidden } from '../../platform/http/errors.js';
import { can } from '../auth/permissions.js';
import { decodeCursor, encodeCursor } from '../conversations/list-conversations.js';
import { listTransferredConversations, transfersOf, type TransferReportFilters, type TransferredConversationRow } from '../conversations/transfers.repo.js';
import { named, transferDto, type TransferDto } from '../conversations/list-transfers.js';

function conversationOf(r: TransferredConversationRow) {
  return {
    id: r.id,
    status: r.status,
    contact: r.contact,
    channel: r.channel,
    team: named(r.team),
    assignee: named(r.assignee),
    lastTransferAt: r.lastTransferAt.toISOString(),
  };
}

/**
 * Seed 004's transfers report: the conversations moved in a date range (latest move first), each with
 * its moves in that range. Supervisors and up, within their access level. Two queries a page, whatever
 * its size: the conversations, then all their transfers.
 */
export async function getTransfersReport(ctx: UseCaseContext, filters: TransferReportFilters, page: { cursor?: string; limit: number }) {
  const { actor } = ctx;
  if (!can(actor, 'report.read', { workspaceId: actor.workspaceId })) throw forbidden();
  const rows = await listTransferredConversations(ctx.db, actor, filters, page.cursor ? decodeCursor(page.cursor) : null, page.limit + 1);
  const shown = rows.slice(0, page.limit);
  const byConversation = new Map<number, TransferDto[]>();
  for (const t of await transfersOf(ctx.db, actor.workspaceId, shown.map((r) => r.id), filters)) {
    const list = byConversation.get(t.conversationId) ?? [];
    list.push(transferDto(t));
    byConversation.set(t.conversationId, list);
  }
  const last = rows.length > page.limit ? shown[shown.length - 1] : null;
  return {
    items: shown.map((r) => ({ conversation: conversationOf(r), transfers: byConversation.get(r.id) ?? [] })),
    nextCursor: last ? encodeCursor({ at: last.lastTransferAt, id: last.id }) : null,
  };
}
