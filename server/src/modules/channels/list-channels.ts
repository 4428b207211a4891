import type { UseCaseContext } from '../use-case.js';
import { can } from '../auth/permissions.js';
import { forbidden } from '../../platform/http/errors.js';
import { listChannels as listChannelRows } from './channels.repo.js';
import { toChannelDto } from './channel-dto.js';

/** Every member may see the channels (to filter and to reply); only admins change them. */
export async function listChannels(ctx: UseCaseContext, input: { cursor?: string; limit: number }) {
  const { actor } = ctx;
  if (!can(actor, 'channel.read', { workspaceId: actor.workspaceId })) throw forbidden();
  const rows = await listChannelRows(ctx.db, {
    workspaceId: actor.workspaceId,
    afterId: input.cursor ? Number(input.cursor) : undefined,
    limit: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  return {
    items: page.map((r) => toChannelDto(ctx, r)),
    nextCursor: rows.length > input.limit ? String(page.at(-1)!.id) : null,
  };
}
