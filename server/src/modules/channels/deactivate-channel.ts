import type { UseCaseContext } from '../use-case.js';
import { updateChannel } from './update-channel.js';

/**
 * DELETE of a channel: it stops receiving and sending, and its conversations stay with their history.
 * The same use case as any other change of `active`, so there is one place that emits channel.updated.
 */
export async function deactivateChannel(ctx: UseCaseContext, input: { channelId: number }) {
  return updateChannel(ctx, { channelId: input.channelId, active: false });
}
