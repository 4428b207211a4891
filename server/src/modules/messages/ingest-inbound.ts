import type { AppContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/db.js';
import { inTransaction, type Emit } from '../../platform/events/transaction.js';
import type { InboundEvent, InboundKind } from '../channels/channel.js';
import { resolveContacts } from '../contacts/contact-identities.repo.js';
import {
  applyInboundToConversations, findConversationsByIds, insertConversations, latestConversationsForContacts, lockChannelConversations, reopenRulesOf, type InboundConversation, type ReopenRules,
} from '../conversations/conversations.repo.js';
import type { ConversationStatus } from '../conversations/conversation-status.js';
import { conversationEvent, preview } from '../conversations/conversation-events.js';
import { parkReceipts } from './pending-receipts.repo.js';
import { advanceDelivery, findByExternalIds, insertMessagesOnce, lockProviderIds, queuedOutboundBodies, type MessageRow } from './messages.repo.js';
import { messageDto } from './messages.dto.js';
import { applyReactionsAndEdits, applyReads, type InboundEdit, type InboundReaction, type InboundRead } from './ingest-updates.js';

export interface IngestChannel {
  id: number;
  workspaceId: number;
  defaultTeamId: number | null;
  botEnabled: boolean;
  /** The workspace's reopen rules, when the caller already knows them (the hook route caches them). */
  reopenRules?: ReopenRules;
}

export type IngestResult =
  | { kind: 'message'; externalId: string; messageId: number; conversationId: number; duplicate: boolean }
  | { kind: 'status'; externalId: string; applied: boolean }
  /** A reaction or an edit: `applied` false for an unknown target, a repeat, or an older change than the message shows. */
  | { kind: 'reaction' | 'edit'; externalId: string; applied: boolean }
  /** A read watermark: how many of our replies it moved to read. */
  | { kind: 'read'; read: number }
  /** Accepted (so the provider stops re-delivering) and dropped: an echo of a reply we are sending ourselves. */
  | { kind: 'ignored'; event: InboundKind };

/** A customer's message, or (echo) one the business sent from another client: stored as our outbound message. */
type InboundMessage = Extract<InboundEvent, { kind: 'message' }> & { echo?: boolean };
type InboundStatus = Extract<InboundEvent, { kind: 'status' }>;

/** A race another transaction won (same new contact, same message): the whole batch is re-run. */
class LostRace extends Error {}

const contactActor = { type: 'contact' as const };
const systemActor = { type: 'system' as const };

/**
 * Stores inbound events of one channel: messages once each (the unique index decides), their contacts
 * and conversations (reused, woken, reopened or started; a reply naming its conversation, as email's threading
 * does, goes to that one: threadedReplies), delivery receipts forward only; all in one
 * transaction with a constant number of statements per batch, so a burst costs little per message.
 *
 * Interactive replies (a tapped button or list row) are stored as the customer's message: the title they saw
 * as its text, the payload in meta.interactive. An echo (the business wrote from the provider's own app) is
 * stored once as an outbound message already sent (meta.echo, sender `system`), so it is never sent again; one
 * that is a reply we are still sending is dropped. Reactions set the customer's emoji on the target
 * (meta.reactions) and edits its text (meta.editedFrom/editedAt), each a `message.updated`; read watermarks
 * move our replies to `read` through the delivery state machine (ingest-updates.ts).
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

type Storable = InboundMessage | InboundStatus | InboundReaction | InboundEdit | InboundRead | { kind: 'ignored'; event: InboundKind };

function asStorable(e: InboundEvent): Storable {
  switch (e.kind) {
    case 'message':
      return e.replyTo ? { ...e, meta: { ...(e.meta ?? {}), replyTo: e.replyTo } } : e;
    case 'interactive_reply':
      return {
        kind: 'message', externalId: e.externalId, contact: e.contact, text: e.title, sentAt: e.sentAt,
        meta: { interactive: { payload: e.payload, title: e.title }, ...(e.replyTo ? { replyTo: e.replyTo } : {}) },
      };
    case 'echo':
      return { kind: 'message', echo: true, externalId: e.externalId, contact: e.contact, text: e.text, sentAt: e.sentAt, attachments: e.attachments, meta: { echo: true } };
    default:
      return e;
  }
}

async function ingestOnce(ctx: AppContext, tx: Db, emit: Emit, channel: IngestChannel, items: Storable[]): Promise<IngestResult[]> {
  const now = ctx.clock.now();
  const messages = items.filter((i): i is InboundMessage => i.kind === 'message');
  const statuses = items.filter((i): i is InboundStatus => i.kind === 'status');
  const reads = items.filter((i): i is InboundRead => i.kind === 'read');
  const changes = items.filter((i): i is InboundReaction | InboundEdit => i.kind === 'reaction' || i.kind === 'edit');
  const results = new Map<string, IngestResult>();

  const known = await findByExternalIds(tx, channel.id, [...new Set(messages.map((m) => m.externalId))]);
  for (const k of known) results.set(`m:${k.externalId}`, { kind: 'message', externalId: k.externalId!, messageId: k.id, conversationId: k.conversationId, duplicate: true });
  const fresh = uniqueBy(messages.filter((m) => !results.has(`m:${m.externalId}`)), (m) => m.externalId);

  if (fresh.length) {
    const stored = await storeMessages(ctx, tx, emit, channel, fresh, now);
    for (const m of stored) results.set(`m:${m.externalId}`, { kind: 'message', externalId: m.externalId!, messageId: m.id, conversationId: m.conversationId, duplicate: false });
    for (const m of fresh) if (!results.has(`m:${m.externalId}`)) results.set(`m:${m.externalId}`, { kind: 'ignored', event: 'echo' });
  }
  if (statuses.length) {
    for (const s of statuses) results.set(`s:${s.externalId}:${s.status}`, { kind: 'status', externalId: s.externalId, applied: false });
    for (const applied of await applyStatuses(tx, emit, channel, statuses, now)) results.set(`s:${applied.externalId}:${applied.deliveryStatus}`, { kind: 'status', externalId: applied.externalId!, applied: true });
  }
  const readCounts = new Map<InboundRead, number>();
  if (reads.length) {
    // The batch's watermarks are applied in one statement; what they moved is counted on the first.
    const moved = await applyReads(tx, emit, channel, reads);
    for (const r of reads) readCounts.set(r, r === reads[0] ? moved.length : 0);
  }
  const applied = await applyReactionsAndEdits(tx, emit, channel, changes, now);

  // Every item gets its answer; a message repeated inside the batch is a duplicate of its first copy.
  const firstIndex = new Map<string, number>();
  return items.map((item, idx): IngestResult => {
    switch (item.kind) {
      case 'ignored':
        return item;
      case 'status':
        return results.get(`s:${item.externalId}:${item.status}`)!;
      case 'read':
        return { kind: 'read', read: readCounts.get(item) ?? 0 };
      case 'reaction':
      case 'edit':
        return { kind: item.kind, externalId: item.kind === 'reaction' ? item.targetExternalId : item.externalId, applied: applied.has(item) };
    }
    const r = results.get(`m:${item.externalId}`)!;
    if (r.kind !== 'message') return r;
    if (!firstIndex.has(item.externalId)) firstIndex.set(item.externalId, idx);
    return firstIndex.get(item.externalId) === idx ? r : { ...r, duplicate: true };
  });
}

async function storeMessages(ctx: AppContext, tx: Db, emit: Emit, channel: IngestChannel, incoming: InboundMessage[], now: Date): Promise<MessageRow[]> {
  const contactIds = await resolveContacts(tx, channel.workspaceId, channel.id, uniqueBy(incoming.map((m) => m.contact), (c) => c.externalId));
  const contactOf = (m: InboundMessage) => contactIds.get(m.contact.externalId)!;
  const fresh = await withoutOwnEchoes(tx, channel.id, incoming, contactOf);
  if (fresh.length === 0) return [];
  const hinted = new Map((await lockChannelConversations(tx, channel.id, [...new Set(fresh.flatMap((m) => (m.conversationHint && !m.echo ? [m.conversationHint.id] : [])))])).map((c) => [c.id, c]));
  const latest = new Map((await latestConversationsForContacts(tx, channel.id, [...new Set([...fresh.map(contactOf), ...[...hinted.values()].map((c) => c.contactId)])])).map((c) => [c.contactId, c]));
  const threadOf = threadedReplies(fresh, hinted, latest);
  const threaded = new Set(threadOf.values());
  /** The contact whose conversation a message joins: its sender's, or the one of the thread it answers. */
  const routeOf = (m: InboundMessage) => threadOf.get(m) ?? contactOf(m);
  const reopen = channel.reopenRules ?? (await reopenRulesOf(tx, channel.workspaceId));
  const windowMs = reopen.windowMinutes * 60_000;
  const customersWhoWrote = new Set(fresh.filter((m) => !m.echo).map(routeOf));

  // Decide, per contact, which conversation the messages go to. Only the customer's own messages wake or reopen one.
  const target = new Map<number, { row: InboundConversation | null; status: ConversationStatus; change: 'none' | 'woken' | 'reopened' }>();
  const toCreate: number[] = [];
  for (const contactId of new Set(fresh.map(routeOf))) {
    const c = latest.get(contactId);
    const resumed: ConversationStatus = c?.botActive ? 'bot' : c?.assigneeId ? 'open' : 'queued';
    if (c && !customersWhoWrote.has(contactId)) target.set(contactId, { row: c, status: c.status, change: 'none' });
    else if (c && c.status !== 'closed') target.set(contactId, { row: c, status: c.status === 'snoozed' ? resumed : c.status, change: c.status === 'snoozed' ? 'woken' : 'none' });
    else if (c && (threaded.has(contactId) || (c.closedAt && now.getTime() - c.closedAt.getTime() <= windowMs))) {
      // Released on close: the customer's next message goes to the bot or the queue, not to whoever had it.
      const status = reopen.releaseAssignee && !c.botActive ? 'queued' : resumed;
      target.set(contactId, { row: c, status, change: 'reopened' });
    }
    else toCreate.push(contactId);
  }
  const releases = (t: { row: InboundConversation | null; change: string }) => t.change === 'reopened' && reopen.releaseAssignee && t.row!.assigneeId !== null;
  const created = await insertConversations(tx, toCreate.map((contactId) => ({
    workspaceId: channel.workspaceId,
    contactId,
    channelId: channel.id,
    status: channel.botEnabled ? ('bot' as const) : ('queued' as const),
    botActive: channel.botEnabled,
    teamId: channel.defaultTeamId,
    queuedAt: channel.botEnabled ? null : now,
    lastActivityAt: now,
    createdAt: now,
  })));
  for (const c of created) target.set(c.contactId, { row: c, status: c.status, change: 'none' });
  const isNew = new Set<InboundConversation>(created);

  const rows = await insertMessagesOnce(tx, fresh.map((m) => ({
    workspaceId: channel.workspaceId,
    conversationId: target.get(routeOf(m))!.row!.id,
    channelId: channel.id,
    kind: 'message' as const,
    // An echo is ours, already sent by the provider's own app: stored as sent, so the outbound queue never takes it.
    ...(m.echo
      ? { direction: 'outbound' as const, senderType: 'system' as const, senderId: null, deliveryStatus: 'sent' as const }
      : { direction: 'inbound' as const, senderType: 'contact' as const, senderId: contactOf(m) }),
    body: m.text,
    meta: { ...(m.meta ?? {}), ...(m.sentAt ? { sentAt: m.sentAt.toISOString() } : {}), ...(m.attachments?.length ? { remoteAttachments: m.attachments } : {}) },
    externalId: m.externalId,
    createdAt: now,
  })));
  if (rows.length !== fresh.length) throw new LostRace(); // a concurrent delivery stored some of these first

  const perConversation = new Map<number, { all: MessageRow[]; inbound: MessageRow[] }>();
  for (const r of rows) {
    const p = perConversation.get(r.conversationId) ?? { all: [], inbound: [] };
    p.all.push(r);
    if (r.direction === 'inbound') p.inbound.push(r);
    perConversation.set(r.conversationId, p);
  }
  const updates = [...target.values()].filter((t) => perConversation.get(t.row!.id)?.inbound.length).map((t) => {
    const msgs = perConversation.get(t.row!.id)!.inbound;
    return { id: t.row!.id, status: t.status, lastActivityAt: now, preview: preview(msgs.at(-1)!.body), inbound: msgs.length, reopened: t.change === 'reopened', release: releases(t) };
  });
  await applyInboundToConversations(tx, updates);

  for (const t of target.values()) {
    const before = t.row!;
    const { all, inbound } = perConversation.get(before.id) ?? { all: [], inbound: [] };
    const after: InboundConversation = inbound.length === 0 ? before : {
      ...before, status: t.status, lastActivityAt: now,
      lastMessagePreview: preview(inbound.at(-1)!.body), unreadCount: before.unreadCount + inbound.length,
      ...(t.status === 'queued' && before.status !== 'queued' ? { queuedAt: now } : {}),
      ...(releases(t) ? { assigneeId: null, assignedAt: null } : {}),
      ...(t.change === 'reopened' ? { closedAt: null } : {}),
    };
    if (isNew.has(before)) emit(conversationEvent(after, 'conversation.created', contactActor));
    else if (t.change !== 'none') emit(conversationEvent(after, `conversation.${t.change}`, contactActor, {}, before));
    for (const m of all) emit(conversationEvent(after, 'message.created', m.direction === 'inbound' ? contactActor : systemActor, { message: messageDto(m) }));
  }
  return rows;
}

