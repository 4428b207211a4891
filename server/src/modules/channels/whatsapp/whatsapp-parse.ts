import { type ChannelRecord, type DeliveryStatusUpdate, type InboundAttachment, type InboundContact, type InboundEvent, InvalidPayloadError } from '../channel.js';
import { graphErrorText } from './whatsapp-errors.js';

type Json = Record<string, any>;

const MEDIA_TYPES = ['image', 'audio', 'video', 'document', 'sticker'] as const;
const STATUSES = new Set<DeliveryStatusUpdate>(['sent', 'delivered', 'read', 'failed']);
const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'video/mp4': 'mp4', 'video/3gpp': '3gp',
  'audio/ogg': 'ogg', 'audio/mpeg': 'mp3', 'audio/mp4': 'm4a', 'audio/aac': 'aac', 'audio/amr': 'amr', 'application/pdf': 'pdf',
};

const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
const unix = (s: unknown) => (/^\d+$/.test(String(s ?? '')) ? new Date(Number(s) * 1000) : undefined);

/**
 * A WhatsApp Cloud API webhook (`object: whatsapp_business_account`) into inbound events. One delivery may batch
 * several entries, changes, messages and statuses; changes of other fields (template status updates…) and of
 * another phone number of the same business account carry nothing for this channel.
 */
export function parseWhatsAppWebhook(channel: ChannelRecord, body: unknown): InboundEvent[] {
  if (!isObject(body) || body.object !== 'whatsapp_business_account') throw new InvalidPayloadError('Invalid object: expected "whatsapp_business_account"', 'object');
  if (!Array.isArray(body.entry)) throw new InvalidPayloadError('Invalid entry: expected an array', 'entry');
  const events: InboundEvent[] = [];
  body.entry.forEach((entry: unknown, e: number) => {
    if (!isObject(entry) || !Array.isArray(entry.changes)) throw new InvalidPayloadError(`Invalid entry[${e}].changes: expected an array`, `entry[${e}].changes`);
    entry.changes.forEach((change: unknown, c: number) => {
      const at = `entry[${e}].changes[${c}]`;
      if (!isObject(change) || !isObject(change.value)) throw new InvalidPayloadError(`Invalid ${at}.value: expected an object`, `${at}.value`);
      if (change.field !== 'messages') return;
      const number = change.value.metadata?.phone_number_id;
      if (number !== undefined && channel.config.phoneNumberId && String(number) !== String(channel.config.phoneNumberId)) return;
      events.push(...changeEvents(change.value, `${at}.value`));
    });
  });
  return events;
}

function changeEvents(value: Json, at: string): InboundEvent[] {
  const names = new Map<string, string>();
  for (const c of Array.isArray(value.contacts) ? value.contacts : []) {
    const id = c?.wa_id ?? c?.user_id;
    if (id && c?.profile?.name) names.set(String(id), String(c.profile.name));
  }
  const events: InboundEvent[] = [];
  (Array.isArray(value.messages) ? value.messages : []).forEach((m: unknown, i: number) => {
    const event = messageEvent(m, names, `${at}.messages[${i}]`);
    if (event) events.push(event);
  });
  (Array.isArray(value.statuses) ? value.statuses : []).forEach((s: unknown, i: number) => {
    const event = statusEvent(s, `${at}.statuses[${i}]`);
    if (event) events.push(event);
  });
  return events;
}

/**
 * The customer: their WhatsApp id (the phone number in digits today; Meta's business-scoped user id for people
 * who hide their number), the profile name, and the number in E.164 when the id is one.
 */
function contactOf(m: Json, names: Map<string, string>, at: string): InboundContact {
  const id = m.from ?? m.from_user_id;
  if (typeof id !== 'string' || !id) throw new InvalidPayloadError(`Invalid ${at}.from: expected the sender's WhatsApp id`, `${at}.from`);
  const name = names.get(id) ?? (m.from_user_id ? names.get(String(m.from_user_id)) : undefined);
  return { externalId: id, ...(name ? { name } : {}), ...(/^\d{6,15}$/.test(id) ? { phone: `+${id}` } : {}) };
}

