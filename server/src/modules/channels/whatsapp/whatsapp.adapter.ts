import { sendInParts, type ChannelAdapter } from '../channel.js';
import { answerHubChallenge, verifyHubSignature } from '../meta/meta-webhook.js';
import { graphCall, whatsappAccount } from './whatsapp-graph.js';
import { parseWhatsAppWebhook } from './whatsapp-parse.js';
import { whatsappRequests } from './whatsapp-send.js';
import { fetchWhatsAppMedia } from './whatsapp-media.js';
import { listWhatsAppTemplates } from './whatsapp-templates.js';

const MB = 1_048_576;

/**
 * WhatsApp Business Cloud API (Meta Graph). Meta verifies our webhook with a hub.challenge GET (the channel's
 * verify token) and signs every POST with the app secret (X-Hub-Signature-256 over the raw bytes). A customer is
 * their WhatsApp id (wa_id); our messages and their receipts are keyed by wamid.
 */
export const whatsappAdapter: ChannelAdapter = {
  type: 'whatsapp',
  capabilities: {
    // Images 5 MB, audio and video 16 MB, documents 100 MB (anything else we send goes as a document).
    media: { types: ['image/jpeg', 'image/png', 'video/mp4', 'video/3gpp', 'audio/*', 'application/*', 'text/*'], maxBytes: 100 * MB },
    // Free-form messages only within 24 hours of the customer's last message; templates at any time.
    replyWindow: { durationMs: 24 * 60 * 60 * 1000 },
    templates: true,
    interactive: true,
    // Cloud API's default throughput per business phone number.
    maxSendsPerSecond: 80,
  },

  verify(channel, req) {
    const appSecret = channel.secrets?.appSecret;
    return !!appSecret && verifyHubSignature(appSecret, req);
  },

  handshake(channel, req) {
    const verifyToken = channel.secrets?.verifyToken;
    return verifyToken ? answerHubChallenge(verifyToken, req) : null;
  },

  parse: (channel, req) => parseWhatsAppWebhook(channel, req.body),

  async send(channel, message, opts) {
    const { phoneNumberId } = whatsappAccount(channel);
    return sendInParts(whatsappRequests(message).map((body) => async () => {
      const res = await graphCall(channel, opts, `${encodeURIComponent(phoneNumberId)}/messages`, { body });
      const id = String(res.messages?.[0]?.id ?? '');
      if (!id) throw new Error('The WhatsApp Cloud API answered without a message id');
      return id;
    }), opts.parts);
  },

  fetchMedia: fetchWhatsAppMedia,

  listTemplates: listWhatsAppTemplates,

  /**
   * "Test connection": the token can read the phone number, the app is subscribed to the business account's
   * webhooks, and this number's webhooks come to this channel (a phone-number callback override, which Meta
   * verifies at once with our verify token, so two numbers of one account reach their own channels).
   */
  async connect(channel, webhook, opts) {
    const { phoneNumberId, businessAccountId } = whatsappAccount(channel);
    await graphCall(channel, opts, encodeURIComponent(phoneNumberId), { query: { fields: 'display_phone_number,verified_name' } });
    if (businessAccountId) await graphCall(channel, opts, `${encodeURIComponent(businessAccountId)}/subscribed_apps`, { method: 'POST', body: {} });
    await graphCall(channel, opts, encodeURIComponent(phoneNumberId), {
      body: { webhook_configuration: { override_callback_uri: webhook.url, verify_token: channel.secrets?.verifyToken ?? '' } },
    });
  },
};
