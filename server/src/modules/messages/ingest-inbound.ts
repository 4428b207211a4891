import type { AppContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/db.js';
import { inTransaction, type Emit } from '../../platform/events/transaction.js';
import type { InboundEvent, InboundKind } from '../channels/channel.js';
import { resolveContacts } from '../contacts/contact-identities.repo.js';
import {
  applyInboundToConversations, findConversationsByIds, insertConversations, latestConversationsForContacts, reopenWindowOf, type ConversationRow,
} from '../conversations/conversations.repo.js';
import type { ConversationStatus } from '../conversations/conversation-status.js';
import { conversationEvent, preview } from '../conversations/conversation-events.js';
import { advanceDelivery, findByExternalIds, insertMessagesOnce, type MessageRow } from './messages.repo.js';
import { messageDto } from './messages.dto.js';

export interface IngestChannel {
  id: number;
  workspaceId: number;
  defaultTeamId: number | null;
  botEnabled: boolean;
  /** The workspace's reopen window, when the caller already knows it (the hook route caches it). */
  reopenWindowMinutes?: number;
}

export type IngestResult =
  | { kind: 'message'; externalId: string; messageId: number; conversationId: number; duplicate: boolean }
  | { kind: 'status'; externalId: string; applied: boolean }
  /** Accepted (so the provider stops re-delivering) but not applied yet: see ingestInbound. */
  | { kind: 'ignored'; event: InboundKind };

type InboundMessage = Extract<InboundEvent, { kind: 'message' }>;
type InboundStatus = Extract<InboundEvent, { kind: 'status' }>;

/** A race another transaction won (same new contact, same message): the whole batch is re-run. */
class LostRace extends Error {}

const contactActor = { type: 'contact' as const };

/**
 * Stores inbound events of one channel: messages once each (the unique index decides), their contacts
 * and conversations (reused, woken, reopened or started), delivery receipts forward only; all in one
 * transaction with a constant number of statements per batch, so a burst costs little per message.
 *
 * Interactive replies (a tapped button or list row) are stored as the customer's message: the title they saw
 * as its text, the payload in meta.interactive. Reactions, read watermarks, echoes and edits are accepted
 * (answered 200, so the provider stops re-delivering) but not applied yet: nothing is stored for them.
 */
export async function ingestInbound(ctx: AppContext, channel: IngestChannel, events: InboundEvent[]): Promise<IngestResult[]> {
  const items = events.map(asStorable);
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(ctx, (tx, emit) => ingestOnce(ctx, tx, emit, channel, items));
    } catch (err) {
      const raced = err instanceof LostRace || (err as { code?: string }).code === '23505';
      if (!raced || attempt >= 5) throw err;
    }
  }
}

type Storable = InboundMessage | InboundStatus | { kind: 'ignored'; event: InboundKind };

function asStorable(e: InboundEvent): Storable {
  switch (e.kind) {
    case 'message':
      return e.replyTo ? { ...e, meta: { ...(e.meta ?? {}), replyTo: e.replyTo } } : e;
    case 'interactive_reply':
      return {
        kind: 'message', externalId: e.externalId, contact: e.contact, text: e.title, sentAt: e.sentAt,
        meta: { interactive: { payload: e.payload, title: e.title }, ...(e.replyTo ? { replyTo: e.replyTo } : {}) },
      };
    case 'status':
      return e;
    default:
      return { kind: 'ignored', event: e.kind };
  }
}

async function ingestOnce(ctx: AppContext, tx: Db, emit: Emit, channel: IngestChannel, items: Storable[]): Promise<IngestResult[]> {
  const now = ctx.clock.now();
  const messages = items.filter((i): i is InboundMessage => i.kind === 'message');
  const statuses = items.filter((i): i is InboundStatus => i.kind === 'status');
  const results = new Map<string, IngestResult>();

  const known = await findByExternalIds(tx, channel.id, [...new Set(messages.map((m) => m.externalId))]);
  for (const k of known) results.set(`m:${k.externalId}`, { kind: 'message', externalId: k.externalId!, messageId: k.id, conversationId: k.conversationId, duplicate: true });
  const fresh = uniqueBy(messages.filter((m) => !results.has(`m:${m.externalId}`)), (m) => m.externalId);

  if (fresh.length) {
    const stored = await storeMessages(ctx, tx, emit, channel, fresh, now);
    for (const m of stored) results.set(`m:${m.externalId}`, { kind: 'message', externalId: m.externalId!, messageId: m.id, conversationId: m.conversationId, duplicate: false });
  }
  if (statuses.length) {
    for (const s of statuses) results.set(`s:${s.externalId}:${s.status}`, { kind: 'status', externalId: s.externalId, applied: false });
    for (const applied of await applyStatuses(tx, emit, channel, statuses)) results.set(`s:${applied.externalId}:${applied.deliveryStatus}`, { kind: 'status', externalId: applied.externalId!, applied: true });
  }
  // Every item gets its answer; a message repeated inside the batch is a duplicate of its first copy.
  const firstIndex = new Map<string, number>();
  return items.map((item, idx) => {
    if (item.kind === 'ignored') return item;
    if (item.kind === 'status') return results.get(`s:${item.externalId}:${item.status}`)!;
    const r = results.get(`m:${item.externalId}`)!;
    if (!firstIndex.has(item.externalId)) firstIndex.set(item.externalId, idx);
    return firstIndex.get(item.externalId) === idx ? r : { ...r, duplicate: true };
  });
}

