import type { AppContext } from '../../../platform/context.js';
import type { JobDefinition } from '../../../platform/queue/queue.js';
import type { Subscriber } from '../../../platform/events/dispatcher.js';
import { findChannelById } from '../channels.repo.js';
import { DEFAULT_POLL_SECONDS, type EmailConfig } from './email-settings.js';
import { pollMailbox } from './poll-mailbox.js';

export const POLL_MAILBOX = 'email.poll';

type Data = { workspaceId: number; channelId: number };

/**
 * When the next poll of this mailbox is due: on a grid of its poll interval, so every job and every kick
 * (however many nodes) name the same next poll, and the job id (channel + time) enqueues it once.
 */
export function nextPollAt(now: Date, pollSeconds: number): Date {
  const step = pollSeconds * 1000;
  return new Date((Math.floor(now.getTime() / step) + 1) * step);
}

/** Schedules the next poll of an active email channel; a deactivated or deleted channel's chain ends here. */
export async function scheduleNextPoll(ctx: AppContext, channelId: number): Promise<Date | null> {
  const channel = await findChannelById(ctx.db, channelId);
  if (!channel || channel.type !== 'email' || !channel.active) return null;
  const due = nextPollAt(ctx.clock.now(), (channel.config as EmailConfig).pollSeconds ?? DEFAULT_POLL_SECONDS);
  await ctx.queue.send(POLL_MAILBOX, { workspaceId: channel.workspaceId, channelId }, { key: `${channelId}:${due.getTime()}`, startAfter: due });
  return due;
}

/**
 * Polls one mailbox, after scheduling the next poll first, so a poll that crashes or fails (the mailbox is
 * unreachable: recorded in config.poller.lastError) does not end the chain. Why a chain of delayed jobs and not
 * a connection kept in IDLE: any node may run the next poll, and a node that dies holds nothing; the lease in
 * poll-mailbox.ts keeps two polls of one mailbox from overlapping.
 */
export const pollMailboxJob: JobDefinition<Data, AppContext> = {
  name: POLL_MAILBOX,
  concurrency: 4,
  options: { retryLimit: 10, retryDelay: 15, retryBackoff: true, expireInSeconds: 900 },
  async handle(ctx, { channelId }) {
    if (!(await scheduleNextPoll(ctx, channelId))) return;
    await pollMailbox(ctx, channelId);
  },
};

type ChannelEventPayload = { channel?: { id?: number; type?: string; active?: boolean }; channelId?: number };

/**
 * Starts (or restarts) a mailbox's polling when its channel is created, changed (reactivated, new settings) or
 * its connection tested: a poll now, which schedules the next. Ids derived from the event: a replay adds nothing.
 */
export const emailPollSubscriber: Subscriber = {
  name: 'channels.email-poll',
  accepts: (e) => {
    const p = e.payload as ChannelEventPayload;
    if (e.type === 'channel.created' || e.type === 'channel.updated') return p.channel?.type === 'email' && p.channel.active !== false;
    return e.type === 'channel.connected';
  },
  async handle(ctx, events) {
    for (const e of events) {
      const p = e.payload as ChannelEventPayload;
      const channelId = p.channel?.id ?? p.channelId;
      if (!channelId) continue;
      if (e.type === 'channel.connected' && (await findChannelById(ctx.db, channelId))?.type !== 'email') continue;
      await ctx.queue.send(POLL_MAILBOX, { workspaceId: e.workspaceId, channelId }, { key: `${channelId}:event:${e.id}` });
    }
  },
};
