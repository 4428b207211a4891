import type { AppContext } from '../../platform/context.js';
import { notFound } from '../../platform/http/errors.js';
import { sha256 } from '../../platform/crypto/secret-box.js';
import { findUserByEmail } from '../users/users.repo.js';
import { findInvitationByToken } from './invitations.repo.js';

/** What the accept page shows before the invitee decides: public, for whoever holds the token. */
export async function lookupInvitation(ctx: AppContext, input: { token: string }) {
  const found = await findInvitationByToken(ctx.db, sha256(input.token));
  if (!found || found.invitation.acceptedAt || found.invitation.expiresAt <= ctx.clock.now()) throw notFound('Invitation');
  const account = await findUserByEmail(ctx.db, found.invitation.email);
  return { workspaceName: found.workspaceName, email: found.invitation.email, name: found.invitation.name, accountExists: Boolean(account) };
}
