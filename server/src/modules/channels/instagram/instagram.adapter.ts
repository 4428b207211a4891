import type { ChannelRecord } from '../channel.js';
import { createMessengerPlatformAdapter, graphBase, MESSENGER_PLATFORM_WINDOW } from '../meta/messenger-platform-adapter.js';

/** What the account subscribes to: messages (echoes included), taps, read receipts, reactions and comments. */
export const INSTAGRAM_FIELDS = ['messages', 'messaging_postbacks', 'messaging_seen', 'message_reactions', 'comments'];

const apiHostOf = (channel: ChannelRecord) => (channel.config.apiHost === 'facebook' ? 'facebook' : 'instagram');

/**
 * Instagram messaging, through either login Meta offers: Instagram Login (graph.instagram.com, an Instagram
 * user token; the default) or Facebook Login (graph.facebook.com, the linked Page's token, `apiHost: facebook`).
 * Webhooks name the Instagram account (`entry.id`); there are no delivery receipts, only read ones (by message).
 */
export const instagramAdapter = createMessengerPlatformAdapter({
  type: 'instagram',
  object: 'instagram',
  capabilities: {
    media: {
      types: ['image/png', 'image/jpeg', 'image/gif', 'video/mp4', 'video/ogg', 'video/x-msvideo', 'video/quicktime', 'video/webm', 'audio/aac', 'audio/mp4', 'audio/x-m4a', 'audio/wav', 'audio/x-wav', 'application/pdf'],
      maxBytes: 25 * 1_048_576,
    },
    replyWindow: MESSENGER_PLATFORM_WINDOW,
    templates: false,
    interactive: true,
  },
  rules: { textLimit: 1000, metadata: false, maxImageBytes: 8 * 1_048_576 },
  accountId: (channel) => String(channel.config.accountId ?? ''),
  target: (channel, opts) =>
    apiHostOf(channel) === 'facebook'
      ? // With a Page token, `me` is the Page linked to the Instagram account.
        { base: graphBase(opts.config.META_GRAPH_URL, opts.config.META_GRAPH_VERSION), node: 'me', token: channel.secrets?.accessToken ?? '' }
      : { base: graphBase(opts.config.INSTAGRAM_GRAPH_URL, opts.config.META_GRAPH_VERSION), node: String(channel.config.accountId ?? 'me'), token: channel.secrets?.accessToken ?? '' },
  // Facebook Login: the Page is subscribed (any Page field will do); the Instagram fields are chosen in the App Dashboard.
  subscribedFields: (channel) => (apiHostOf(channel) === 'facebook' ? ['messages'] : INSTAGRAM_FIELDS),
});