async function storeMessages(ctx: AppContext, tx: Db, emit: Emit, channel: IngestChannel, fresh: InboundMessage[], now: Date): Promise<MessageRow[]> {
  const contactIds = await resolveContacts(tx, channel.workspaceId, channel.id, uniqueBy(fresh.map((m) => m.contact), (c) => c.externalId));
  const latest = new Map((await latestConversationsForContacts(tx, channel.id, [...new Set(contactIds.values())])).map((c) => [c.contactId, c]));
  const windowMs = (channel.reopenWindowMinutes ?? (await reopenWindowOf(tx, channel.workspaceId))) * 60_000;

  // Decide, per contact, which conversation the messages go to.
  const target = new Map<number, { row: ConversationRow | null; status: ConversationStatus; change: 'none' | 'woken' | 'reopened' }>();
  const toCreate: number[] = [];
  for (const contactId of new Set(fresh.map((m) => contactIds.get(m.contact.externalId)!))) {
    const c = latest.get(contactId);
    const resumed: ConversationStatus = c?.botActive ? 'bot' : c?.assigneeId ? 'open' : 'queued';
    if (c && c.status !== 'closed') target.set(contactId, { row: c, status: c.status === 'snoozed' ? resumed : c.status, change: c.status === 'snoozed' ? 'woken' : 'none' });
    else if (c && c.closedAt && now.getTime() - c.closedAt.getTime() <= windowMs) target.set(contactId, { row: c, status: resumed, change: 'reopened' });
    else toCreate.push(contactId);
  }
  const created = await insertConversations(tx, toCreate.map((contactId) => ({
    workspaceId: channel.workspaceId,
    contactId,
    channelId: channel.id,
    status: channel.botEnabled ? ('bot' as const) : ('queued' as const),
    botActive: channel.botEnabled,
    teamId: channel.defaultTeamId,
    lastActivityAt: now,
    createdAt: now,
  })));
  for (const c of created) target.set(c.contactId, { row: c, status: c.status, change: 'none' });

  const rows = await insertMessagesOnce(tx, fresh.map((m) => ({
    workspaceId: channel.workspaceId,
    conversationId: target.get(contactIds.get(m.contact.externalId)!)!.row!.id,
    channelId: channel.id,
    kind: 'message' as const,
    direction: 'inbound' as const,
    senderType: 'contact' as const,
    senderId: contactIds.get(m.contact.externalId)!,
    body: m.text,
    meta: { ...(m.meta ?? {}), ...(m.sentAt ? { sentAt: m.sentAt.toISOString() } : {}), ...(m.attachments?.length ? { remoteAttachments: m.attachments } : {}) },
    externalId: m.externalId,
    createdAt: now,
  })));
  if (rows.length !== fresh.length) throw new LostRace(); // a concurrent delivery stored some of these first

  const perConversation = new Map<number, MessageRow[]>();
  for (const r of rows) perConversation.set(r.conversationId, [...(perConversation.get(r.conversationId) ?? []), r]);
  const updates = [...target.values()].filter((t) => perConversation.has(t.row!.id)).map((t) => {
    const msgs = perConversation.get(t.row!.id)!;
    return { id: t.row!.id, status: t.status, lastActivityAt: now, preview: preview(msgs.at(-1)!.body), inbound: msgs.length, reopened: t.change === 'reopened' };
  });
  await applyInboundToConversations(tx, updates);

  for (const t of target.values()) {
    const before = t.row!;
    const msgs = perConversation.get(before.id) ?? [];
    const after: ConversationRow = {
      ...before, status: t.status, lastActivityAt: now, lastInboundAt: now,
      lastMessagePreview: preview(msgs.at(-1)?.body ?? before.lastMessagePreview), unreadCount: before.unreadCount + msgs.length,
      ...(t.change !== 'none' ? { snoozeMode: null, snoozedUntil: null } : {}),
      ...(t.change === 'reopened' ? { closedAt: null, closedBy: null, closingCategory: null, closingSummary: null } : {}),
    };
    if (created.includes(before)) emit(conversationEvent(after, 'conversation.created', contactActor));
    else if (t.change !== 'none') emit(conversationEvent(after, `conversation.${t.change}`, contactActor, {}, before));
    for (const m of msgs) emit(conversationEvent(after, 'message.created', contactActor, { message: messageDto(m) }));
  }
  return rows;
}

async function applyStatuses(tx: Db, emit: Emit, channel: IngestChannel, statuses: InboundStatus[]): Promise<MessageRow[]> {
  const moved: MessageRow[] = [];
  for (const s of statuses) {
    const row = await advanceDelivery(tx, { channelId: channel.id, externalId: s.externalId }, s.status, s.status === 'failed' ? { failureReason: s.reason ?? 'failed' } : {});
    if (row) moved.push(row);
  }
  const convs = new Map((await findConversationsByIds(tx, channel.workspaceId, [...new Set(moved.map((m) => m.conversationId))])).map((c) => [c.id, c]));
  for (const m of moved) {
    emit(conversationEvent(convs.get(m.conversationId)!, 'message.status_changed', { type: 'system' }, { messageId: m.id, status: m.deliveryStatus, failureReason: m.failureReason }));
  }
  return moved;
}

function uniqueBy<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((i) => (seen.has(key(i)) ? false : (seen.add(key(i)), true)));
}
