import type { AppContext } from '../../platform/context.js';
import { AppError, ErrorCode, forbidden } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { randomToken, sha256 } from '../../platform/crypto/secret-box.js';
import { findUserByEmail } from '../users/users.repo.js';
import { workspacesOfUser } from '../workspaces/workspaces.repo.js';
import { insertSession } from './auth.repo.js';
import { verifyPassword } from './password.js';
import { loadUserSession } from './session-dto.js';

/** Opens a session in the given workspace, or the user's first active one. */
export async function signIn(ctx: AppContext, input: { email: string; password: string; workspaceId?: number; userAgent?: string }) {
  const user = await findUserByEmail(ctx.db, input.email);
  // verifyPassword costs the same for an unknown email, so timing does not reveal accounts.
  const ok = await verifyPassword(input.password, user?.passwordHash ?? null);
  if (!user || !ok) throw new AppError(ErrorCode.Unauthenticated, 401, 'Wrong email or password');
  const workspaces = await workspacesOfUser(ctx.db, user.id);
  const target = input.workspaceId === undefined ? workspaces[0] : workspaces.find((w) => w.id === input.workspaceId);
  if (!target) throw forbidden(input.workspaceId === undefined ? 'Your account has no active workspace' : 'You are not an active member of that workspace');
  const token = randomToken();
  await inTransaction(ctx, (tx) =>
    insertSession(tx, { tokenHash: sha256(token), userId: user.id, workspaceId: target.id, ttlHours: ctx.config.SESSION_TTL_HOURS, userAgent: input.userAgent }),
  );
  return { token, session: await loadUserSession(ctx.db, target.id, user.id) };
}
