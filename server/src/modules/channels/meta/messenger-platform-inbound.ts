/**
 * Webhooks of the Messenger Platform (Facebook Messenger `object: "page"`, Instagram `object: "instagram"`):
 * batched `entry[]`, each with `messaging[]` (messages, postbacks, receipts, reactions, edits, echoes) and
 * `changes[]` (comments on the account's posts), normalised into inbound events.
 */
import { type InboundAttachment, type InboundContact, type InboundEvent, InvalidPayloadError } from '../channel.js';

type Json = Record<string, any>;

export interface MessengerPlatformAccount {
  /** `page` for Messenger, `instagram` for Instagram. */
  object: 'page' | 'instagram';
  /** The Page id or Instagram account id: entries of other accounts the app is subscribed to are not ours. */
  ownId: string;
}

/** The prefix of our outgoing messages' metadata (Messenger echoes it back): our own sends are not echoes to store. */
export const OWN_SEND_METADATA = 'atiende:';

/** The contact and message id of a comment thread: a private reply goes to `recipient.comment_id`. */
export const COMMENT_PREFIX = 'comment:';

/** Meta's named reactions, for reaction webhooks that name the reaction without its emoji. */
const REACTION_EMOJI: Record<string, string> = { love: '❤️', like: '👍', smile: '😆', wow: '😮', sad: '😢', angry: '😠' };
/** Attachment types whose payload.url is the file itself (an expiring CDN link): copied into storage. */
const FILE_TYPES = new Set(['image', 'video', 'audio', 'file']);

export function parseMessengerPlatform(body: unknown, account: MessengerPlatformAccount): InboundEvent[] {
  const b = body as Json | null;
  if (!b || typeof b !== 'object' || Array.isArray(b) || b.object !== account.object || !Array.isArray(b.entry)) {
    throw new InvalidPayloadError(`Invalid object: expected {"object":"${account.object}","entry":[…]}`, 'object');
  }
  const events: InboundEvent[] = [];
  for (const entry of b.entry as Json[]) {
    if (!entry || typeof entry !== 'object' || String(entry.id) !== account.ownId) continue;
    for (const item of Array.isArray(entry.messaging) ? (entry.messaging as Json[]) : []) {
      const e = messagingEvent(item, account);
      if (e) events.push(...e);
    }
    for (const change of Array.isArray(entry.changes) ? (entry.changes as Json[]) : []) {
      const e = commentEvent(change, account);
      if (e) events.push(e);
    }
  }
  return events;
}

const ms = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? new Date(v) : undefined);
const idOf = (party: unknown) => (party && typeof party === 'object' && (party as Json).id != null ? String((party as Json).id) : '');

function messagingEvent(item: Json, account: MessengerPlatformAccount): InboundEvent[] | null {
  if (!item || typeof item !== 'object') return null;
  const sender = idOf(item.sender);
  const at = ms(item.timestamp);
  const m = item.message as Json | undefined;
  if (m && typeof m === 'object') {
    if (m.is_echo) return echoEvent(item, m, at);
    if (sender === account.ownId || m.is_deleted || m.is_unsupported || !m.mid) return null; // unsends, gifs/stickers IG cannot show
    const contact: InboundContact = { externalId: requireParty(sender, 'sender') };
    if (m.quick_reply?.payload != null) {
      return [{ kind: 'interactive_reply', externalId: String(m.mid), contact, payload: String(m.quick_reply.payload), title: String(m.text ?? m.quick_reply.payload), sentAt: at }];
    }
    const content = messageContent(m);
    return [{
      kind: 'message', externalId: String(m.mid), contact, text: content.text, sentAt: at,
      ...(content.attachments.length ? { attachments: content.attachments } : {}),
      ...(typeof m.reply_to?.mid === 'string' ? { replyTo: m.reply_to.mid } : {}),
      ...(Object.keys(content.meta).length ? { meta: content.meta } : {}),
    }];
  }
  const contact = (): InboundContact => ({ externalId: requireParty(sender, 'sender') });
  if (item.postback && typeof item.postback === 'object') {
    const p = item.postback as Json;
    return [{ kind: 'interactive_reply', externalId: String(p.mid ?? `postback:${sender}:${item.timestamp}`), contact: contact(), payload: String(p.payload ?? ''), title: String(p.title ?? p.payload ?? ''), sentAt: at }];
  }
  if (item.delivery && typeof item.delivery === 'object') {
    // Messenger: `mids` name what was delivered (it may be absent, and then only a watermark is given: nothing to match).
    const mids = Array.isArray(item.delivery.mids) ? (item.delivery.mids as unknown[]) : [];
    return mids.map((mid) => ({ kind: 'status' as const, externalId: String(mid), status: 'delivered' as const, at: ms(item.delivery.watermark) ?? at }));
  }
  if (item.read && typeof item.read === 'object') {
    // Messenger reads are a watermark (ms); Instagram's name the message read.
    const upTo = typeof item.read.mid === 'string' ? { externalId: item.read.mid as string } : { at: ms(item.read.watermark) ?? at };
    return [{ kind: 'read', contact: contact(), upTo }];
  }
  if (item.reaction && typeof item.reaction === 'object') {
    const r = item.reaction as Json;
    if (typeof r.mid !== 'string') return null;
    const emoji = r.action === 'unreact' ? null : String(r.emoji ?? REACTION_EMOJI[r.reaction] ?? r.reaction ?? '');
    return [{ kind: 'reaction', externalId: `${r.mid}:${sender}:${item.timestamp}`, contact: contact(), targetExternalId: r.mid, emoji: emoji || null, at }];
  }
  if (item.message_edit && typeof item.message_edit === 'object' && typeof item.message_edit.mid === 'string') {
    return [{ kind: 'edit', externalId: item.message_edit.mid, contact: contact(), text: String(item.message_edit.text ?? ''), editedAt: at }];
  }
  return null; // opt-ins, referrals, handover, account linking: not for the inbox
}

