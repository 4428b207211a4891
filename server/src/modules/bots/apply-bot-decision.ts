import type { AppContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/db.js';
import type { Emit } from '../../platform/events/transaction.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { botActor } from '../auth/permissions.js';
import { withActor, type UseCaseContext } from '../use-case.js';
import { lockConversation, updateConversation, type ConversationRow, type NewConversation } from '../conversations/conversations.repo.js';
import { conversationEvent, preview } from '../conversations/conversation-events.js';
import { recordConversationChange, routingStamps } from '../conversations/change-conversation.js';
import { insertQueuedReply } from '../messages/send-message.js';
import { copyAttachmentFile } from '../messages/messages.repo.js';
import { messageDto, type MessageDto } from '../messages/messages.dto.js';
import { findContact, updateContact } from '../contacts/contacts.repo.js';
import { toContactDto } from '../contacts/contact-dto.js';
import { normalizeEmail, normalizePhone } from '../contacts/contact-fields.js';
import { adapterFor } from '../channels/registry.js';
import type { BotButton, BotDecision, BotTurn, BuiltinBotState } from './bot-engine.js';
import type { AnswerScope } from './answer-scope.repo.js';
import { findTurnOf, insertTurn, updateTurn, type BotRow } from './bots.repo.js';
import { questionKey } from './builtin/normalize.js';
import { answerText, menuShown, outgoingReply, type OutgoingReply } from './outgoing-reply.js';

/** What the bot remembers, plus the menu it last showed as a numbered list (so "2" picks its second row). */
export type StoredBotState = BuiltinBotState & { menu?: BotButton[] };

/**
 * Stores one bot turn: its record (once per customer message: a replayed event or a second node stores nothing),
 * the replies as queued outbound messages from the bot, the contact data it collected, its memory, and the
 * hand-off to the team's queue (or to the assignee, when there is one). Nothing happens if an agent took the
 * conversation or paused the bot while the bot was thinking.
 */
export async function applyBotDecision(ctx: AppContext, scope: AnswerScope, bot: BotRow, turn: Pick<BotTurn, 'text' | 'payload'>, decision: BotDecision): Promise<boolean> {
  const { workspaceId } = bot;
  const uc = withActor(ctx, botActor(workspaceId, bot.id));
  const interactive = adapterFor(scope.channel.type)?.capabilities.interactive ?? false;
  const outgoing = decision.replies.map((r) => outgoingReply(r, interactive));
  return inTransaction(uc, async (tx, emit) => {
    const c = await lockConversation(tx, workspaceId, scope.conversation.id);
    if (!c || !c.botActive || c.status !== 'bot') return false;
    const now = ctx.clock.now();
    const stored = await insertTurn(tx, {
      workspaceId,
      conversationId: c.id,
      botId: bot.id,
      inboundMessageId: scope.inbound.id,
      question: turn.text.slice(0, 2000),
      questionKey: turn.payload ? '' : questionKey(turn.text).slice(0, 500),
      intentId: bot.kind === 'builtin' ? decision.intent?.id ?? null : null,
      intentName: decision.intent?.name ?? null,
      confidence: decision.intent?.confidence ?? null,
      outcome: decision.outcome,
      handoffReason: decision.handoff?.reason ?? null,
      answer: answerText(outgoing),
      createdAt: now,
    });
    if (!stored && !(await completesDelegatedTurn(tx, scope.inbound.id, decision, outgoing))) return false;

    const messages: MessageDto[] = [];
    for (const reply of outgoing) {
      const message = await insertQueuedReply(uc, tx, c, { body: reply.body, meta: reply.meta }, now);
      const files = reply.attachmentId ? await copyAttachmentFile(tx, workspaceId, reply.attachmentId, message.id) : [];
      messages.push(messageDto(message, files));
    }
    if (decision.contactUpdates) await saveCollectedData(uc, tx, emit, c.contactId, decision.contactUpdates);

    const state: StoredBotState = { ...(decision.state ?? (c.botState as BuiltinBotState | null) ?? { failures: 0 }), menu: menuShown(decision.replies, interactive) };
    const patch: Partial<NewConversation> = {
      botState: { ...state },
      ...(outgoing.length ? { lastActivityAt: now, lastMessagePreview: preview(outgoing.at(-1)!.body) } : {}),
      ...(decision.handoff ? handOffPatch(c, scope.channel.defaultTeamId, now) : {}),
    };
    const after = await updateConversation(tx, c.id, patch);
    const actor = eventActor(uc.actor);
    for (const message of messages) emit(conversationEvent(after, 'message.created', actor, { message }));
    if (decision.handoff) {
      const { reason, note } = decision.handoff;
      await recordConversationChange(tx, emit, { before: c, after, type: 'conversation.bot_handed_off', activity: { action: 'bot_handed_off', reason, ...(note ? { note } : {}) }, actor, at: now });
    }
    return true;
  });
}

/**
 * An external bot got the turn but never answered it: the turn it was delegated becomes this decision (the hand-off
 * for silence). Any other existing turn means the message was answered already.
 */
async function completesDelegatedTurn(tx: Db, inboundMessageId: number, decision: BotDecision, outgoing: OutgoingReply[]): Promise<boolean> {
  const turn = await findTurnOf(tx, inboundMessageId);
  if (turn?.outcome !== 'delegated' || decision.outcome === 'delegated') return false;
  await updateTurn(tx, turn.id, { outcome: decision.outcome, handoffReason: decision.handoff?.reason ?? null, answer: answerText(outgoing) });
  return true;
}

/** The conversation leaves the bot: to its assignee if it has one, else to its team's queue (the channel's team by default). */
export function handOffPatch(c: ConversationRow, defaultTeamId: number | null, now: Date): Partial<NewConversation> {
  const patch: Partial<NewConversation> = {
    status: c.assigneeId ? 'open' : 'queued',
    botActive: false,
    botHandedOffAt: now,
    teamId: c.teamId ?? defaultTeamId,
    lastActivityAt: now,
  };
  return { ...patch, ...routingStamps(c, patch, now) };
}

/** Contact data the customer gave the bot: validated by the bot, normalised as everywhere else; unusable values are dropped. */
async function saveCollectedData(ctx: UseCaseContext, tx: Db, emit: Emit, contactId: number, updates: NonNullable<BotDecision['contactUpdates']>) {
  const contact = await findContact(tx, ctx.actor.workspaceId, contactId, { forUpdate: true });
  if (!contact) return;
  const next: { name?: string; email?: string; phone?: string } = {};
  if (updates.name?.trim()) next.name = updates.name.trim();
  const email = normalizeEmail(updates.email);
  if (email) next.email = email;
  const phone = updates.phone ? normalizePhone(updates.phone) : null;
  if (phone) next.phone = phone;
  const changes = (Object.keys(next) as Array<keyof typeof next>).filter((k) => next[k] !== contact[k]);
  if (!changes.length) return;
  const dto = toContactDto(await updateContact(tx, contact.id, next));
  emit({ workspaceId: ctx.actor.workspaceId, type: 'contact.updated', actor: eventActor(ctx.actor), payload: { contact: dto, changes } });
}
