/**
 * Web forms ("Consultas" from a customer portal): the customer fills a form on the company's site and the agent
 * answers through the contact's email or phone, by the email or SMS channel the form names. Submissions arrive at
 * /hooks/form/{channelId}, served by forms.routes.ts (origins, honeypot, limits, contact matching), never through
 * the generic hook: nothing there is a provider's signed webhook.
 */
import { ChannelSendError, type ChannelAdapter, type OutboundMessage } from '../channel.js';
import { emailAdapter } from '../email/email.adapter.js';
import { twilioAdapter } from '../twilio/twilio.adapter.js';
import { vonageAdapter } from '../vonage/vonage.adapter.js';
import { messagebirdAdapter } from '../messagebird/messagebird.adapter.js';
import { normalizeEmail } from '../../contacts/contact-fields.js';
import { formConfigOf } from './form-settings.js';

/** The adapters a form replies through (imported here, not from the registry, which imports this file). */
const replyAdapters = new Map<string, ChannelAdapter>([emailAdapter, twilioAdapter, vonageAdapter, messagebirdAdapter].map((a) => [a.type, a]));

const permanent = (message: string) => new ChannelSendError('permanent', message);

/** The identity a submission was stored under is the address or phone the customer typed (form-submission.ts). */
const identityEmail = (externalId: string) => normalizeEmail(externalId) ?? null;
const identityPhone = (externalId: string) => (/^\+\d{6,15}$/.test(externalId) ? externalId : null);

/** An email reply is "Re: <the form's subject>"; the form's id is a content hash, which email never threads on. */
function asEmailReply(message: OutboundMessage, to: string): OutboundMessage {
  const subject = (message.inReplyTo?.meta.email as { subject?: unknown } | undefined)?.subject;
  return {
    ...message,
    contactExternalId: to,
    inReplyTo: message.inReplyTo && typeof subject === 'string' ? { externalId: message.inReplyTo.externalId, meta: { email: { subject } } } : undefined,
  };
}

export const formAdapter: ChannelAdapter = {
  type: 'form',
  capabilities: {
    // The reply channel may be SMS, which carries text only.
    media: { types: [], maxBytes: 0 },
    replyWindow: { durationMs: null },
    templates: false,
    interactive: false,
    // The send job then gives the customer's latest submission, whose subject the email reply answers.
    threadsReplies: true,
  },
  verify: () => false,
  parse: () => [],
  async send(channel, message, opts) {
    const form = formConfigOf(channel.config);
    if (!opts.lookup) throw permanent('A web form answers through its reply channel, which only the send job can reach');
    const reply = await opts.lookup.channel(form.replyChannelId);
    const adapter = reply && replyAdapters.get(reply.type);
    if (!reply || !adapter) throw permanent('The form\'s reply channel no longer exists: choose an email or SMS channel in the form\'s settings');
    if (!reply.active) throw permanent(`The form's reply channel (${reply.type} #${reply.id}) is deactivated`);
    const contact = await opts.lookup.contact(message.conversationId);
    if (reply.type === 'email') {
      const to = contact?.email ?? identityEmail(message.contactExternalId);
      if (!to) throw permanent('The contact has no email address to answer to (this form answers by email)');
      return adapter.send(reply, asEmailReply(message, to), opts);
    }
    const to = contact?.phone ?? identityPhone(message.contactExternalId);
    if (!to) throw permanent('The contact has no phone number to answer to (this form answers by SMS)');
    return adapter.send(reply, { ...message, contactExternalId: to, inReplyTo: undefined }, opts);
  },
};
