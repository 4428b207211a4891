import type { UseCaseContext } from '../../use-case.js';
import { can } from '../../auth/permissions.js';
import { AppError, ErrorCode, badRequest, forbidden, notFound } from '../../../platform/http/errors.js';
import { inTransaction } from '../../../platform/events/transaction.js';
import { eventActor } from '../../../platform/events/event-types.js';
import { loadChannelWithSecrets } from '../load-channel.js';
import { adapterFor } from '../registry.js';
import type { ProviderTemplate } from '../channel.js';
import { listChannelTemplateRows, replaceChannelTemplates } from './channel-templates.repo.js';
import { channelTemplateDto } from './channel-template-dto.js';

/**
 * Copies the channel's message templates from the provider (admins): added, changed and removed ones, so agents
 * pick from what the provider would accept. A provider failure (expired token, outage) answers 502 with its reason.
 */
export async function syncChannelTemplates(ctx: UseCaseContext, input: { channelId: number }) {
  const { actor } = ctx;
  const channel = await loadChannelWithSecrets(ctx, input.channelId);
  if (!channel || channel.workspaceId !== actor.workspaceId) throw notFound('Channel');
  if (!can(actor, 'channel.manage', { workspaceId: channel.workspaceId })) throw forbidden();
  const adapter = adapterFor(channel.type);
  if (!adapter?.listTemplates) throw badRequest(`${channel.type} channels have no message templates`);

  let templates: ProviderTemplate[];
  try {
    templates = await adapter.listTemplates(channel, { timeoutMs: ctx.config.OUTBOUND_TIMEOUT_MS, config: ctx.config });
  } catch (err) {
    const e = err as Error & { providerCode?: string };
    throw new AppError(ErrorCode.ProviderFailed, 502, `The provider did not list the templates: ${e.providerCode ? `${e.providerCode}: ` : ''}${e.message}`);
  }
  const syncedAt = ctx.clock.now();
  const rows = await inTransaction(ctx, async (tx, emit) => {
    await replaceChannelTemplates(tx, { workspaceId: channel.workspaceId, channelId: channel.id, templates, syncedAt });
    emit({ workspaceId: channel.workspaceId, type: 'channel.templates_synced', actor: eventActor(actor), payload: { channelId: channel.id, count: templates.length } });
    return listChannelTemplateRows(tx, channel.workspaceId, channel.id);
  });
  return { items: rows.map(channelTemplateDto), syncedAt: syncedAt.toISOString() };
}
