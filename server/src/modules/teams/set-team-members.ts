import type { UseCaseContext } from '../use-case.js';
import { AppError, ErrorCode, forbidden, notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { can } from '../auth/permissions.js';
import { existingMemberIds } from '../users/users.repo.js';
import { findTeam, setTeamMembers as setTeamMemberRows } from './teams.repo.js';
import { toTeamDto } from './team-dto.js';

/** Replaces the team's members; every one must be a member of the workspace. */
export async function setTeamMembers(ctx: UseCaseContext, input: { id: number; userIds: number[] }) {
  const { actor } = ctx;
  const team = await findTeam(ctx.db, actor.workspaceId, input.id);
  if (!team) throw notFound('Team');
  if (!can(actor, 'team.manage', { workspaceId: actor.workspaceId })) throw forbidden();
  const userIds = [...new Set(input.userIds)];
  const found = new Set(await existingMemberIds(ctx.db, actor.workspaceId, userIds));
  const missing = userIds.filter((id) => !found.has(id));
  if (missing.length) throw new AppError(ErrorCode.NotFound, 404, `User not found: ${missing.join(', ')}`, [{ field: 'body.userIds', message: `no member ${missing.join(', ')}` }]);
  await inTransaction(ctx, async (tx, emit) => {
    const { added, removed } = await setTeamMemberRows(tx, actor.workspaceId, team.id, userIds);
    if (added.length || removed.length) {
      emit({ workspaceId: actor.workspaceId, type: 'team.members_changed', actor: eventActor(actor), payload: { teamId: team.id, added, removed, memberIds: userIds } });
    }
  });
  return toTeamDto((await findTeam(ctx.db, actor.workspaceId, team.id))!);
}
