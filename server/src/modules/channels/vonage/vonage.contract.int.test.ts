import crypto from 'node:crypto';
import { runChannelContract, type ContractFake } from '../__contract__/channel-contract.js';
import { vonageAdapter } from './vonage.adapter.js';
import { startVonageFake, type VonageFake } from '../../../../test/fakes/vonage.js';
import { createVonageChannel, VONAGE_APP, type SmsChannel } from '../../../../test/sms-fixtures.js';

const uuidFor = (id: string) => {
  const h = crypto.createHash('sha256').update(id).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
const VONAGE_STATUS = { sent: 'submitted', delivered: 'delivered', read: 'read', failed: 'rejected' } as const;

function contractFake(fake: VonageFake): ContractFake {
  return {
    failNextSend(kind) {
      if (kind === 'retryable') {
        fake.failNext({ status: 503, code: 'service-unavailable', title: 'Service Unavailable', detail: 'The service is temporarily unavailable.' });
        return { providerCode: 'service-unavailable', text: /Service Unavailable/ };
      }
      if (kind === 'rate_limited') {
        fake.failNext({ status: 429, code: '1000', title: 'Throttled', detail: 'You have exceeded the submission capacity allowed on this account.', retryAfter: 1 });
        return { providerCode: '1000', text: /Throttled/, retryAfterMs: 1000 };
      }
      fake.failNext({ status: 402, code: '1170', title: 'Low balance', detail: 'This request could not be performed due to your account balance being low.' });
      return { providerCode: '1170', text: /Low balance: .*balance being low/ };
    },
    sentTo: (customer) => fake.sent.filter((s) => s.to === customer).map((s) => ({ text: s.text })),
    hostFile: () => {
      throw new Error('Vonage SMS carries no files');
    },
    close: () => fake.close(),
  };
}

let fake: VonageFake;

runChannelContract<SmsChannel>('vonage', {
  adapter: vonageAdapter,
  async startFake() {
    fake = await startVonageFake({ applicationId: VONAGE_APP.applicationId, publicKey: VONAGE_APP.publicKey, signatureSecret: VONAGE_APP.signatureSecret });
    return { fake: contractFake(fake), env: { VONAGE_API_URL: fake.base } };
  },
  createChannel: (t, admin) => createVonageChannel(t, admin, fake.number),
  sign: (_c, raw, opts) => ({ authorization: `Bearer ${fake.sign(raw, opts?.bad ? 'another-accounts-signature-secret' : undefined)}` }),
  build: {
    message: (_c, e) => fake.customer.inbound(e.customer, e.text, uuidFor(e.id)),
    status: (_c, e) => fake.customer.status(e.externalId, VONAGE_STATUS[e.status]),
  },
  skip: {
    handshake: 'Vonage has no verification request: the Inbound and Status URLs are set on the application',
    media: 'SMS through Vonage carries text only (MMS is a separate channel, US only)',
    batch: 'Vonage posts one message or one status per request',
    interactive_reply: 'SMS has no buttons',
    reaction: 'SMS has no reactions',
    read: 'SMS has no read receipts',
    echo: 'Vonage does not report messages sent from other clients',
    edit: 'SMS messages cannot be edited',
    send_interactive: 'SMS has no buttons: a reply with buttons goes out as text with numbered options (vonage.int.test.ts)',
    send_media: 'SMS through Vonage carries text only',
  },
});
