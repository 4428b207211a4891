import type { UseCaseContext } from '../use-case.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { can } from '../auth/permissions.js';
import { findTeam } from './teams.repo.js';
import { toTeamDto } from './team-dto.js';

export async function getTeam(ctx: UseCaseContext, input: { id: number }) {
  const { actor } = ctx;
  const team = await findTeam(ctx.db, actor.workspaceId, input.id);
  if (!team) throw notFound('Team');
  if (!can(actor, 'team.read', { workspaceId: actor.workspaceId })) throw forbidden();
  return toTeamDto(team);
}
