/**
 * The inbound events that change messages already stored rather than adding one: a customer's reaction, an edit
 * of their message, a read watermark over our replies. Part of ingestInbound's transaction, with a constant
 * number of statements whatever the batch holds.
 */
import type { Db } from '../../platform/db/db.js';
import type { Emit } from '../../platform/events/transaction.js';
import type { InboundEvent } from '../channels/channel.js';
import { findConversationsByIds } from '../conversations/conversations.repo.js';
import { conversationEvent } from '../conversations/conversation-events.js';
import { attachmentsOf, lockMessagesByExternalIds, markReadUpTo, updateMessagesContent, type MessageRow } from './messages.repo.js';
import { messageDto } from './messages.dto.js';

export type InboundReaction = Extract<InboundEvent, { kind: 'reaction' }>;
export type InboundEdit = Extract<InboundEvent, { kind: 'edit' }>;
export type InboundRead = Extract<InboundEvent, { kind: 'read' }>;

/** meta.reactions of a message: one emoji per contact, with when it was put. */
export interface MessageReaction {
  emoji: string;
  contactId: number;
  at: string;
}

const contactActor = { type: 'contact' as const };

/**
 * Applies reactions and edits in order; returns the provider ids of the targets each one changed (absent:
 * unknown target, a repeat, or older than what the message already shows). Each changed message gets one
 * `message.updated` with its new content.
 */
export async function applyReactionsAndEdits(
  tx: Db,
  emit: Emit,
  channel: { id: number; workspaceId: number },
  items: Array<InboundReaction | InboundEdit>,
  now: Date,
): Promise<Set<InboundReaction | InboundEdit>> {
  const applied = new Set<InboundReaction | InboundEdit>();
  if (items.length === 0) return applied;
  const targets = new Map((await lockMessagesByExternalIds(tx, channel.id, [...new Set(items.map(targetOf))])).map((m) => [m.externalId!, m]));
  const changed = new Map<number, { id: number; body: string; meta: Record<string, unknown> }>();
  for (const item of items) {
    const target = targets.get(targetOf(item));
    if (!target || target.deletedAt || target.kind !== 'message') continue;
    const current = changed.get(target.id) ?? { id: target.id, body: target.body, meta: target.meta };
    const next = item.kind === 'reaction' ? withReaction(current, target.contactId, item, now) : target.direction === 'inbound' ? withEdit(current, item, now) : null;
    if (!next) continue;
    changed.set(target.id, next);
    applied.add(item);
  }
  const rows = await updateMessagesContent(tx, [...changed.values()]);
  await emitUpdated(tx, emit, channel.workspaceId, rows);
  return applied;
}

const targetOf = (item: InboundReaction | InboundEdit) => (item.kind === 'reaction' ? item.targetExternalId : item.externalId);

/** The contact's emoji replaced (or removed, emoji null); a re-delivered older reaction changes nothing. */
function withReaction(m: { id: number; body: string; meta: Record<string, unknown> }, contactId: number, r: InboundReaction, now: Date) {
  const at = (r.at ?? now).toISOString();
  const reactions = (Array.isArray(m.meta.reactions) ? m.meta.reactions : []) as MessageReaction[];
  const mine = reactions.find((x) => x.contactId === contactId);
  if (mine && mine.at > at) return null;
  if ((mine?.emoji ?? null) === r.emoji) return null;
  const others = reactions.filter((x) => x.contactId !== contactId);
  return { ...m, meta: { ...m.meta, reactions: r.emoji ? [...others, { emoji: r.emoji, contactId, at }] : others } };
}

/** The customer's new text; the first text they sent is kept in meta.editedFrom. Older or repeated edits change nothing. */
function withEdit(m: { id: number; body: string; meta: Record<string, unknown> }, e: InboundEdit, now: Date) {
  const at = (e.editedAt ?? now).toISOString();
  const last = typeof m.meta.editedAt === 'string' ? m.meta.editedAt : null;
  if (e.text === m.body || (last && last > at)) return null;
  return { id: m.id, body: e.text, meta: { ...m.meta, editedFrom: m.meta.editedFrom ?? m.body, editedAt: at } };
}

/** Moves our replies covered by read watermarks to `read` and tells each conversation's audience, as delivery receipts do. */
export async function applyReads(tx: Db, emit: Emit, channel: { id: number; workspaceId: number }, reads: InboundRead[]): Promise<MessageRow[]> {
  const moved = await markReadUpTo(
    tx,
    channel.id,
    reads.map((r) => ({ contactExternalId: r.contact.externalId, at: r.upTo.at ?? null, upToExternalId: r.upTo.externalId ?? null })),
  );
  const convs = new Map((await findConversationsByIds(tx, channel.workspaceId, [...new Set(moved.map((m) => m.conversationId))])).map((c) => [c.id, c]));
  for (const m of moved) emit(conversationEvent(convs.get(m.conversationId)!, 'message.status_changed', contactActor, { messageId: m.id, status: m.deliveryStatus, failureReason: m.failureReason }));
  return moved;
}

async function emitUpdated(tx: Db, emit: Emit, workspaceId: number, rows: MessageRow[]) {
  if (rows.length === 0) return;
  const files = await attachmentsOf(tx, rows.map((r) => r.id));
  const convs = new Map((await findConversationsByIds(tx, workspaceId, [...new Set(rows.map((m) => m.conversationId))])).map((c) => [c.id, c]));
  for (const m of rows) emit(conversationEvent(convs.get(m.conversationId)!, 'message.updated', contactActor, { message: messageDto(m, files) }));
}
