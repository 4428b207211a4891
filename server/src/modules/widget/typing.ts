import type { AppContext } from '../../platform/context.js';
import type { UseCaseContext } from '../use-case.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { publishEphemeral } from '../../platform/realtime/hub.js';
import { can, canSeeConversation } from '../auth/permissions.js';
import { findConversation, type ConversationRow } from '../conversations/conversations.repo.js';
import { findContact } from '../contacts/contacts.repo.js';
import type { Visitor } from './widget-visitor.js';
import { agentInfos } from './visitor-dto.js';
import { findVisitorContactId, latestVisitorConversation } from './widget.repo.js';

/**
 * Typing indicators are ephemeral: a bus message to every web node, never an event in the log (a keystroke is
 * not history). The agents' hub hands it to sockets that may see the conversation (the same rule as its events);
 * the visitor hub hands an agent's to the conversation's visitor. Clients send `typing: true` every few seconds
 * while typing and `false` when they stop; receivers also drop an indicator not renewed for a few seconds.
 */
function publishTyping(ctx: AppContext, c: ConversationRow, from: 'contact' | 'user', who: { userId: number | null; name: string }, typing: boolean) {
  publishEphemeral(ctx.bus, {
    scope: { workspaceId: c.workspaceId, conversationId: c.id, teamId: c.teamId, assigneeId: c.assigneeId },
    frame: { type: 'typing', conversationId: c.id, from, userId: who.userId, name: who.name, typing },
  });
}

/** The visitor types in their latest conversation (if it is still open); agents who may see it are told. */
export async function visitorTyping(ctx: AppContext, visitor: Visitor, typing: boolean) {
  const contactId = await findVisitorContactId(ctx.db, visitor.channel.id, visitor.claims.visitorId);
  const c = contactId === null ? undefined : await latestVisitorConversation(ctx.db, visitor.channel.id, contactId);
  if (!c || c.status === 'closed') return { ok: true };
  const contact = await findContact(ctx.db, c.workspaceId, c.contactId);
  publishTyping(ctx, c, 'contact', { userId: null, name: contact?.name ?? '' }, typing);
  return { ok: true };
}

/** An agent types a reply: the visitor (and teammates watching) are told, by the agent's name. */
export async function agentTyping(ctx: UseCaseContext, conversationId: number, typing: boolean) {
  const { actor } = ctx;
  const c = await findConversation(ctx.db, actor.workspaceId, conversationId);
  if (!c || !canSeeConversation(actor, c)) throw notFound('Conversation');
  if (!can(actor, 'conversation.reply', c) || actor.userId === null) throw forbidden();
  const name = (await agentInfos(ctx, [actor.userId])).get(actor.userId)?.name ?? '';
  publishTyping(ctx, c, 'user', { userId: actor.userId, name }, typing);
  return { ok: true };
}
