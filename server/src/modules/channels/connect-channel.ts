import type { UseCaseContext } from '../use-case.js';
import { can } from '../auth/permissions.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { adapterFor } from './registry.js';
import { loadChannelWithSecrets } from './load-channel.js';

export type ChannelConnection = { status: 'connected' | 'not_needed' } | { status: 'failed'; error: string };

/**
 * Registers our webhook URL (and secret) with the provider, for providers that are told rather than
 * configured by hand (Telegram's setWebhook). Runs after create and after a secret rotation, and on
 * demand as the settings' "test connection". The outcome is an event, so every admin sees it.
 */
export async function connectChannel(ctx: UseCaseContext, input: { channelId: number }): Promise<ChannelConnection> {
  const { actor } = ctx;
  const channel = await loadChannelWithSecrets(ctx, input.channelId);
  if (!channel || channel.workspaceId !== actor.workspaceId) throw notFound('Channel');
  if (!can(actor, 'channel.manage', { workspaceId: channel.workspaceId })) throw forbidden();
  const adapter = adapterFor(channel.type);
  if (!adapter?.connect) return { status: 'not_needed' };

  let connection: ChannelConnection;
  try {
    await adapter.connect(channel, { url: `${ctx.config.publicUrl}/hooks/${channel.type}/${channel.id}` }, { timeoutMs: ctx.config.OUTBOUND_TIMEOUT_MS, config: ctx.config });
    connection = { status: 'connected' };
  } catch (err) {
    connection = { status: 'failed', error: (err as Error).message };
  }
  await inTransaction(ctx, async (_tx, emit) => {
    emit({
      workspaceId: channel.workspaceId,
      type: connection.status === 'connected' ? 'channel.connected' : 'channel.connect_failed',
      actor: eventActor(actor),
      payload: { channelId: channel.id, ...(connection.status === 'failed' ? { error: connection.error } : {}) },
    });
  });
  return connection;
}
