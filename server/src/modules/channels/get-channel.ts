import type { UseCaseContext } from '../use-case.js';
import { can } from '../auth/permissions.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { findChannel } from './channels.repo.js';
import { toChannelDto } from './channel-dto.js';

export async function getChannel(ctx: UseCaseContext, input: { channelId: number }) {
  const { actor } = ctx;
  const channel = await findChannel(ctx.db, actor.workspaceId, input.channelId);
  if (!channel) throw notFound('Channel');
  if (!can(actor, 'channel.read', { workspaceId: channel.workspaceId })) throw forbidden();
  return toChannelDto(ctx, channel);
}
