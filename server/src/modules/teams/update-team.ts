import type { UseCaseContext } from '../use-case.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { can } from '../auth/permissions.js';
import { isUniqueViolation } from '../pg-errors.js';
import { findTeam, routingColumns, updateTeam as updateTeamRow } from './teams.repo.js';
import type { TeamRouting } from './teams.schemas.js';
import { toTeamDto } from './team-dto.js';
import { teamNameTaken } from './create-team.js';

/** Name, description and how the queue is served; a routing change is a `team.updated` event, so routing serves the queue again. */
export async function updateTeam(ctx: UseCaseContext, input: { id: number; name?: string; description?: string; routing?: Partial<TeamRouting> }) {
  const { actor } = ctx;
  const team = await findTeam(ctx.db, actor.workspaceId, input.id);
  if (!team) throw notFound('Team');
  if (!can(actor, 'team.manage', { workspaceId: actor.workspaceId })) throw forbidden();
  const changes: { name?: string; description?: string; routing?: Partial<TeamRouting> } = {};
  if (input.name !== undefined && input.name !== team.name) changes.name = input.name;
  if (input.description !== undefined && input.description !== team.description) changes.description = input.description;
  const routing = Object.fromEntries(Object.entries(input.routing ?? {}).filter(([k, v]) => v !== undefined && JSON.stringify(v) !== JSON.stringify(team.routing[k as keyof TeamRouting])));
  if (Object.keys(routing).length) changes.routing = routing;
  if (Object.keys(changes).length === 0) return toTeamDto(team);
  try {
    await inTransaction(ctx, async (tx, emit) => {
      await updateTeamRow(tx, team.id, { name: changes.name, description: changes.description, ...routingColumns(changes.routing ?? {}) });
      emit({ workspaceId: actor.workspaceId, type: 'team.updated', actor: eventActor(actor), payload: { teamId: team.id, changes } });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw teamNameTaken(changes.name!);
    throw err;
  }
  return toTeamDto((await findTeam(ctx.db, actor.workspaceId, team.id))!);
}
