import crypto from 'node:crypto';
import { runChannelContract, type ContractFake } from '../__contract__/channel-contract.js';
import { messagebirdAdapter } from './messagebird.adapter.js';
import { startMessageBirdFake, type MessageBirdFake } from '../../../../test/fakes/messagebird.js';
import { createMessageBirdChannel, MESSAGEBIRD, type SmsChannel } from '../../../../test/sms-fixtures.js';

const phone = (customer: string) => `+${customer}`;
const idFor = (id: string) => crypto.createHash('sha256').update(id).digest('hex').slice(0, 32);

function contractFake(fake: MessageBirdFake): ContractFake {
  return {
    failNextSend(kind) {
      if (kind === 'retryable') {
        fake.failNext({ status: 503, code: 7, description: 'Service temporarily unavailable' });
        return { providerCode: '7', text: /Service temporarily unavailable/ };
      }
      if (kind === 'rate_limited') {
        fake.failNext({ status: 429, code: 429, description: 'Too Many Requests', retryAfter: 3 });
        return { providerCode: '429', text: /Too Many Requests/, retryAfterMs: 3000 };
      }
      fake.failNext({ status: 402, code: 25, description: 'Not enough balance' });
      return { providerCode: '25', text: /Not enough balance/ };
    },
    sentTo: (customer) => fake.sent.filter((s) => s.to === phone(customer)).map((s) => ({ text: s.text })),
    hostFile: () => {
      throw new Error('MessageBird SMS carries no files');
    },
    close: () => fake.close(),
  };
}

let fake: MessageBirdFake;

runChannelContract<SmsChannel>('messagebird', {
  adapter: messagebirdAdapter,
  async startFake() {
    fake = await startMessageBirdFake(MESSAGEBIRD);
    return { fake: contractFake(fake), env: { MESSAGEBIRD_API_URL: fake.base } };
  },
  createChannel: (t, admin) => createMessageBirdChannel(t, admin),
  // Signed over the public URL MessageBird posts to (url_hash), as MessageBird does.
  sign: (c, raw, opts) => ({ 'messagebird-signature-jwt': fake.sign(c.webhookUrl, raw, opts?.bad ? 'another-accounts-signing-key' : undefined) }),
  build: {
    message: (_c, e) => fake.customer.says(phone(e.customer), e.text, idFor(e.id)),
    echo: (_c, e) => fake.customer.sentByBusiness(phone(e.customer), e.text, idFor(e.id)),
    status: (_c, e) => fake.customer.status(e.externalId, e.status),
  },
  skip: {
    handshake: 'MessageBird has no verification request: the webhook is created on the channel',
    media: 'SMS through MessageBird carries text only',
    batch: 'MessageBird posts one event per request',
    interactive_reply: 'SMS has no buttons',
    reaction: 'SMS has no reactions',
    read: 'SMS has no read receipts',
    edit: 'SMS messages cannot be edited',
    send_interactive: 'SMS has no buttons: a reply with buttons goes out as text with numbered options (messagebird.int.test.ts)',
    send_media: 'SMS through MessageBird carries text only',
  },
});