/** A message the account sent from elsewhere (the Page inbox, the Instagram app, another app): sender = us, recipient = the customer. */
function echoEvent(item: Json, m: Json, at: Date | undefined): InboundEvent[] | null {
  if (!m.mid || (typeof m.metadata === 'string' && m.metadata.startsWith(OWN_SEND_METADATA))) return null;
  if (m.is_deleted || m.is_unsupported) return null;
  const content = messageContent(m);
  const text = content.text || (typeof m.attachments?.[0]?.payload?.text === 'string' ? m.attachments[0].payload.text : '');
  return [{ kind: 'echo', externalId: String(m.mid), contact: { externalId: requireParty(idOf(item.recipient), 'recipient') }, text, sentAt: at, ...(content.attachments.length ? { attachments: content.attachments } : {}) }];
}

/** Text, downloadable files, and what is only a link (shares, reels, stories) or a place, from a message. */
function messageContent(m: Json): { text: string; attachments: InboundAttachment[]; meta: Json } {
  let text = typeof m.text === 'string' ? m.text : '';
  const attachments: InboundAttachment[] = [];
  const meta: Json = {};
  const links: Json[] = [];
  if (m.reply_to?.story && typeof m.reply_to.story === 'object') {
    meta.story = { kind: 'reply', id: m.reply_to.story.id != null ? String(m.reply_to.story.id) : undefined, url: m.reply_to.story.url };
  }
  for (const a of Array.isArray(m.attachments) ? (m.attachments as Json[]) : []) {
    const url = typeof a?.payload?.url === 'string' ? (a.payload.url as string) : undefined;
    if (a?.type === 'story_mention') {
      meta.story = { kind: 'mention', url };
      if (url) attachments.push({ url });
    } else if (FILE_TYPES.has(a?.type) && url) {
      attachments.push({ url });
    } else if (a?.type === 'location' && a.payload?.coordinates) {
      const { lat, long } = a.payload.coordinates as Json;
      meta.location = { latitude: lat, longitude: long };
      text ||= `📍 ${lat}, ${long}`;
    } else if (url) {
      links.push({ type: String(a.type), url, ...(a.payload?.title ? { title: String(a.payload.title) } : {}) });
    }
  }
  if (links.length) {
    meta.links = links;
    text ||= links.map((l) => l.url).join('\n');
  }
  return { text, attachments, meta };
}

function requireParty(id: string, field: string): string {
  if (!id) throw new InvalidPayloadError(`Invalid messaging.${field}: expected an object with an id`, `messaging.${field}`);
  return id;
}

/**
 * A comment on one of the account's posts (Facebook `feed` with item "comment"; Instagram `comments`). Each
 * comment is its own thread with its own contact identity (`comment:<id>`), so an agent's reply in that
 * conversation goes out as the private reply Meta allows to that comment.
 */
function commentEvent(change: Json, account: MessengerPlatformAccount): InboundEvent | null {
  const v = change?.value as Json | undefined;
  if (!v || typeof v !== 'object') return null;
  if (account.object === 'page') {
    if (change.field !== 'feed' || v.item !== 'comment' || !v.comment_id || idOf(v.from) === account.ownId) return null;
    const id = String(v.comment_id);
    const name = typeof v.from?.name === 'string' ? v.from.name : undefined;
    const contact = { externalId: `${COMMENT_PREFIX}${id}`, ...(name ? { name } : {}) };
    if (v.verb === 'edited') return { kind: 'edit', externalId: `${COMMENT_PREFIX}${id}`, contact, text: String(v.message ?? ''), editedAt: unix(v.created_time) };
    if (v.verb !== 'add') return null; // removed or hidden comments
    return {
      kind: 'message', externalId: `${COMMENT_PREFIX}${id}`, contact, text: String(v.message ?? ''), sentAt: unix(v.created_time),
      ...(typeof v.photo === 'string' ? { attachments: [{ url: v.photo }] } : {}),
      meta: { comment: { id, postId: v.post_id != null ? String(v.post_id) : undefined, parentId: v.parent_id != null && v.parent_id !== v.post_id ? String(v.parent_id) : undefined, permalink: v.post?.permalink_url, from: { id: idOf(v.from), name } } },
    };
  }
  if ((change.field !== 'comments' && change.field !== 'live_comments') || !v.id || idOf(v.from) === account.ownId) return null;
  const id = String(v.id);
  const username = typeof v.from?.username === 'string' ? `@${v.from.username}` : undefined;
  return {
    kind: 'message', externalId: `${COMMENT_PREFIX}${id}`, contact: { externalId: `${COMMENT_PREFIX}${id}`, ...(username ? { name: username } : {}) }, text: String(v.text ?? ''),
    meta: { comment: { id, mediaId: v.media?.id != null ? String(v.media.id) : undefined, mediaType: v.media?.media_product_type, parentId: v.parent_id != null ? String(v.parent_id) : undefined, live: change.field === 'live_comments' || undefined, from: { id: idOf(v.from), username: v.from?.username } } },
  };
}

/** Feed changes give created_time in seconds (sometimes as a string). */
function unix(v: unknown): Date | undefined {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? new Date(n * 1000) : undefined;
}
