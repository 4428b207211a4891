import type { AppContext } from '../../platform/context.js';
import { jobIdFor } from '../../platform/queue/queue.js';

/** A queue without workers whose jobs are send permits: pg-boss's throttling keeps at most one per key and second. */
export const SEND_PERMIT = 'outbound.send-permit';
/** Another slot or two is tried before waiting for the next second. */
const TRIES = 3;
/**
 * Holds a channel to its provider's rate (WhatsApp: 80 messages per second per number) across every node.
 *
 * Each send takes a permit first: a pg-boss job sent with `sendThrottled(…, 1 s, "<channel>:<lane>")`, where the
 * lane is one of `perSecond` slots. pg-boss stores a throttled job with its one-second slot and a unique index on
 * (queue, slot, key), so a second permit for the same lane in the same second is refused by the database itself:
 * at most `perSecond` permits per channel per second, whichever node asks, with the database's clock (not the
 * nodes'). No table of our own and no migration; permits expire after their second and pg-boss's maintenance
 * archives them. The lane comes from the message id, so a burst of consecutive replies spreads over the lanes.
 */
export async function takeSendPermit(ctx: Pick<AppContext, 'queue'>, p: { workspaceId: number; channelId: number; messageId: number; perSecond: number }): Promise<boolean> {
  await ctx.queue.define({ name: SEND_PERMIT });
  for (let i = 0; i < Math.min(TRIES, p.perSecond); i++) {
    const lane = (p.messageId + i * Math.ceil(p.perSecond / TRIES)) % p.perSecond;
    const id = await ctx.queue.boss.sendThrottled(SEND_PERMIT, { workspaceId: p.workspaceId, channelId: p.channelId, messageId: p.messageId }, { retentionSeconds: 2 }, 1, `${p.channelId}:${lane}`);
    if (id) return true;
  }
  return false;
}

/**
 * Runs the send again later as a new job (the current one completes): the message stays queued meanwhile. The id
 * derives from the message and the deferral's number, so a re-run of this job defers it once, not twice.
 * The delay grows with jitter as a message keeps waiting, so a large backlog does not wake all at once.
 */
export async function deferSend(ctx: Pick<AppContext, 'queue'>, queue: string, data: { workspaceId: number; messageId: number; deferrals?: number }, minSeconds: number) {
  const deferrals = (data.deferrals ?? 0) + 1;
  const seconds = Math.max(1, Math.ceil(minSeconds)) + Math.floor(Math.random() * Math.min(deferrals, 10));
  await ctx.queue.boss.send(queue, { ...data, deferrals }, { id: jobIdFor(queue, `${data.messageId}:deferred:${deferrals}`), startAfter: seconds });
}
