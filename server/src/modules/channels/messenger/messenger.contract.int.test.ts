import { runChannelContract } from '../__contract__/channel-contract.js';
import { messengerAdapter } from './messenger.adapter.js';
import { startMessengerPlatformFake, type MessengerPlatformFake } from '../../../../test/fakes/messenger-platform.js';
import { APP_SECRET, contractFakeOf, createMetaChannel, encodeAsMeta, handshakeFor, midsFor, signWithAppSecret, type MetaChannel } from '../meta/messenger-platform-contract.js';

const PAGE_ID = '104000000000001';
const PAGE_TOKEN = 'EAAGm0PX4ZCpsBAFakePageAccessTokenForTests0123';

let fake: MessengerPlatformFake;
const mid = midsFor('m_');
const page = () => fake.builders({ object: 'page', id: PAGE_ID });

runChannelContract<MetaChannel>('messenger', {
  adapter: messengerAdapter,
  async startFake() {
    fake = await startMessengerPlatformFake({ accounts: [{ id: PAGE_ID, token: PAGE_TOKEN, host: 'facebook' }] });
    return { fake: contractFakeOf(fake), env: { META_GRAPH_URL: fake.base, META_GRAPH_VERSION: 'v23.0' } };
  },
  createChannel: (t, admin) =>
    createMetaChannel(t, admin, { type: 'messenger', name: 'Página de Facebook', config: { pageId: PAGE_ID }, secrets: { pageAccessToken: PAGE_TOKEN, appSecret: APP_SECRET } }),
  sign: signWithAppSecret,
  encode: encodeAsMeta,
  handshake: handshakeFor,
  build: {
    message: (_c, e) => page().envelope([page().text(e.customer, e.text, { mid: mid(e.id) })]),
    media: (_c, e) => page().envelope([page().attachments(e.customer, [{ type: 'file', url: e.file }], { mid: mid(e.id), text: e.text })]),
    // Meta batches: two events of one entry, and a second entry.
    batch: (_c, events) => page().envelope(events.slice(0, 2).map((e) => page().text(e.customer, e.text, { mid: mid(e.id) })), events.slice(2).map((e) => page().text(e.customer, e.text, { mid: mid(e.id) }))),
    interactive_reply: (_c, e) => page().envelope([page().postback(e.customer, e.payload, e.title, { mid: mid(e.id) })]),
    reaction: (_c, e) => page().envelope([page().reaction(e.customer, mid(e.targetId), e.emoji, 'like')]),
    unreact: (_c, e) => page().envelope([page().reaction(e.customer, mid(e.targetId), null)]),
    read: (_c, e) => page().envelope([page().read(e.customer, { watermark: e.at.getTime() })]),
    echo: (_c, e) => page().envelope([page().echo(e.customer, e.text, { mid: mid(e.id) })]),
    edit: (_c, e) => page().envelope([page().edit(e.customer, mid(e.id), e.text)]),
    status: (_c, e) => {
      const user = fake.recipientOf(e.externalId)!;
      if (e.status === 'delivered') return page().envelope([page().delivery(user, [e.externalId])]);
      if (e.status === 'read') return page().envelope([page().read(user, { watermark: Date.now() + 1000 })]);
      throw new Error(`Messenger reports no "${e.status}" receipts`);
    },
  },
  skip: {},
});
