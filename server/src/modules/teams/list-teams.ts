import type { UseCaseContext } from '../use-case.js';
import { forbidden } from '../../platform/http/errors.js';
import { can } from '../auth/permissions.js';
import { decodeNameCursor, pageOf } from '../name-cursor.js';
import { listTeams as listTeamRows } from './teams.repo.js';
import { toTeamDto } from './team-dto.js';

export async function listTeams(ctx: UseCaseContext, input: { cursor?: string; limit: number }) {
  const { actor } = ctx;
  if (!can(actor, 'team.read', { workspaceId: actor.workspaceId })) throw forbidden();
  const rows = await listTeamRows(ctx.db, actor.workspaceId, { after: decodeNameCursor(input.cursor), limit: input.limit + 1 });
  const page = pageOf(rows, input.limit);
  return { items: page.items.map(toTeamDto), nextCursor: page.nextCursor };
}
