import type { UseCaseContext } from '../use-case.js';
import { conflict, forbidden, notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { can } from '../auth/permissions.js';
import { isForeignKeyViolation } from '../pg-errors.js';
import { deleteTeam as deleteTeamRow, findTeam } from './teams.repo.js';

/** Members leave with the team; a team that conversations (or channels) still point to is kept for their history. */
export async function deleteTeam(ctx: UseCaseContext, input: { id: number }) {
  const { actor } = ctx;
  const team = await findTeam(ctx.db, actor.workspaceId, input.id);
  if (!team) throw notFound('Team');
  if (!can(actor, 'team.manage', { workspaceId: actor.workspaceId })) throw forbidden();
  try {
    await inTransaction(ctx, async (tx, emit) => {
      await deleteTeamRow(tx, team.id);
      emit({ workspaceId: actor.workspaceId, type: 'team.deleted', actor: eventActor(actor), payload: { teamId: team.id, name: team.name, memberIds: team.member_ids ?? [] } });
    });
  } catch (err) {
    if (isForeignKeyViolation(err)) throw conflict(`Team "${team.name}" still has conversations or channels: move them to another team first`);
    throw err;
  }
}
