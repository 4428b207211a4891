import { describe, expect, it } from 'vitest';
import { parseWhatsAppWebhook } from './whatsapp-parse.js';
import { InvalidPayloadError, type ChannelRecord } from '../channel.js';

const channel: ChannelRecord = { id: 1, workspaceId: 1, type: 'whatsapp', config: { phoneNumberId: '106540352242922', businessAccountId: '102290129340398' }, secrets: null };
const metadata = { display_phone_number: '15550001111', phone_number_id: '106540352242922' };
const contacts = [{ profile: { name: 'Lucía Gómez' }, wa_id: '573001234567' }];
const hook = (...values: object[]) => ({ object: 'whatsapp_business_account', entry: [{ id: '102290129340398', changes: values.map((value) => ({ field: 'messages', value: { messaging_product: 'whatsapp', metadata, ...value } })) }] });
const message = (m: object) => hook({ contacts, messages: [{ from: '573001234567', id: 'wamid.A1', timestamp: '1767614400', ...m }] });
const parse = (body: unknown) => parseWhatsAppWebhook(channel, body);

describe('WhatsApp webhook parsing', () => {
  it('a text message: the wamid, the profile name, the number in E.164 and the time Meta gives', () => {
    expect(parse(message({ type: 'text', text: { body: 'Hola' } }))).toEqual([{
      kind: 'message', externalId: 'wamid.A1', contact: { externalId: '573001234567', name: 'Lucía Gómez', phone: '+573001234567' },
      text: 'Hola', sentAt: new Date(1767614400 * 1000),
    }]);
  });

  it('files by media id (image with caption, voice note, sticker, document with its name)', () => {
    const [image] = parse(message({ type: 'image', image: { id: '111', mime_type: 'image/jpeg', sha256: 'x', caption: 'La factura' } })) as any[];
    expect(image).toMatchObject({ text: 'La factura', attachments: [{ ref: '111', contentType: 'image/jpeg', filename: 'image-111.jpg' }] });
    const [voice] = parse(message({ type: 'audio', audio: { id: '222', mime_type: 'audio/ogg; codecs=opus', sha256: 'x', voice: true } })) as any[];
    expect(voice).toMatchObject({ text: '', attachments: [{ ref: '222', contentType: 'audio/ogg', filename: 'audio-222.ogg' }], meta: { voice: true } });
    const [sticker] = parse(message({ type: 'sticker', sticker: { id: '333', mime_type: 'image/webp', sha256: 'x', animated: true } })) as any[];
    expect(sticker).toMatchObject({ attachments: [{ ref: '333', contentType: 'image/webp' }], meta: { sticker: { animated: true } } });
    const [doc] = parse(message({ type: 'document', document: { id: '444', mime_type: 'application/pdf', sha256: 'x', filename: 'INV-4417.pdf' } })) as any[];
    expect(doc.attachments[0]).toEqual({ ref: '444', contentType: 'application/pdf', filename: 'INV-4417.pdf' });
    const [video] = parse(message({ type: 'video', video: { id: '555', mime_type: 'video/mp4', sha256: 'x' } })) as any[];
    expect(video.attachments[0]).toMatchObject({ ref: '555', filename: 'video-555.mp4' });
  });

  it('a location and shared contacts become readable text, their data kept in meta', () => {
    const [loc] = parse(message({ type: 'location', location: { latitude: 4.711, longitude: -74.0721, name: 'Oficina', address: 'Cra 7 # 32-16, Bogotá' } })) as any[];
    expect(loc.text).toBe('📍 Oficina, Cra 7 # 32-16, Bogotá (4.711, -74.0721)');
    expect(loc.meta.location).toEqual({ latitude: 4.711, longitude: -74.0721, name: 'Oficina', address: 'Cra 7 # 32-16, Bogotá' });
    const [card] = parse(message({ type: 'contacts', contacts: [{ name: { formatted_name: 'Pedro Pérez', first_name: 'Pedro' }, phones: [{ phone: '+57 300 765 4321', wa_id: '573007654321', type: 'CELL' }], emails: [{ email: 'pedro@example.com' }] }] })) as any[];
    expect(card.text).toBe('👤 Pedro Pérez · +57 300 765 4321 · pedro@example.com');
    expect(card.meta.sharedContacts).toEqual([{ name: 'Pedro Pérez', phones: ['+57 300 765 4321'], emails: ['pedro@example.com'] }]);
  });

  it('button and list replies, and a template\'s quick reply (legacy `button`), are interactive replies to the message that had them', () => {
    const context = { from: '15550001111', id: 'wamid.OURS' };
    expect(parse(message({ type: 'interactive', context, interactive: { type: 'button_reply', button_reply: { id: 'yes', title: 'Sí' } } }))[0])
      .toMatchObject({ kind: 'interactive_reply', payload: 'yes', title: 'Sí', replyTo: 'wamid.OURS' });
    expect(parse(message({ type: 'interactive', context, interactive: { type: 'list_reply', list_reply: { id: 'row-2', title: 'Cambiar cita', description: 'Otra fecha' } } }))[0])
      .toMatchObject({ kind: 'interactive_reply', payload: 'row-2', title: 'Cambiar cita', replyTo: 'wamid.OURS' });
    expect(parse(message({ type: 'button', context, button: { payload: 'STOP_PROMOS', text: 'No más ofertas' } }))[0])
      .toMatchObject({ kind: 'interactive_reply', payload: 'STOP_PROMOS', title: 'No más ofertas', replyTo: 'wamid.OURS' });
  });

  it('a reaction names its message; an empty emoji takes it off', () => {
    expect(parse(message({ type: 'reaction', reaction: { message_id: 'wamid.OURS', emoji: '❤️' } }))[0]).toMatchObject({ kind: 'reaction', externalId: 'wamid.A1', targetExternalId: 'wamid.OURS', emoji: '❤️' });
    expect(parse(message({ type: 'reaction', reaction: { message_id: 'wamid.OURS', emoji: '' } }))[0]).toMatchObject({ emoji: null });
  });

  it('a quoted or forwarded message, an ad referral and an unsupported type keep what the agent needs', () => {
    const [quoted] = parse(message({ type: 'text', text: { body: 'Este' }, context: { from: '15550001111', id: 'wamid.Q' } })) as any[];
    expect(quoted.replyTo).toBe('wamid.Q');
    const [fwd] = parse(message({ type: 'text', text: { body: 'Mira' }, context: { forwarded: true }, referral: { source_type: 'ad', source_id: '1' } })) as any[];
    expect(fwd.meta).toEqual({ forwarded: true, referral: { source_type: 'ad', source_id: '1' } });
    const [unknown] = parse(message({ type: 'unsupported', errors: [{ code: 131051, title: 'Message type unknown' }] })) as any[];
    expect(unknown).toMatchObject({ kind: 'message', text: '', meta: { unsupported: { type: 'unsupported', code: 131051, title: 'Message type unknown' } } });
    expect(parse(message({ type: 'system', system: { body: 'changed number', type: 'user_changed_number' } }))).toEqual([]);
  });

  it('statuses: sent, delivered, read; failed with the first error\'s code and title (and details)', () => {
    const statuses = parse(hook({ statuses: [
      { id: 'wamid.O1', status: 'delivered', timestamp: '1767614401', recipient_id: '573001234567' },
      { id: 'wamid.O2', status: 'failed', timestamp: '1767614402', recipient_id: '573001234567', errors: [{ code: 131047, title: 'Re-engagement message', message: 'Re-engagement message', error_data: { details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.' } }] },
      { id: 'wamid.O3', status: 'deleted', timestamp: '1767614403', recipient_id: '573001234567' },
    ] }));
    expect(statuses).toEqual([
      { kind: 'status', externalId: 'wamid.O1', status: 'delivered', at: new Date(1767614401 * 1000) },
      {
        kind: 'status', externalId: 'wamid.O2', status: 'failed', at: new Date(1767614402 * 1000), providerCode: '131047',
        reason: 'Re-engagement message: Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
      },
    ]);
  });

  it('a batch: every entry and change; other fields and other numbers of the business account are not ours', () => {
    const body = {
      object: 'whatsapp_business_account',
      entry: [
        hook({ contacts, messages: [{ from: '573001234567', id: 'wamid.B1', timestamp: '1', type: 'text', text: { body: 'uno' } }] }, { statuses: [{ id: 'wamid.O9', status: 'read', timestamp: '2', recipient_id: '5' }] }).entry[0],
        { id: '102290129340398', changes: [
          { field: 'message_template_status_update', value: { event: 'APPROVED', message_template_name: 'x' } },
          { field: 'messages', value: { messaging_product: 'whatsapp', metadata: { ...metadata, phone_number_id: '999999999999' }, messages: [{ from: '5', id: 'wamid.OTHER', timestamp: '3', type: 'text', text: { body: 'otro número' } }] } },
          { field: 'messages', value: { messaging_product: 'whatsapp', metadata, messages: [{ from: '573009999999', id: 'wamid.B2', timestamp: '4', type: 'text', text: { body: 'dos' } }] } },
        ] },
      ],
    };
    expect(parse(body).map((e) => e.kind === 'status' ? `status ${e.externalId}` : `${e.kind} ${(e as any).externalId}`)).toEqual(['message wamid.B1', 'status wamid.O9', 'message wamid.B2']);
  });

  it('refuses what is not a WhatsApp webhook, naming the field', () => {
    expect(() => parse({ object: 'page', entry: [] })).toThrow(InvalidPayloadError);
    expect(() => parse({ object: 'whatsapp_business_account' })).toThrow(/entry/);
    const err = (() => { try { parse(message({ id: undefined, type: 'text', text: { body: 'x' } })); } catch (e) { return e as InvalidPayloadError; } })();
    expect(err?.field).toBe('entry[0].changes[0].value.messages[0].id');
    expect(() => parse(message({ from: undefined, type: 'text', text: { body: 'x' } }))).toThrow(/from/);
  });
});
