import { ChannelSendError, type ChannelAdapter } from '../channel.js';
import { buttonsAsText } from '../sms/sms-outbound.js';
import { sendThroughTwilio, twilioAdapter, type MessageParams, type TwilioVariant } from './twilio.adapter.js';
import { contentSidOf, contentVariables, listTwilioContentTemplates } from './twilio-content.js';

const MB = 1_048_576;

/**
 * WhatsApp through Twilio: a Twilio WhatsApp sender (`whatsapp:+E164` addresses). Webhooks, signatures, status
 * callbacks and media are Twilio's, as for SMS (the sender's "Webhook URL for incoming messages" is
 * /hooks/twilio_whatsapp/{channelId}); what differs is WhatsApp's: the 24-hour customer-service window, after
 * which only approved templates go out, and the templates are Twilio Content templates (synchronised from the
 * Content API, sent by ContentSid with ContentVariables). A free-form message outside the window fails with 63016.
 */
export const twilioWhatsAppAdapter: ChannelAdapter = {
  ...twilioAdapter,
  type: 'twilio_whatsapp',
  capabilities: {
    // WhatsApp's media through Twilio: images 5 MB, audio, video and documents 16 MB; one file per message.
    media: { types: ['image/jpeg', 'image/png', 'video/mp4', 'video/3gpp', 'audio/*', 'application/*', 'text/*'], maxBytes: 16 * MB },
    replyWindow: { durationMs: 24 * 60 * 60 * 1000 },
    templates: true,
    // Buttons need a Content template (twilio/quick-reply): a reply with buttons goes out as numbered text.
    interactive: false,
    // Twilio's default throughput for a WhatsApp sender.
    maxSendsPerSecond: 80,
  },
  send: (channel, message, opts) => sendThroughTwilio(channel, message, opts, WHATSAPP),
  listTemplates: listTwilioContentTemplates,
};

const WHATSAPP: TwilioVariant = {
  address: (e164) => `whatsapp:${e164}`,
  requests(message) {
    const { content } = message;
    switch (content.type) {
      case 'text':
        if (!content.text.trim()) throw new ChannelSendError('permanent', 'Nothing to send');
        return [[['Body', content.text]]];
      case 'interactive':
        return [[['Body', buttonsAsText(content.text, content.buttons)]]];
      case 'media':
        // One file per WhatsApp message: the text goes as the first one's caption.
        if (!content.attachments.length) return [[['Body', content.text]]];
        return content.attachments.map((a, i): MessageParams => [...(i === 0 && content.text ? [['Body', content.text] as [string, string]] : []), ['MediaUrl', a.url]]);
      case 'template':
        return [[['ContentSid', contentSidOf(content.externalId, content.name)], ['ContentVariables', contentVariables(content.components)]]];
    }
  },
};