/**
 * Replies that name their conversation (conversationHint: email threads by headers and reply token) go to it,
 * open or closed whatever its age, as its contact's conversation for this batch, whichever address wrote. Not when
 * that contact has another conversation open (only one may be: the reply goes where the sender's messages go), nor
 * a second thread of one contact in one batch. Returns the contact each threaded message's conversation belongs
 * to; `latest` then holds the threads.
 */
function threadedReplies(msgs: InboundMessage[], hinted: Map<number, InboundConversation>, latest: Map<number, InboundConversation>): Map<InboundMessage, number> {
  const threadOf = new Map<InboundMessage, number>();
  const threads = new Map<number, InboundConversation>();
  for (const m of msgs) {
    const h = m.conversationHint && !m.echo ? hinted.get(m.conversationHint.id) : undefined;
    if (!h) continue;
    const taken = threads.get(h.contactId);
    const current = latest.get(h.contactId);
    if (taken ? taken.id !== h.id : current && current.id !== h.id && current.status !== 'closed') continue;
    threads.set(h.contactId, h);
    threadOf.set(m, h.contactId);
  }
  for (const [contactId, h] of threads) latest.set(contactId, h);
  return threadOf;
}

/**
 * Drops echoes of replies we are sending right now: the provider can echo a send before our send job has stored
 * the id it answered, and such an echo stored as a message would take that id and make the job fail and resend.
 */
