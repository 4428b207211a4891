import crypto from 'node:crypto';
import type { ChannelContractHarness, ContractCase, ContractFake } from '../src/modules/channels/__contract__/channel-contract.js';
import type { ChannelAdapter } from '../src/modules/channels/channel.js';
import { signTwilio, startTwilioFake, type TwilioFake } from './fakes/twilio.js';
import { createSmsChannel, TWILIO_ACCOUNT, TWILIO_TOKEN, type SmsChannel } from './sms-fixtures.js';

const sidFor = (id: string) => `SM${crypto.createHash('sha256').update(id).digest('hex').slice(0, 32)}`;

/**
 * The conformance harness of a Twilio channel against the Twilio fake: SMS (`+E164` addresses) or WhatsApp
 * through Twilio (`whatsapp:+E164`), which differ in addresses, in what the customer can send and in `skip`.
 */
export function twilioContractHarness(adapter: ChannelAdapter, o: { whatsapp: boolean; skip: Partial<Record<ContractCase, string>> }): ChannelContractHarness<SmsChannel> {
  const address = (customer: string) => (o.whatsapp ? `whatsapp:+${customer}` : `+${customer}`);
  const mediaTypes = new Map<string, string>();
  let fake: TwilioFake;

  const contractFake = (): ContractFake => ({
    failNextSend(kind) {
      if (kind === 'retryable') {
        fake.failNext({ status: 500, code: 20500, message: 'Internal Server Error' });
        return { providerCode: '20500', text: /Internal Server Error/ };
      }
      if (kind === 'rate_limited') {
        fake.failNext({ status: 429, code: 20429, message: 'Too Many Requests', retryAfter: 2 });
        return { providerCode: '20429', text: /Too Many Requests/, retryAfterMs: 2000 };
      }
      fake.failNext({ status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' });
      return { providerCode: '21610', text: /unsubscribed recipient/ };
    },
    sentTo: (customer) => fake.sent.filter((s) => s.to === address(customer)).map((s) => ({ text: s.body, ...(s.mediaUrls.length ? { media: s.mediaUrls } : {}) })),
    hostFile(bytes, contentType) {
      const url = fake.addMedia(bytes, contentType);
      mediaTypes.set(url, contentType);
      return url;
    },
    close: () => fake.close(),
  });

  return {
    adapter,
    async startFake() {
      // No automatic status callbacks: the suite's app is not listening on a port (the int tests cover them).
      fake = await startTwilioFake({ accountSid: TWILIO_ACCOUNT, authToken: TWILIO_TOKEN, statusCallbacks: false });
      return { fake: contractFake(), env: { TWILIO_API_URL: fake.base } };
    },
    createChannel: (t, admin) => createSmsChannel(t, admin, adapter.type, { accountSid: TWILIO_ACCOUNT, from: fake.number }, { authToken: TWILIO_TOKEN }),
    // Signed over the public URL, as Twilio does; `accept: application/json` asks our hook for the stored ids instead
    // of the TwiML Twilio gets (twilio.int.test.ts checks the TwiML answer).
    sign: (c, raw, opts) => ({
      'x-twilio-signature': signTwilio(opts?.bad ? 'c3'.repeat(16) : TWILIO_TOKEN, c.webhookUrl, Object.fromEntries(new URLSearchParams(raw))),
      accept: 'application/json',
    }),
    encode: (body) => ({ raw: typeof body === 'string' ? body : new URLSearchParams(body as Record<string, string>).toString(), contentType: 'application/x-www-form-urlencoded' }),
    build: {
      message: (_c, e) => fake.customer.message(address(e.customer), e.text, { sid: sidFor(e.id) }),
      media: (_c, e) => fake.customer.message(address(e.customer), e.text, { sid: sidFor(e.id).replace(/^SM/, 'MM'), media: [{ url: e.file, contentType: mediaTypes.get(e.file)! }] }),
      status: (_c, e) => fake.customer.status(e.externalId, e.status, e.status === 'failed' ? { errorCode: 30003 } : {}),
      ...(o.whatsapp
        ? {
            interactive_reply: (_c, e) => fake.customer.message(address(e.customer), e.title, { sid: sidFor(e.id), button: { payload: e.payload, text: e.title } }),
            read: (_c, e) => fake.customer.status(e.upToId, 'read'),
          }
        : {}),
    },
    skip: o.skip,
  };
}
