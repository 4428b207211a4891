import type { ChannelCapabilities } from '../channels/channel.js';

type ReplyWindow = ChannelCapabilities['replyWindow'];

/**
 * Whether a free-form reply may go out now on a channel with a reply window (WhatsApp's 24 hours, Messenger's
 * 24 hours plus HUMAN_AGENT's 7 days): open, open only with the provider's tag, or closed (templates only).
 * A conversation the customer never wrote in has no window open.
 */
export type ReplyWindowState = { open: true; tag?: string } | { open: false; endedAt: Date | null };

export function replyWindowState(window: ReplyWindow, lastInboundAt: Date | null, now: Date): ReplyWindowState {
  if (window.durationMs == null) return { open: true };
  const since = lastInboundAt ? now.getTime() - lastInboundAt.getTime() : Infinity;
  if (since <= window.durationMs) return { open: true };
  if (window.tag && window.tagDurationMs != null && since <= window.tagDurationMs) return { open: true, tag: window.tag };
  return { open: false, endedAt: replyWindowEndsAt(window, lastInboundAt) };
}

/**
 * When free-form replies stop being accepted (after the tagged extension, where the channel has one); null when
 * the channel has no window. Without a customer message there is no window: it ended when the conversation began.
 */
export function replyWindowEndsAt(window: ReplyWindow, lastInboundAt: Date | null, startedAt: Date | null = null): Date | null {
  if (window.durationMs == null) return null;
  if (!lastInboundAt) return startedAt;
  const length = window.tag && window.tagDurationMs != null ? Math.max(window.durationMs, window.tagDurationMs) : window.durationMs;
  return new Date(lastInboundAt.getTime() + length);
}