async function withoutOwnEchoes(tx: Db, channelId: number, msgs: InboundMessage[], contactOf: (m: InboundMessage) => number): Promise<InboundMessage[]> {
  const echoes = msgs.filter((m) => m.echo);
  if (echoes.length === 0) return msgs;
  const key = (contactId: number, body: string) => `${contactId}\n${body.trim()}`;
  const sending = new Set((await queuedOutboundBodies(tx, channelId, [...new Set(echoes.map(contactOf))])).map((q) => key(q.contactId, q.body)));
  return msgs.filter((m) => !m.echo || !sending.has(key(contactOf(m), m.text)));
}

async function applyStatuses(tx: Db, emit: Emit, channel: IngestChannel, statuses: InboundStatus[], now: Date): Promise<MessageRow[]> {
  const moved: MessageRow[] = [];
  await lockProviderIds(tx, statuses.map((s) => s.externalId)); // the send recording one of these ids goes first, or after us
  for (const s of statuses) {
    const row = await advanceDelivery(tx, { channelId: channel.id, externalId: s.externalId }, s.status, s.status === 'failed' ? { failureReason: failureReasonOf(s) } : {});
    if (row) moved.push(row);
  }
  // A receipt for a message we do not know yet overtook our send's answer: it waits for the send to record the id.
  const unmoved = [...new Set(statuses.filter((s) => !moved.some((m) => m.externalId === s.externalId)).map((s) => s.externalId))];
  const known = new Set(unmoved.length ? (await findByExternalIds(tx, channel.id, unmoved)).map((m) => m.externalId) : []);
  const early = statuses.filter((s) => unmoved.includes(s.externalId) && !known.has(s.externalId));
  if (early.length) {
    await parkReceipts(tx, channel.id, early.map((s) => ({
      workspaceId: channel.workspaceId, channelId: channel.id, externalId: s.externalId, status: s.status,
      failureReason: s.status === 'failed' ? failureReasonOf(s) : null, receivedAt: now,
    })), now);
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

/** The provider's code leads the reason, as a failed send's does ("131047: Re-engagement message"). */
function failureReasonOf(s: InboundStatus): string {
  const reason = s.reason ?? 'failed';
  return s.providerCode && !reason.startsWith(`${s.providerCode}:`) ? `${s.providerCode}: ${reason}` : reason;
}
