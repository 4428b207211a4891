/**
 * WhatsApp Cloud API webhooks exactly as Meta sends them, for the fake and the tests: the envelope
 * (`object`, `entry[].changes[].value` with metadata and contacts), each inbound message type, statuses with
 * errors, batches; serialised with non-ASCII as \uXXXX and signed with X-Hub-Signature-256 over those bytes.
 */
import crypto from 'node:crypto';

type Json = Record<string, any>;

/** JSON as Meta serialises it: every non-ASCII character as a \uXXXX escape (and `/` as `\/`). */
export function metaJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).replace(/\//g, '\\/');
}

export const hubSignature = (appSecret: string, raw: string | Buffer) => `sha256=${crypto.createHmac('sha256', appSecret).update(raw).digest('hex')}`;

export interface WebhookAccount {
  phoneNumberId: string;
  businessAccountId: string;
  displayPhoneNumber: string;
}

/** A customer: their WhatsApp id (the number in digits) and profile name. */
export type From = { waId: string; name?: string };
type MsgOpts = { id?: string; context?: { id: string; from?: string }; timestamp?: string };
type Media = { bytes: Buffer; mimeType: string; filename: string };
type StatusError = { code: number; message: string; details?: string };

export const newWamid = () => `wamid.HBgL${crypto.randomBytes(18).toString('base64url')}`;
const now = () => String(Math.floor(Date.now() / 1000));

/** Builders of the webhook bodies one number receives; `media` finds a file the customer sends by its media id. */
export function whatsappWebhooks(account: WebhookAccount, media: (id: string) => Media | undefined) {
  const display = account.displayPhoneNumber;
  const value = (extra: Json, contact?: From) => ({
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: display, phone_number_id: account.phoneNumberId },
    ...(contact ? { contacts: [{ profile: { name: contact.name ?? 'Cliente' }, wa_id: contact.waId }] } : {}),
    ...extra,
  });
  const envelope = (...values: Json[]) => ({
    object: 'whatsapp_business_account',
    entry: [{ id: account.businessAccountId, changes: values.map((v) => ({ value: v, field: 'messages' })) }],
  });
  const inbound = (from: From, type: string, body: Json, o: MsgOpts = {}) =>
    envelope(value({ messages: [{ from: from.waId, id: o.id ?? newWamid(), timestamp: o.timestamp ?? now(), ...(o.context ? { context: { from: o.context.from ?? display, id: o.context.id } } : {}), type, ...body }] }, from));
  const mediaMessage = (kind: 'image' | 'audio' | 'video' | 'document' | 'sticker') => (from: From, mediaId: string, o: MsgOpts & { caption?: string; voice?: boolean } = {}) => {
    const m = media(mediaId);
    if (!m) throw new Error(`No media ${mediaId}: hostMedia() it first`);
    const object: Json = { id: mediaId, mime_type: m.mimeType, sha256: crypto.createHash('sha256').update(m.bytes).digest('base64') };
    if (o.caption && kind !== 'audio' && kind !== 'sticker') object.caption = o.caption;
    if (kind === 'document') object.filename = m.filename;
    if (kind === 'audio' && o.voice) object.voice = true;
    if (kind === 'sticker') object.animated = false;
    return inbound(from, kind, { [kind]: object }, o);
  };
  const statusValue = (id: string, status: string, recipient: string, error?: StatusError) => value({
    statuses: [{
      id, status, timestamp: now(), recipient_id: recipient,
      ...(status !== 'failed' ? { pricing: { billable: true, pricing_model: 'PMP', type: 'free_customer_service', category: 'service' } } : {}),
      ...(error ? { errors: [{ code: error.code, title: error.message, message: error.message, error_data: { details: error.details ?? error.message }, href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/' }] } : {}),
    }],
  });

  return {
    envelope,
    statusValue,
    text: (from: From, text: string, o: MsgOpts = {}) => inbound(from, 'text', { text: { body: text } }, o),
    image: mediaMessage('image'),
    audio: mediaMessage('audio'),
    video: mediaMessage('video'),
    document: mediaMessage('document'),
    sticker: mediaMessage('sticker'),
    location: (from: From, loc: { latitude: number; longitude: number; name?: string; address?: string }, o: MsgOpts = {}) => inbound(from, 'location', { location: loc }, o),
    contacts: (from: From, people: Array<{ name: string; phone: string; email?: string }>, o: MsgOpts = {}) =>
      inbound(from, 'contacts', {
        contacts: people.map((p) => ({
          name: { formatted_name: p.name, first_name: p.name.split(' ')[0] },
          phones: [{ phone: p.phone, type: 'CELL', wa_id: p.phone.replace(/\D/g, '') }],
          ...(p.email ? { emails: [{ email: p.email, type: 'WORK' }] } : {}),
        })),
      }, o),
    buttonReply: (from: From, reply: { id: string; title: string }, o: MsgOpts & { context: { id: string } }) =>
      inbound(from, 'interactive', { interactive: { type: 'button_reply', button_reply: reply } }, o),
    listReply: (from: From, reply: { id: string; title: string; description?: string }, o: MsgOpts & { context: { id: string } }) =>
      inbound(from, 'interactive', { interactive: { type: 'list_reply', list_reply: reply } }, o),
    /** A tap on a template's quick-reply button (the legacy `button` type). */
    templateButton: (from: From, button: { payload: string; text: string }, o: MsgOpts & { context: { id: string } }) => inbound(from, 'button', { button }, o),
    reaction: (from: From, messageId: string, emoji: string, o: MsgOpts = {}) => inbound(from, 'reaction', { reaction: { message_id: messageId, emoji } }, o),
    unsupported: (from: From, o: MsgOpts = {}) =>
      inbound(from, 'unsupported', { errors: [{ code: 131051, title: 'Message type unknown', message: 'Message type unknown', error_data: { details: 'Message type is currently not supported.' } }] }, o),
    status: (id: string, status: 'sent' | 'delivered' | 'read' | 'failed', recipient = '0', error?: StatusError) => envelope(statusValue(id, status, recipient, error)),
    /** Several changes in one delivery (Meta batches under load). */
    batch: (...bodies: Json[]) => ({ object: 'whatsapp_business_account', entry: bodies.flatMap((b) => b.entry) }),
  };
}
