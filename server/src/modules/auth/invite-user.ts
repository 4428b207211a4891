import type { UseCaseContext } from '../use-case.js';
import { conflict, forbidden } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { randomToken, sha256 } from '../../platform/crypto/secret-box.js';
import { can } from './permissions.js';
import { findMember, findUser, findUserByEmail } from '../users/users.repo.js';
import { findWorkspace } from '../workspaces/workspaces.repo.js';
import { requireTeamsOfWorkspace } from '../teams/require-teams.js';
import { deletePendingInvitationsFor, insertInvitation } from './invitations.repo.js';
import { invitationMail } from './auth-mails.js';
import { toInvitationDto } from './invitation-dto.js';
import type { CreateInvitationInput } from './invitations.schemas.js';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Mails a link to join the workspace with a role, access level and teams; a new invitation replaces a pending one. */
export async function inviteUser(ctx: UseCaseContext, input: CreateInvitationInput) {
  const { actor } = ctx;
  const workspaceId = actor.workspaceId;
  if (!can(actor, 'user.manage', { workspaceId })) throw forbidden();
  if (input.role === 'owner' && actor.role !== 'owner') throw forbidden('Only an owner can invite an owner');
  const teamIds = await requireTeamsOfWorkspace(ctx.db, workspaceId, input.teamIds);
  const existing = await findUserByEmail(ctx.db, input.email);
  if (existing && (await findMember(ctx.db, workspaceId, existing.id))?.active) throw conflict(`${input.email} is already a member of this workspace`);
  const [workspace, inviter] = await Promise.all([findWorkspace(ctx.db, workspaceId), actor.userId ? findUser(ctx.db, actor.userId) : undefined]);

  const token = randomToken();
  const expiresAt = new Date(ctx.clock.now().getTime() + INVITATION_TTL_MS);
  const row = await inTransaction(ctx, async (tx, emit) => {
    const replaced = await deletePendingInvitationsFor(tx, workspaceId, input.email);
    const row = await insertInvitation(tx, {
      workspaceId, email: input.email, name: input.name ?? null, role: input.role, accessLevel: input.accessLevel,
      teamIds, tokenHash: sha256(token), invitedBy: actor.userId, expiresAt,
    });
    emit({
      workspaceId,
      type: 'invitation.created',
      actor: eventActor(actor),
      payload: { invitationId: row.id, email: row.email, role: row.role, accessLevel: row.accessLevel, teamIds, replacedInvitationIds: replaced.map((r) => r.id) },
    });
    return row;
  });

  const url = `${ctx.config.publicUrl}/accept-invitation?token=${token}`;
  let emailed = true;
  try {
    await ctx.mail.send({ to: row.email, ...invitationMail(workspace!.language, { workspaceName: workspace!.name, inviterName: inviter?.name ?? null, url, expiresAt }) });
  } catch (err) {
    // The invitation stands; the admin sees emailed=false and can invite again once mail works.
    ctx.log.warn({ err, invitationId: row.id }, 'invitation mail failed');
    emailed = false;
  }
  return { invitation: toInvitationDto(row), emailed };
}
