import { runChannelContract } from '../__contract__/channel-contract.js';
import { instagramAdapter } from './instagram.adapter.js';
import { startMessengerPlatformFake, type MessengerPlatformFake } from '../../../../test/fakes/messenger-platform.js';
import { APP_SECRET, contractFakeOf, createMetaChannel, encodeAsMeta, handshakeFor, midsFor, signWithAppSecret, type MetaChannel } from '../meta/messenger-platform-contract.js';

const IG_ID = '17841400000000001';
const IG_TOKEN = 'IGQWRPfakeInstagramUserAccessTokenForTests0123';

let fake: MessengerPlatformFake;
const mid = midsFor('aWdfZAG1faXRlbToxOklH');
const ig = () => fake.builders({ object: 'instagram', id: IG_ID });

runChannelContract<MetaChannel>('instagram', {
  adapter: instagramAdapter,
  async startFake() {
    fake = await startMessengerPlatformFake({ accounts: [{ id: IG_ID, token: IG_TOKEN, host: 'instagram' }] });
    return { fake: contractFakeOf(fake), env: { INSTAGRAM_GRAPH_URL: fake.instagramBase, META_GRAPH_URL: fake.base, META_GRAPH_VERSION: 'v23.0' } };
  },
  createChannel: (t, admin) =>
    createMetaChannel(t, admin, { type: 'instagram', name: 'Instagram de la tienda', config: { accountId: IG_ID }, secrets: { accessToken: IG_TOKEN, appSecret: APP_SECRET } }),
  sign: signWithAppSecret,
  encode: encodeAsMeta,
  handshake: handshakeFor,
  build: {
    message: (_c, e) => ig().envelope([ig().text(e.customer, e.text, { mid: mid(e.id) })]),
    media: (_c, e) => ig().envelope([ig().attachments(e.customer, [{ type: 'file', url: e.file }], { mid: mid(e.id), text: e.text })]),
    batch: (_c, events) => ig().envelope(events.slice(0, 2).map((e) => ig().text(e.customer, e.text, { mid: mid(e.id) })), events.slice(2).map((e) => ig().text(e.customer, e.text, { mid: mid(e.id) }))),
    // Quick replies come back as messages carrying their payload (Instagram's ice breakers and templates as postbacks).
    interactive_reply: (_c, e) => ig().envelope([ig().text(e.customer, e.title, { mid: mid(e.id), quickReply: e.payload })]),
    reaction: (_c, e) => ig().envelope([ig().reaction(e.customer, mid(e.targetId), e.emoji, 'like')]),
    unreact: (_c, e) => ig().envelope([ig().reaction(e.customer, mid(e.targetId), null)]),
    read: (_c, e) => ig().envelope([ig().read(e.customer, { mid: e.upToId })]),
    echo: (_c, e) => ig().envelope([ig().echo(e.customer, e.text, { mid: mid(e.id) })]),
  },
  skip: {
    edit: 'Meta documents message_edits for Messenger conversations only',
    status_order: 'Instagram sends no delivery receipts; its read receipts (messaging_seen, by message) are the read case',
  },
});
