import { runChannelContract, type ContractFake } from '../__contract__/channel-contract.js';
import { whatsappAdapter } from './whatsapp.adapter.js';
import { metaJson, startWhatsAppCloudFake, type WhatsAppCloudFake } from '../../../../test/fakes/whatsapp-cloud.js';
import { createWhatsAppChannel, WA, type WhatsAppChannel } from '../../../../test/whatsapp-fixtures.js';

/** The contract's ids become wamids, so a reaction can name the message it is on. */
const wamid = (id: string) => `wamid.${Buffer.from(id).toString('base64url')}`;
const from = (customer: string) => ({ waId: customer, name: `Cliente ${customer.slice(-4)}` });

function contractFake(fake: WhatsAppCloudFake): ContractFake {
  return {
    failNextSend(kind) {
      if (kind === 'retryable') {
        fake.failNext({ code: 131000, message: 'Something went wrong', details: 'Message failed to send because of an unknown error.', httpStatus: 500 });
        return { providerCode: '131000', text: /Something went wrong/ };
      }
      if (kind === 'rate_limited') {
        fake.failNext({ code: 130429, message: 'Rate limit hit', details: 'Message failed to send because there were too many messages sent from this phone number in a short period of time' });
        return { providerCode: '130429', text: /Rate limit hit/, retryAfterMs: 1000 };
      }
      fake.failNext({ code: 131026, message: 'Message undeliverable', details: 'Message failed to send because the recipient is not a WhatsApp user' });
      return { providerCode: '131026', text: /Message undeliverable: Message failed to send because the recipient is not a WhatsApp user/ };
    },
    sentTo: (customer) =>
      fake.sends()
        .filter((c) => c.body?.to === customer)
        .map(({ body: b }) => {
          const o = b![b!.type];
          const buttons = o?.action?.buttons?.map((x: any) => x.reply.title) ?? o?.action?.sections?.flatMap((s: any) => s.rows.map((r: any) => r.title));
          return {
            text: String(o?.body ?? o?.caption ?? o?.body?.text ?? o?.name ?? ''),
            ...(b!.type === 'interactive' ? { text: String(o.body.text), buttons } : {}),
            ...(o?.link ? { media: [o.link] } : {}),
          };
        }),
    hostFile: (bytes, contentType, filename) => fake.hostMedia(bytes, contentType, filename),
    close: () => fake.close(),
  };
}

let fake: WhatsAppCloudFake;

runChannelContract<WhatsAppChannel>('whatsapp', {
  adapter: whatsappAdapter,
  async startFake() {
    fake = await startWhatsAppCloudFake({ ...WA, autoStatuses: [] });
    return { fake: contractFake(fake), env: { META_GRAPH_URL: fake.base } };
  },
  createChannel: (t, admin) => createWhatsAppChannel(t, admin),
  // Meta's bytes: non-ASCII escaped as \uXXXX, signed as sent.
  encode: (body) => ({ raw: typeof body === 'string' ? body : metaJson(body), contentType: 'application/json' }),
  sign: (_c, raw, opts) => ({ 'x-hub-signature-256': opts?.bad ? fake.sign(`${raw} `) : fake.sign(raw) }),
  handshake: {
    good: (c) => ({ query: { 'hub.mode': 'subscribe', 'hub.challenge': '1158201444', 'hub.verify_token': c.verifyToken }, body: '1158201444' }),
    bad: (c) => ({ 'hub.mode': 'subscribe', 'hub.challenge': '1158201444', 'hub.verify_token': `${c.verifyToken}x` }),
  },
  build: {
    message: (_c, e) => fake.customer.text(from(e.customer), e.text, { id: wamid(e.id) }),
    media: (_c, e) => fake.customer.document(from(e.customer), e.file, { id: wamid(e.id), caption: e.text }),
    batch: (_c, events) => fake.customer.batch(...events.map((e) => fake.customer.text(from(e.customer), e.text, { id: wamid(e.id) }))),
    interactive_reply: (_c, e) => fake.customer.buttonReply(from(e.customer), { id: e.payload, title: e.title }, { id: wamid(e.id), context: { id: 'wamid.HBgLbuttons' } }),
    reaction: (_c, e) => fake.customer.reaction(from(e.customer), wamid(e.targetId), e.emoji, { id: wamid(e.id) }),
    status: (_c, e) => fake.customer.status(e.externalId, e.status),
  },
  skip: {
    read: 'WhatsApp has no read watermark: each message gets its own "read" status (covered by status_order)',
    echo: 'the Cloud API does not report messages sent from other clients of the number (coexistence echoes are a separate, opt-in webhook)',
    edit: 'WhatsApp customers\' edits are not delivered to Cloud API webhooks',
  },
});
