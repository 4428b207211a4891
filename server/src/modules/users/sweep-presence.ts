import type { AppContext } from '../../platform/context.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { markAbsentOffline } from './presence.repo.js';
import { LEFT, PRESENCE_TIMEOUT_MS } from './presence-rules.js';
import { statusChanged } from './status-event.js';

/**
 * Members of the workspace without a heartbeat for the timeout, or automatically away for longer than the
 * workspace's auto-offline minutes, become offline; each change is an event.
 */
export async function sweepPresence(ctx: AppContext, workspaceId: number): Promise<number[]> {
  const now = ctx.clock.now();
  const cutoff = new Date(now.getTime() - PRESENCE_TIMEOUT_MS);
  return inTransaction(ctx, async (tx, emit) => {
    const gone = await markAbsentOffline(tx, workspaceId, cutoff, now);
    for (const userId of gone) emit(statusChanged(workspaceId, userId, LEFT.status, { type: 'system' }));
    return gone;
  });
}
