import type { UseCaseContext } from '../use-case.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { can } from '../auth/permissions.js';
import { findTeam } from './teams.repo.js';
import { formFieldsOf, listTeamFormFields } from './team-form.repo.js';
import type { TeamFormDto } from './team-form.schemas.js';

/** A team's form (seed 004): the fields its agents fill during a conversation, in order. Every member may read it. */
export async function getTeamForm(ctx: UseCaseContext, input: { id: number }): Promise<TeamFormDto> {
  const { actor } = ctx;
  const team = await findTeam(ctx.db, actor.workspaceId, input.id);
  if (!team) throw notFound('Team');
  if (!can(actor, 'team.read', { workspaceId: actor.workspaceId })) throw forbidden();
  return { teamId: team.id, fields: formFieldsOf(await listTeamFormFields(ctx.db, actor.workspaceId, [team.id]), team.id) };
}
