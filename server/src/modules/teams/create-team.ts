import type { UseCaseContext } from '../use-case.js';
import { conflict, forbidden } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { can } from '../auth/permissions.js';
import { isUniqueViolation } from '../pg-errors.js';
import { findTeam, insertTeam } from './teams.repo.js';
import { toTeamDto } from './team-dto.js';

export const teamNameTaken = (name: string) => conflict(`A team named "${name}" already exists`, [{ field: 'body.name', message: 'already taken' }]);

export async function createTeam(ctx: UseCaseContext, input: { name: string; description: string }) {
  const { actor } = ctx;
  if (!can(actor, 'team.manage', { workspaceId: actor.workspaceId })) throw forbidden();
  try {
    const id = await inTransaction(ctx, async (tx, emit) => {
      const id = await insertTeam(tx, { workspaceId: actor.workspaceId, name: input.name, description: input.description });
      emit({ workspaceId: actor.workspaceId, type: 'team.created', actor: eventActor(actor), payload: { teamId: id, name: input.name, description: input.description } });
      return id;
    });
    return toTeamDto((await findTeam(ctx.db, actor.workspaceId, id))!);
  } catch (err) {
    if (isUniqueViolation(err)) throw teamNameTaken(input.name);
    throw err;
  }
}
