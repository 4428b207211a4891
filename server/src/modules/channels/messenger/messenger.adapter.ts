import { createMessengerPlatformAdapter, graphBase, MESSENGER_PLATFORM_WINDOW } from '../meta/messenger-platform-adapter.js';

/** The Page's webhook fields: messages and their receipts, taps, reactions, edits, echoes, and the feed (comments). */
export const MESSENGER_FIELDS = ['messages', 'messaging_postbacks', 'message_deliveries', 'message_reads', 'message_reactions', 'message_edits', 'message_echoes', 'feed'];

/**
 * Facebook Messenger: Meta POSTs the Page's events to /hooks/messenger/{channelId}, signed with the App Secret;
 * replies go through the Send API with the Page access token. The contact is the Page-scoped id (PSID); a
 * comment on the Page's posts is a thread of its own, answered with a private reply.
 */
export const messengerAdapter = createMessengerPlatformAdapter({
  type: 'messenger',
  object: 'page',
  capabilities: {
    // Images, audio, video and files by URL, up to 25 MB each.
    media: { types: ['*/*'], maxBytes: 25 * 1_048_576 },
    replyWindow: MESSENGER_PLATFORM_WINDOW,
    templates: false,
    interactive: true,
  },
  rules: { textLimit: 2000, metadata: true },
  accountId: (channel) => String(channel.config.pageId ?? ''),
  target: (channel, opts) => ({
    base: graphBase(opts.config.META_GRAPH_URL, opts.config.META_GRAPH_VERSION),
    node: String(channel.config.pageId ?? 'me'),
    token: channel.secrets?.pageAccessToken ?? '',
  }),
  subscribedFields: () => MESSENGER_FIELDS,
});
