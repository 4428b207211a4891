import { runChannelContract, type ContractFake } from '../__contract__/channel-contract.js';
import { formAdapter } from './form.adapter.js';
import { sendLookup } from '../../messages/send-lookup.js';
import { startSmtpInbox } from '../../../../test/fakes/smtp-inbox.js';
import { SMTP_AUTH } from '../../../../test/email-fixtures.js';
import { createFormChannel, createSendingEmailChannel } from '../../../../test/form-fixtures.js';

/** The contract's customers are numbers: each fills the form with their own address, where the reply goes. */
const addressOf = (customer: string) => `cliente-${customer}@cliente.test`;

let smtp: Awaited<ReturnType<typeof startSmtpInbox>>;

/** The "provider" of a form is its reply channel: here an email channel whose SMTP server is the local inbox. */
function contractFake(): ContractFake {
  return {
    failNextSend(kind) {
      if (kind === 'retryable') {
        smtp.failNext({ code: 451, message: '4.3.0 Temporary local problem, please try later' });
        return { providerCode: '451', text: /Temporary local problem/ };
      }
      if (kind === 'rate_limited') {
        smtp.failNext({ code: 421, message: '4.7.0 Too many messages from you, slow down' });
        return { providerCode: '421', text: /Too many messages/, retryAfterMs: 60_000 };
      }
      smtp.failNext({ code: 550, message: '5.1.1 Recipient address rejected: User unknown in virtual mailbox table' });
      return { providerCode: '550', text: /Recipient address rejected: User unknown/ };
    },
    sentTo: (customer) => smtp.sources.filter((s) => s.to.includes(addressOf(customer))).map((s) => ({ text: (s.parsed.text ?? '').trim() })),
    hostFile() {
      throw new Error('a web form takes no files');
    },
    close: async () => smtp?.close(),
  };
}

const noWebhookKind = 'a web form only ever sends a new submission: nothing else arrives';

runChannelContract('form', {
  adapter: formAdapter,
  async startFake() {
    smtp = await startSmtpInbox({ auth: SMTP_AUTH });
    return { fake: contractFake(), env: {} };
  },
  async createChannel(t, admin) {
    const replyChannelId = await createSendingEmailChannel(t, admin, smtp);
    return createFormChannel(t, admin, { replyChannelId });
  },
  sign: () => ({}),
  contactId: addressOf,
  build: {
    message: (_c, e) => ({ submissionId: e.id, name: `Cliente ${e.customer.slice(-4)}`, email: addressOf(e.customer), subject: 'Consulta', message: e.text }),
  },
  // The suite's direct sends name no real conversation: the contact's address is then the identity it was stored under.
  sendOptions: (t, workspaceId) => ({ lookup: { channel: sendLookup(t.ctx, workspaceId).channel, contact: async () => null } }),
  skip: {
    handshake: 'a web form has no verification GET (a GET on the hook answers 404; the form itself is …/embed.js)',
    signature: 'public by design: any visitor\'s browser posts it; allowed origins, per-IP and per-form limits and a honeypot fence it instead (forms.int.test.ts)',
    media: 'the form takes no files',
    batch: 'a browser posts one submission at a time',
    interactive_reply: noWebhookKind,
    reaction: noWebhookKind,
    read: 'replies go out by email or SMS, whose receipts arrive on that channel',
    echo: noWebhookKind,
    edit: 'a sent submission cannot be edited',
    status_order: 'no delivery receipts: replies go out by the reply channel, whose receipts arrive on that channel',
    send_interactive: 'replies go by email or SMS: no buttons',
    send_media: 'the reply channel may be SMS (text only), so the form declares no media',
  },
});
