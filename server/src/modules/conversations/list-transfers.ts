import type { UseCaseContext } from '../use-case.js';
import { notFound } from '../../platform/http/errors.js';
import { canSeeConversation } from '../auth/permissions.js';
import { findConversation } from './conversations.repo.js';
import { transfersOf, type TransferRow } from './transfers.repo.js';

/** A left-joined team or user: null when there was none. */
export const named = (r: { id: number | null; name: string | null } | null) => (r?.id ? { id: r.id, name: r.name ?? '' } : null);

export function transferDto(r: TransferRow) {
  return {
    id: r.id,
    conversationId: r.conversationId,
    from: { team: named(r.fromTeam), agent: named(r.fromAgent) },
    to: { team: named(r.toTeam), agent: named(r.toAgent) },
    by: { type: r.byType, user: named(r.byUser) },
    reason: r.reason,
    at: r.createdAt.toISOString(),
  };
}
export type TransferDto = ReturnType<typeof transferDto>;

/** Every transfer of one conversation, oldest first (seed 004: each one is on record), for whoever can see it. */
export async function listTransfers(ctx: UseCaseContext, conversationId: number) {
  const c = await findConversation(ctx.db, ctx.actor.workspaceId, conversationId);
  if (!c || !canSeeConversation(ctx.actor, c)) throw notFound('Conversation');
  return { items: (await transfersOf(ctx.db, ctx.actor.workspaceId, [c.id])).map(transferDto) };
}
