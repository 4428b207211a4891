import { describe, expect, it } from 'vitest';
import { InvalidPayloadError } from '../channel.js';
import { parseMessengerPlatform } from './messenger-platform-inbound.js';

const PAGE = '104000000000001';
const IG = '17841400000000001';
const page = { object: 'page' as const, ownId: PAGE };
const ig = { object: 'instagram' as const, ownId: IG };
const at = 1_767_225_600_000;
const fromUser = (user: string, event: object, to = PAGE) => ({ sender: { id: user }, recipient: { id: to }, timestamp: at, ...event });
const envelope = (object: string, id: string, ...messaging: object[]) => ({ object, entry: [{ id, time: at, messaging }] });

describe('Messenger Platform webhooks', () => {
  it('reads a text with a quoted message, and a quick reply tap as an interactive reply with its payload', () => {
    const events = parseMessengerPlatform(envelope('page', PAGE,
      fromUser('2401', { message: { mid: 'm_1', text: '¿Tienen talla M?', reply_to: { mid: 'm_0' } } }),
      fromUser('2401', { message: { mid: 'm_2', text: 'Sí, confirmo', quick_reply: { payload: 'CONFIRM' } } }),
    ), page);
    expect(events).toEqual([
      { kind: 'message', externalId: 'm_1', contact: { externalId: '2401' }, text: '¿Tienen talla M?', sentAt: new Date(at), replyTo: 'm_0' },
      { kind: 'interactive_reply', externalId: 'm_2', contact: { externalId: '2401' }, payload: 'CONFIRM', title: 'Sí, confirmo', sentAt: new Date(at) },
    ]);
  });

  it('downloads files by URL and keeps shares, reels and places as links or text', () => {
    const [e] = parseMessengerPlatform(envelope('instagram', IG, fromUser('9001', {
      message: {
        mid: 'aWdf1',
        attachments: [
          { type: 'image', payload: { url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1' } },
          { type: 'ig_reel', payload: { url: 'https://www.instagram.com/reel/Cx1/', title: 'Nuestro catálogo', reel_video_id: '1' } },
        ],
      },
    }, IG)), ig);
    expect(e).toMatchObject({
      kind: 'message', text: 'https://www.instagram.com/reel/Cx1/',
      attachments: [{ url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1' }],
      meta: { links: [{ type: 'ig_reel', url: 'https://www.instagram.com/reel/Cx1/', title: 'Nuestro catálogo' }] },
    });
    const [place] = parseMessengerPlatform(envelope('page', PAGE, fromUser('2401', { message: { mid: 'm_9', attachments: [{ type: 'location', payload: { coordinates: { lat: 10.48, long: -66.9 } } }] } })), page);
    expect(place).toMatchObject({ text: '📍 10.48, -66.9', meta: { location: { latitude: 10.48, longitude: -66.9 } } });
  });

  it('reads story replies and story mentions with the story link', () => {
    const [reply, mention] = parseMessengerPlatform(envelope('instagram', IG,
      fromUser('9001', { message: { mid: 'aWdf2', text: '¡Me encanta!', reply_to: { story: { id: '18000000000000001', url: 'https://lookaside.fbsbx.com/story/1' } } } }, IG),
      fromUser('9001', { message: { mid: 'aWdf3', attachments: [{ type: 'story_mention', payload: { url: 'https://lookaside.fbsbx.com/story/2' } }] } }, IG),
    ), ig);
    expect(reply).toMatchObject({ kind: 'message', text: '¡Me encanta!', meta: { story: { kind: 'reply', id: '18000000000000001', url: 'https://lookaside.fbsbx.com/story/1' } } });
    expect(mention).toMatchObject({ kind: 'message', text: '', meta: { story: { kind: 'mention', url: 'https://lookaside.fbsbx.com/story/2' } }, attachments: [{ url: 'https://lookaside.fbsbx.com/story/2' }] });
  });

  it('reads postbacks, delivery receipts by mid, read watermarks (Messenger) and reads by message (Instagram)', () => {
    const events = parseMessengerPlatform(envelope('page', PAGE,
      fromUser('2401', { postback: { mid: 'm_pb', title: 'Hablar con un agente', payload: 'HANDOFF' } }),
      fromUser('2401', { delivery: { mids: ['m_a', 'm_b'], watermark: at - 5 } }),
      fromUser('2401', { delivery: { watermark: at - 5 } }),
      fromUser('2401', { read: { watermark: at - 1 } }),
    ), page);
    expect(events).toEqual([
      { kind: 'interactive_reply', externalId: 'm_pb', contact: { externalId: '2401' }, payload: 'HANDOFF', title: 'Hablar con un agente', sentAt: new Date(at) },
      { kind: 'status', externalId: 'm_a', status: 'delivered', at: new Date(at - 5) },
      { kind: 'status', externalId: 'm_b', status: 'delivered', at: new Date(at - 5) },
      { kind: 'read', contact: { externalId: '2401' }, upTo: { at: new Date(at - 1) } },
    ]);
    expect(parseMessengerPlatform(envelope('instagram', IG, fromUser('9001', { read: { mid: 'aWdf9' } }, IG)), ig)).toEqual([{ kind: 'read', contact: { externalId: '9001' }, upTo: { externalId: 'aWdf9' } }]);
  });

  it('reads reactions (named ones get their emoji), their removal and edits', () => {
    const events = parseMessengerPlatform(envelope('page', PAGE,
      fromUser('2401', { reaction: { mid: 'm_1', action: 'react', reaction: 'love' } }),
      fromUser('2401', { reaction: { mid: 'm_1', action: 'unreact' } }),
      fromUser('2401', { message_edit: { mid: 'm_1', text: 'Talla L, perdón', num_edit: 1 } }),
    ), page);
    expect(events).toMatchObject([
      { kind: 'reaction', targetExternalId: 'm_1', emoji: '❤️', contact: { externalId: '2401' } },
      { kind: 'reaction', targetExternalId: 'm_1', emoji: null },
      { kind: 'edit', externalId: 'm_1', text: 'Talla L, perdón', editedAt: new Date(at) },
    ]);
  });

  it('takes echoes from other clients (the customer is the recipient) and skips our own sends, unsends and unsupported messages', () => {
    const events = parseMessengerPlatform(envelope('page', PAGE,
      { sender: { id: PAGE }, recipient: { id: '2401' }, timestamp: at, message: { mid: 'm_e1', is_echo: true, app_id: 263902037430900, text: 'Le escribo desde la bandeja de la página' } },
      { sender: { id: PAGE }, recipient: { id: '2401' }, timestamp: at, message: { mid: 'm_e2', is_echo: true, app_id: 1, metadata: 'atiende:12:0', text: 'nuestra respuesta' } },
      fromUser('2401', { message: { mid: 'm_1', is_deleted: true } }),
      fromUser('2401', { message: { mid: 'm_2', is_unsupported: true } }),
      fromUser('2401', { optin: { ref: 'x' } }),
    ), page);
    expect(events).toEqual([{ kind: 'echo', externalId: 'm_e1', contact: { externalId: '2401' }, text: 'Le escribo desde la bandeja de la página', sentAt: new Date(at) }]);
  });

  it('reads comments on the page\'s posts as their own threads, and ignores the page\'s own comments and removals', () => {
    const feed = (value: object) => ({ object: 'page', entry: [{ id: PAGE, time: at, changes: [{ field: 'feed', value }] }] });
    const comment = { from: { id: '6000', name: 'Ana Pérez' }, post: { permalink_url: 'https://www.facebook.com/p/1' }, message: '¿Precio?', post_id: `${PAGE}_77`, comment_id: '77_501', created_time: 1767225600, item: 'comment', parent_id: `${PAGE}_77`, verb: 'add' };
    expect(parseMessengerPlatform(feed(comment), page)).toEqual([{
      kind: 'message', externalId: 'comment:77_501', contact: { externalId: 'comment:77_501', name: 'Ana Pérez' }, text: '¿Precio?', sentAt: new Date(1767225600 * 1000),
      meta: { comment: { id: '77_501', postId: `${PAGE}_77`, parentId: undefined, permalink: 'https://www.facebook.com/p/1', from: { id: '6000', name: 'Ana Pérez' } } },
    }]);
    expect(parseMessengerPlatform(feed({ ...comment, verb: 'edited', message: '¿Precio del M?' }), page)).toMatchObject([{ kind: 'edit', externalId: 'comment:77_501', text: '¿Precio del M?' }]);
    expect(parseMessengerPlatform(feed({ ...comment, from: { id: PAGE, name: 'La tienda' } }), page)).toEqual([]);
    expect(parseMessengerPlatform(feed({ ...comment, verb: 'remove' }), page)).toEqual([]);
    expect(parseMessengerPlatform(feed({ item: 'reaction', verb: 'add', from: { id: '6000' } }), page)).toEqual([]);
    const igComment = { object: 'instagram', entry: [{ id: IG, time: at, changes: [{ field: 'comments', value: { from: { id: '9001', username: 'luisa.g' }, media: { id: '1790', media_product_type: 'REELS' }, id: '1801', text: 'Quiero uno' } }] }] };
    expect(parseMessengerPlatform(igComment, ig)).toMatchObject([{ kind: 'message', externalId: 'comment:1801', contact: { externalId: 'comment:1801', name: '@luisa.g' }, text: 'Quiero uno', meta: { comment: { id: '1801', mediaId: '1790', mediaType: 'REELS' } } }]);
  });

  it('ignores entries of other accounts the app is subscribed to and refuses what is not a webhook of its object', () => {
    expect(parseMessengerPlatform(envelope('page', '999', fromUser('2401', { message: { mid: 'm_x', text: 'otra página' } }, '999')), page)).toEqual([]);
    expect(() => parseMessengerPlatform({ object: 'instagram', entry: [] }, page)).toThrow(InvalidPayloadError);
    expect(() => parseMessengerPlatform({ update_id: 1 }, page)).toThrow(InvalidPayloadError);
    expect(() => parseMessengerPlatform(envelope('page', PAGE, { recipient: { id: PAGE }, timestamp: at, message: { mid: 'm_y', text: 'sin remitente' } }), page)).toThrow(/sender/);
  });
});