function messageEvent(raw: unknown, names: Map<string, string>, at: string): InboundEvent | null {
  if (!isObject(raw) || typeof raw.id !== 'string' || !raw.id) throw new InvalidPayloadError(`Invalid ${at}.id: expected the message's wamid`, `${at}.id`);
  const m = raw;
  const contact = contactOf(m, names, at);
  const base = { externalId: m.id as string, contact, sentAt: unix(m.timestamp) };
  const replyTo = typeof m.context?.id === 'string' ? m.context.id : undefined;

  if (m.type === 'reaction') {
    const emoji = typeof m.reaction?.emoji === 'string' && m.reaction.emoji ? m.reaction.emoji : null;
    return { kind: 'reaction', externalId: m.id, contact, targetExternalId: String(m.reaction?.message_id ?? ''), emoji, at: base.sentAt };
  }
  if (m.type === 'interactive' && (m.interactive?.type === 'button_reply' || m.interactive?.type === 'list_reply')) {
    const reply = m.interactive[m.interactive.type] as Json;
    return { kind: 'interactive_reply', ...base, payload: String(reply?.id ?? ''), title: String(reply?.title ?? reply?.id ?? ''), ...(replyTo ? { replyTo } : {}) };
  }
  if (m.type === 'button') {
    // A quick-reply button of a template (the legacy shape): payload and the text the customer saw.
    return { kind: 'interactive_reply', ...base, payload: String(m.button?.payload ?? m.button?.text ?? ''), title: String(m.button?.text ?? m.button?.payload ?? ''), ...(replyTo ? { replyTo } : {}) };
  }
  if (m.type === 'system') return null; // "the customer changed their number" notices: not a message to answer

  const { text, attachments, meta } = content(m);
  if (m.context?.forwarded || m.context?.frequently_forwarded) meta.forwarded = m.context.frequently_forwarded ? 'frequently' : true;
  if (isObject(m.referral)) meta.referral = m.referral;
  return {
    kind: 'message', ...base, text,
    ...(attachments.length ? { attachments } : {}),
    ...(replyTo ? { replyTo } : {}),
    ...(Object.keys(meta).length ? { meta } : {}),
  };
}

/** Text, files and the readable form of locations and shared contacts (their data kept in meta). */
function content(m: Json): { text: string; attachments: InboundAttachment[]; meta: Json } {
  const meta: Json = {};
  if (m.type === 'text') return { text: String(m.text?.body ?? ''), attachments: [], meta };
  if ((MEDIA_TYPES as readonly string[]).includes(m.type)) {
    const media = (m[m.type] ?? {}) as Json;
    const contentType = typeof media.mime_type === 'string' ? media.mime_type.split(';')[0].trim() : undefined;
    if (m.type === 'audio' && media.voice) meta.voice = true;
    if (m.type === 'sticker') meta.sticker = { animated: !!media.animated };
    const filename = typeof media.filename === 'string' && media.filename ? media.filename : `${m.type}-${media.id}.${EXTENSIONS[contentType ?? ''] ?? 'bin'}`;
    return { text: String(media.caption ?? ''), attachments: media.id ? [{ ref: String(media.id), filename, ...(contentType ? { contentType } : {}) }] : [], meta };
  }
  if (m.type === 'location' && isObject(m.location)) {
    const { latitude, longitude, name, address, url } = m.location;
    meta.location = { latitude, longitude, ...(name ? { name } : {}), ...(address ? { address } : {}), ...(url ? { url } : {}) };
    const label = [name, address].filter(Boolean).join(', ');
    return { text: `📍 ${label ? `${label} ` : ''}(${latitude}, ${longitude})`, attachments: [], meta };
  }
  if (m.type === 'contacts' && Array.isArray(m.contacts)) {
    meta.sharedContacts = m.contacts.map((c: Json) => ({
      name: String(c?.name?.formatted_name ?? [c?.name?.first_name, c?.name?.last_name].filter(Boolean).join(' ')),
      phones: (Array.isArray(c?.phones) ? c.phones : []).map((p: Json) => String(p?.phone ?? p?.wa_id ?? '')).filter(Boolean),
      emails: (Array.isArray(c?.emails) ? c.emails : []).map((x: Json) => String(x?.email ?? '')).filter(Boolean),
    }));
    const text = (meta.sharedContacts as Array<{ name: string; phones: string[]; emails: string[] }>)
      .map((c) => `👤 ${[c.name, ...c.phones, ...c.emails].filter(Boolean).join(' · ')}`)
      .join('\n');
    return { text, attachments: [], meta };
  }
  // order, unsupported (errors[0] says why), flows' nfm_reply…: kept so the agent sees that something arrived.
  meta.unsupported = { type: String(m.type ?? 'unknown'), ...(m.type === 'interactive' ? { interactive: m.interactive } : {}), ...(m.order ? { order: m.order } : {}), ...(Array.isArray(m.errors) && m.errors[0] ? { code: m.errors[0].code, title: m.errors[0].title } : {}) };
  return { text: '', attachments: [], meta };
}

function statusEvent(raw: unknown, at: string): InboundEvent | null {
  if (!isObject(raw) || typeof raw.id !== 'string' || !raw.id) throw new InvalidPayloadError(`Invalid ${at}.id: expected the wamid of our message`, `${at}.id`);
  if (!STATUSES.has(raw.status)) return null; // e.g. "deleted", "warning": nothing to apply
  const error = Array.isArray(raw.errors) ? (raw.errors[0] as Json | undefined) : undefined;
  return {
    kind: 'status',
    externalId: raw.id,
    status: raw.status as DeliveryStatusUpdate,
    at: unix(raw.timestamp),
    ...(raw.status === 'failed' ? { reason: graphErrorText(error ? { ...error, message: error.title ?? error.message } : undefined, 'failed'), ...(error?.code !== undefined ? { providerCode: String(error.code) } : {}) } : {}),
  };
}
