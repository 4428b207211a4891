import { ChannelSendError, type OutboundAttachment, type OutboundContent, type OutboundMessage } from '../channel.js';

type Json = Record<string, any>;

/** WhatsApp's limits (Cloud API message reference). */
export const WHATSAPP_LIMITS = {
  text: 4096,
  caption: 1024,
  interactiveBody: 1024,
  buttons: 3,
  buttonTitle: 20,
  listRows: 10,
  rowTitle: 24,
  listButton: 20,
};
/** The label of the button that opens a list (at most 20 characters). */
const LIST_BUTTON = 'Ver opciones';

const MB = 1_048_576;

const cut = (s: string, max: number) => ([...s].length > max ? `${[...s].slice(0, max - 1).join('')}…` : s);

/** Splits a long text at line or word breaks into pieces WhatsApp accepts. */
function chunks(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const at = Math.max(rest.lastIndexOf('\n', max), rest.lastIndexOf(' ', max));
    const end = at > max / 2 ? at : max;
    out.push(rest.slice(0, end));
    rest = rest.slice(end).trimStart();
  }
  return rest ? [...out, rest] : out;
}

/** Which WhatsApp media kind carries a file: images and videos WhatsApp plays, audio it plays, the rest as documents. */
function mediaKind(file: OutboundAttachment): 'image' | 'video' | 'audio' | 'document' {
  const type = file.contentType.split(';')[0].trim().toLowerCase();
  if ((type === 'image/jpeg' || type === 'image/png') && file.size <= 5 * MB) return 'image';
  if ((type === 'video/mp4' || type === 'video/3gpp') && file.size <= 16 * MB) return 'video';
  if (['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'].includes(type) && file.size <= 16 * MB) return 'audio';
  return 'document'; // documents take up to 100 MB
}

function interactive(text: string, buttons: Array<{ id: string; title: string }>): Json {
  if (!buttons.length) throw new ChannelSendError('permanent', 'Interactive messages need at least one button');
  const body = { text: cut(text || '…', WHATSAPP_LIMITS.interactiveBody) };
  if (buttons.length <= WHATSAPP_LIMITS.buttons) {
    return { type: 'button', body, action: { buttons: buttons.map((b) => ({ type: 'reply', reply: { id: b.id, title: cut(b.title, WHATSAPP_LIMITS.buttonTitle) } })) } };
  }
  // More than three choices become a list (one section, up to ten rows); the full title goes in the description when cut.
  if (buttons.length > WHATSAPP_LIMITS.listRows) throw new ChannelSendError('permanent', `WhatsApp lists take at most ${WHATSAPP_LIMITS.listRows} options (got ${buttons.length})`);
  const rows = buttons.map((b) => {
    const title = cut(b.title, WHATSAPP_LIMITS.rowTitle);
    return { id: b.id, title, ...(title !== b.title ? { description: cut(b.title, 72) } : {}) };
  });
  return { type: 'list', body, action: { button: LIST_BUTTON, sections: [{ rows }] } };
}

/**
 * The Graph `POST /{phone-number-id}/messages` bodies one outbound message becomes, in order: usually one; a
 * long text several; files one each (the caption with the first that takes one, or the text first, on its own).
 * A quoted reply carries `context.message_id` on the first.
 */
export function whatsappRequests(message: OutboundMessage): Json[] {
  const to = message.contactExternalId;
  const bodies = contentBodies(message.content);
  return bodies.map((b, i) => ({
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to,
    ...(i === 0 && message.replyToExternalId ? { context: { message_id: message.replyToExternalId } } : {}),
    ...b,
  }));
}

function textBodies(text: string): Json[] {
  return chunks(text, WHATSAPP_LIMITS.text).map((body) => ({ type: 'text', text: { preview_url: /https?:\/\//.test(body), body } }));
}

function contentBodies(content: OutboundContent): Json[] {
  switch (content.type) {
    case 'text':
      if (!content.text.trim()) throw new ChannelSendError('permanent', 'Nothing to send');
      return textBodies(content.text);
    case 'interactive':
      return [{ type: 'interactive', interactive: interactive(content.text, content.buttons) }];
    case 'template':
      return [{
        type: 'template',
        template: {
          name: content.name,
          language: { code: content.language },
          ...(content.components.length
            ? { components: content.components.map((c) => ({ type: c.type, ...(c.subType ? { sub_type: c.subType } : {}), ...(c.index !== undefined ? { index: String(c.index) } : {}), parameters: c.parameters })) }
            : {}),
        },
      }];
    case 'media': {
      const files = content.attachments.map((f) => ({ kind: mediaKind(f), file: f }));
      if (!files.length) return textBodies(content.text);
      const captionFits = !!content.text && files[0].kind !== 'audio' && [...content.text].length <= WHATSAPP_LIMITS.caption;
      const lead = content.text && !captionFits ? textBodies(content.text) : [];
      return [
        ...lead,
        ...files.map(({ kind, file }, i) => ({
          type: kind,
          [kind]: {
            link: file.url,
            ...(kind === 'document' ? { filename: file.filename } : {}),
            ...(i === 0 && captionFits ? { caption: content.text } : {}),
          },
        })),
      ];
    }
  }
}
