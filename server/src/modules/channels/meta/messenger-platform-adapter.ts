/**
 * One adapter for the two channels on the Messenger Platform (Messenger and Instagram): the same handshake,
 * signature, envelope and Send API, told apart by the account they speak for and the host they call.
 */
import type { ChannelAdapter, ChannelCapabilities, ChannelRecord, SendOptions } from '../channel.js';
import { ChannelSendError } from '../channel.js';
import { answerHubChallenge, verifyHubSignature } from './meta-webhook.js';
import { parseMessengerPlatform } from './messenger-platform-inbound.js';
import { graphPost, sendMessengerPlatform, type GraphTarget, type SendRules } from './messenger-platform-send.js';

const DAY_MS = 24 * 60 * 60_000;

/** 24 hours after the customer's last message; human agents may answer for 7 days with the HUMAN_AGENT tag. */
export const MESSENGER_PLATFORM_WINDOW: ChannelCapabilities['replyWindow'] = { durationMs: DAY_MS, tag: 'HUMAN_AGENT', tagDurationMs: 7 * DAY_MS };

export interface MessengerPlatformSpec {
  type: string;
  object: 'page' | 'instagram';
  capabilities: ChannelCapabilities;
  rules: SendRules;
  /** The account the channel speaks for (Page id, Instagram account id): its webhook entries are ours. */
  accountId(channel: ChannelRecord): string;
  /** Base URL (with version), the node to post to and the token, from the channel and the configured hosts. */
  target(channel: ChannelRecord, opts: SendOptions): Omit<GraphTarget, 'timeoutMs'>;
  /** The webhook fields the account is subscribed to (`POST /{node}/subscribed_apps`). */
  subscribedFields(channel: ChannelRecord): string[];
}

export function createMessengerPlatformAdapter(spec: MessengerPlatformSpec): ChannelAdapter {
  const targetOf = (channel: ChannelRecord, opts: SendOptions): GraphTarget => {
    const t = spec.target(channel, opts);
    if (!t.token) throw new ChannelSendError('permanent', 'The channel has no access token configured');
    return { ...t, timeoutMs: opts.timeoutMs };
  };
  return {
    type: spec.type,
    capabilities: spec.capabilities,

    verify(channel, req) {
      const secret = channel.secrets?.appSecret;
      return !!secret && verifyHubSignature(secret, req);
    },

    handshake(channel, req) {
      const token = channel.secrets?.verifyToken;
      return token ? answerHubChallenge(token, req) : null;
    },

    parse(channel, req) {
      return parseMessengerPlatform(req.body, { object: spec.object, ownId: spec.accountId(channel) });
    },

    send(channel, message, opts) {
      return sendMessengerPlatform(targetOf(channel, opts), message, spec.rules, opts.parts);
    },

    /** Subscribes the account to the app's webhooks; the callback URL and verify token are pasted in Meta's App Dashboard. */
    async connect(channel, _webhook, opts) {
      const target = targetOf(channel, opts);
      await graphPost(target, `${target.node}/subscribed_apps?subscribed_fields=${spec.subscribedFields(channel).join(',')}`, {});
    },
  };
}

export const graphBase = (url: string, version: string) => `${url.replace(/\/$/, '')}/${version}`;
