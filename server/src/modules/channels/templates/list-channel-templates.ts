import type { UseCaseContext } from '../../use-case.js';
import { can } from '../../auth/permissions.js';
import { forbidden, notFound } from '../../../platform/http/errors.js';
import { findChannel } from '../channels.repo.js';
import { listChannelTemplateRows } from './channel-templates.repo.js';
import { channelTemplateDto } from './channel-template-dto.js';

/** The channel's synchronised templates, for every member (agents pick one to reply with). */
export async function listChannelTemplates(ctx: UseCaseContext, input: { channelId: number; sendable?: boolean }) {
  const { actor } = ctx;
  const channel = await findChannel(ctx.db, actor.workspaceId, input.channelId);
  if (!channel) throw notFound('Channel');
  if (!can(actor, 'channel.read', { workspaceId: channel.workspaceId })) throw forbidden();
  const items = (await listChannelTemplateRows(ctx.db, channel.workspaceId, channel.id)).map(channelTemplateDto);
  return { items: input.sendable ? items.filter((t) => t.sendable) : items };
}
