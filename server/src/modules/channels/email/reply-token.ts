/**
 * The reply address token: our replies carry `Reply-To: soporte+c<conversationId>.<tag>@empresa.test` (plus
 * addressing, which Gmail, Microsoft 365 and most servers deliver to the plain mailbox), so a customer's answer
 * finds its conversation even when their mail program dropped In-Reply-To and References, or they wrote from
 * another address of theirs. The tag is an HMAC under the channel's threadKey: nobody can make up a token for
 * a conversation they were not mailed from; a token that does not verify is ignored.
 */
import crypto from 'node:crypto';
import type { EmailChannel } from './email-settings.js';

/** 48 bits, lower-case hex: mail servers may lower-case a local part, and a guess by mail costs a message each. */
const TAG_CHARS = 12;
const TOKEN = /\+c(\d{1,15})\.([0-9a-f]{12})@/i;

/** A short HMAC of `data` under the channel's threadKey, in hex (also our Message-IDs' tag). */
export function channelTag(channel: Pick<EmailChannel, 'threadKey'>, data: string, chars: number): string {
  return crypto.createHmac('sha256', channel.threadKey).update(data).digest('hex').slice(0, chars);
}

const tokenTag = (channel: Pick<EmailChannel, 'id' | 'threadKey'>, conversationId: number) => channelTag(channel, `reply:${channel.id}:${conversationId}`, TAG_CHARS);

/** The channel's address with the conversation's token; null when the channel turned the token off. */
export function replyAddress(channel: Pick<EmailChannel, 'id' | 'threadKey' | 'config'>, conversationId: number): string | null {
  if ((channel.config.replyAddressToken ?? 'plus') === 'off') return null;
  const { address } = channel.config;
  const at = address.lastIndexOf('@');
  return `${address.slice(0, at)}+c${conversationId}.${tokenTag(channel, conversationId)}${address.slice(at)}`;
}

/** The conversation a recipient address's token names, when the token is this channel's and verifies; else null. */
export function conversationOfAddress(channel: Pick<EmailChannel, 'id' | 'threadKey'>, address: string): number | null {
  const m = TOKEN.exec(address);
  if (!m) return null;
  const conversationId = Number(m[1]);
  const expected = Buffer.from(tokenTag(channel, conversationId));
  const given = Buffer.from(m[2].toLowerCase());
  return Number.isSafeInteger(conversationId) && conversationId > 0 && crypto.timingSafeEqual(expected, given) ? conversationId : null;
}

/** The first recipient (To, Cc, Delivered-To, X-Original-To, in that order) whose token verifies. */
export function conversationOfRecipients(channel: Pick<EmailChannel, 'id' | 'threadKey'>, recipients: string[]): number | null {
  for (const address of recipients) {
    const id = conversationOfAddress(channel, address);
    if (id !== null) return id;
  }
  return null;
}
