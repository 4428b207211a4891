import type { AppContext } from '../../platform/context.js';
import { AppError, ErrorCode, conflict, notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { randomToken, sha256 } from '../../platform/crypto/secret-box.js';
import { findMember, findUserByEmail, insertUser, setTeamsOfUser } from '../users/users.repo.js';
import { existingTeamIds } from '../teams/teams.repo.js';
import { insertMembership } from '../workspaces/workspaces.repo.js';
import { invalidField } from '../invalid-field.js';
import { isUniqueViolation } from '../pg-errors.js';
import { insertSession } from './auth.repo.js';
import { findInvitationByToken, markInvitationAccepted } from './invitations.repo.js';
import { hashPassword, verifyPassword } from './password.js';
import { loadUserSession } from './session-dto.js';

const gone = () => notFound('Invitation');

/**
 * Joins the workspace: a new address gets an account (name and password), an existing account proves
 * itself with its password and gains a membership. Either way the invitee ends signed in there.
 */
export async function acceptInvitation(ctx: AppContext, input: { token: string; name?: string; password: string; userAgent?: string }) {
  const tokenHash = sha256(input.token);
  const found = await findInvitationByToken(ctx.db, tokenHash);
  if (!found || found.invitation.acceptedAt || found.invitation.expiresAt <= ctx.clock.now()) throw gone();
  const { invitation } = found;
  const existing = await findUserByEmail(ctx.db, invitation.email);
  let passwordHash: string | null = null;
  if (existing) {
    if (!(await verifyPassword(input.password, existing.passwordHash))) {
      throw new AppError(ErrorCode.Unauthenticated, 401, `${invitation.email} already has an account: enter its password`);
    }
    if ((await findMember(ctx.db, invitation.workspaceId, existing.id))?.active) throw conflict('You are already a member of this workspace');
  } else {
    if (!input.name) throw invalidField('body.name', 'required to create the account');
    passwordHash = await hashPassword(input.password);
  }

  const token = randomToken();
  const userId = await inTransaction(ctx, async (tx, emit) => {
    const locked = await findInvitationByToken(tx, tokenHash, { lock: true });
    if (!locked || locked.invitation.acceptedAt) throw gone(); // accepted meanwhile
    const user = existing ?? (await insertUser(tx, { email: invitation.email, name: input.name!, passwordHash: passwordHash!, language: found.workspaceLanguage }));
    const { workspaceId, role, accessLevel } = invitation;
    await insertMembership(tx, { workspaceId, userId: user.id, role, accessLevel });
    // Teams deleted since the invitation was sent are skipped.
    const teamIds = await existingTeamIds(tx, workspaceId, invitation.teamIds);
    await setTeamsOfUser(tx, workspaceId, user.id, teamIds);
    await markInvitationAccepted(tx, invitation.id, ctx.clock.now());
    await insertSession(tx, { tokenHash: sha256(token), userId: user.id, workspaceId, ttlHours: ctx.config.SESSION_TTL_HOURS, userAgent: input.userAgent });
    emit({
      workspaceId,
      type: 'user.joined',
      actor: { type: 'user', id: user.id },
      payload: { userId: user.id, name: user.name, role, accessLevel, teamIds, invitationId: invitation.id },
    });
    return user.id;
  }).catch((err) => {
    // Two invitations to one new address accepted at the same moment: the second finds the account taken.
    if (isUniqueViolation(err)) throw conflict('An account for this address was just created: accept again with its password');
    throw err;
  });
  return { token, session: await loadUserSession(ctx.db, invitation.workspaceId, userId) };
}
