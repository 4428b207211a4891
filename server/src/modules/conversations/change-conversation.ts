import type { UseCaseContext } from '../use-case.js';
import type { Db } from '../../platform/db/db.js';
import { inTransaction, type Emit } from '../../platform/events/transaction.js';
import { eventActor, type EventActor } from '../../platform/events/event-types.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { can, canSeeConversation, type Action } from '../auth/permissions.js';
import { getConversationView, lockConversation, updateConversation, type ConversationRow, type NewConversation } from './conversations.repo.js';
import { conversationEvent } from './conversation-events.js';
import { conversationDto, type ConversationDto } from './conversations.dto.js';
import { insertMessage } from '../messages/messages.repo.js';
import { messageDto } from '../messages/messages.dto.js';

export interface ConversationChange {
  patch: Partial<NewConversation>;
  /** Event type, e.g. `conversation.assigned`. */
  type: string;
  /** The timeline entry (seed 002: every action shows in the chat). */
  activity: Record<string, unknown> & { action: string };
  payload?: Record<string, unknown>;
}

/** Loads and locks the conversation, or answers 404 when it is not in the actor's workspace or view. */
export async function lockVisibleConversation(ctx: UseCaseContext, tx: Db, id: number): Promise<ConversationRow> {
  const c = await lockConversation(tx, ctx.actor.workspaceId, id);
  if (!c || !canSeeConversation(ctx.actor, c)) throw notFound('Conversation');
  return c;
}

/**
 * The shape of every conversation action: load and lock → authorise → guard and decide (in `decide`) →
 * update, timeline entry and events in the same transaction → the new DTO.
 */
export async function changeConversation(
  ctx: UseCaseContext,
  id: number,
  action: Action,
  decide: (c: ConversationRow, tx: Db) => Promise<ConversationChange> | ConversationChange,
  extra?: (after: ConversationRow, tx: Db, emit: Emit) => Promise<void>,
): Promise<ConversationDto> {
  await inTransaction(ctx, async (tx, emit) => {
    const before = await lockVisibleConversation(ctx, tx, id);
    if (!can(ctx.actor, action, { workspaceId: before.workspaceId, teamId: before.teamId, assigneeId: before.assigneeId })) throw forbidden();
    const change = await decide(before, tx);
    const now = ctx.clock.now();
    const after = await updateConversation(tx, id, { ...change.patch, ...routingStamps(before, change.patch, now), lastActivityAt: now });
    await recordConversationChange(tx, emit, { before, after, type: change.type, activity: change.activity, payload: change.payload, actor: eventActor(ctx.actor), at: now });
    await extra?.(after, tx, emit);
  });
  return (await getConversation(ctx, id))!;
}

/**
 * When a conversation enters a queue it takes its place by that time; when it gets a new assignee, "has not
 * replied within N minutes" counts from then. A move between queues keeps the customer's place.
 */
export function routingStamps(before: ConversationRow, patch: Partial<NewConversation>, now: Date): Partial<NewConversation> {
  const status = patch.status ?? before.status;
  const assigneeId = patch.assigneeId !== undefined ? patch.assigneeId : before.assigneeId;
  const stamps: Partial<NewConversation> = {};
  if (status === 'queued' && assigneeId === null && (before.status !== 'queued' || before.assigneeId !== null)) stamps.queuedAt = now;
  if (assigneeId !== before.assigneeId) stamps.assignedAt = assigneeId === null ? null : now;
  return stamps;
}

/** The timeline entry and the events of a conversation change, written in the caller's transaction. */
export async function recordConversationChange(
  tx: Db,
  emit: Emit,
  c: { before: ConversationRow; after: ConversationRow; type: string; activity: Record<string, unknown>; payload?: Record<string, unknown>; actor: EventActor; at: Date },
) {
  const entry = await insertMessage(tx, {
    workspaceId: c.after.workspaceId,
    conversationId: c.after.id,
    channelId: c.after.channelId,
    kind: 'activity',
    senderType: c.actor.type === 'user' || c.actor.type === 'api' || c.actor.type === 'bot' ? c.actor.type : 'system',
    senderId: c.actor.id ?? null,
    meta: c.activity,
    createdAt: c.at,
  });
  emit(conversationEvent(c.after, c.type, c.actor, c.payload, c.before));
  emit(conversationEvent(c.after, 'message.created', c.actor, { message: messageDto(entry) }));
}

async function getConversation(ctx: UseCaseContext, id: number): Promise<ConversationDto | null> {
  const row = await getConversationView(ctx.db, ctx.actor.workspaceId, id);
  return row ? conversationDto(row) : null;
}
