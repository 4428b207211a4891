import type { UseCaseContext } from '../use-case.js';
import { conflict, forbidden, notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { can } from '../auth/permissions.js';
import { deleteSessionsOfMember } from '../auth/auth.repo.js';
import { requireTeamsOfWorkspace } from '../teams/require-teams.js';
import { findMember, lockOwners, setTeamsOfUser, updateMembership } from './users.repo.js';
import { toMemberDto } from './member-dto.js';
import type { UpdateMemberInput } from './users.schemas.js';

const sameIds = (a: number[], b: number[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/**
 * Role, access level, active and teams of a member. Only owners touch owners or make owners; a workspace
 * always keeps one active owner; a deactivated member is signed out of this workspace at once.
 */
export async function updateMember(ctx: UseCaseContext, input: UpdateMemberInput & { id: number }) {
  const { actor } = ctx;
  const workspaceId = actor.workspaceId;
  const member = await findMember(ctx.db, workspaceId, input.id);
  if (!member) throw notFound('User');
  if (!can(actor, 'user.manage', { workspaceId })) throw forbidden();
  if (member.role === 'owner' && actor.role !== 'owner') throw forbidden('Only an owner can change an owner');
  if (input.role === 'owner' && actor.role !== 'owner') throw forbidden('Only an owner can make an owner');
  const teamIds = input.teamIds === undefined ? undefined : await requireTeamsOfWorkspace(ctx.db, workspaceId, input.teamIds);

  const changes: Record<string, unknown> = {};
  if (input.role !== undefined && input.role !== member.role) changes.role = input.role;
  if (input.accessLevel !== undefined && input.accessLevel !== member.access_level) changes.accessLevel = input.accessLevel;
  if (input.active !== undefined && input.active !== member.active) changes.active = input.active;
  if (input.maxConversations !== undefined && input.maxConversations !== member.max_conversations) changes.maxConversations = input.maxConversations;
  if (teamIds !== undefined && !sameIds(teamIds, member.team_ids ?? [])) changes.teamIds = teamIds;
  if (Object.keys(changes).length === 0) return toMemberDto(member);

  await inTransaction(ctx, async (tx, emit) => {
    const losesOwner = member.role === 'owner' && member.active && (changes.role !== undefined || changes.active === false);
    if (losesOwner) {
      const owners = await lockOwners(tx, workspaceId);
      if (owners.filter((id) => id !== member.id).length === 0) throw conflict('The workspace needs at least one active owner: make someone else owner first');
    }
    await updateMembership(tx, workspaceId, member.id, {
      role: changes.role as UpdateMemberInput['role'],
      accessLevel: changes.accessLevel as UpdateMemberInput['accessLevel'],
      active: changes.active as boolean | undefined,
      maxConversations: changes.maxConversations as number | null | undefined,
    });
    if (teamIds !== undefined && changes.teamIds) await setTeamsOfUser(tx, workspaceId, member.id, teamIds);
    if (changes.active === false) await deleteSessionsOfMember(tx, workspaceId, member.id);
    emit({ workspaceId, type: 'user.updated', actor: eventActor(actor), audience: [member.id], payload: { userId: member.id, changes } });
  });
  return toMemberDto((await findMember(ctx.db, workspaceId, member.id))!);
}
