import type { AppContext } from '../../platform/context.js';
import { AppError, ErrorCode } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { sha256 } from '../../platform/crypto/secret-box.js';
import { activeWorkspaceIds, updateUser } from '../users/users.repo.js';
import { deleteSessionsOfUser, lockPasswordReset, usePasswordResets } from './auth.repo.js';
import { hashPassword } from './password.js';

/** Sets a new password from a mailed link; the link and every other open link die, and every session is signed out. */
export async function resetPassword(ctx: AppContext, input: { token: string; password: string }) {
  const passwordHash = await hashPassword(input.password);
  const now = ctx.clock.now();
  await inTransaction(ctx, async (tx, emit) => {
    const reset = await lockPasswordReset(tx, sha256(input.token));
    if (!reset || reset.usedAt || reset.expiresAt <= now) {
      throw new AppError(ErrorCode.BadRequest, 400, 'This password reset link is invalid, used or expired: ask for a new one', [{ field: 'body.token', message: 'invalid, used or expired' }]);
    }
    await updateUser(tx, reset.userId, { passwordHash });
    await usePasswordResets(tx, reset.userId, now);
    await deleteSessionsOfUser(tx, reset.userId);
    // Tells realtime to drop the sockets of the sessions just signed out.
    for (const workspaceId of await activeWorkspaceIds(tx, reset.userId)) {
      emit({ workspaceId, type: 'user.password_changed', actor: { type: 'user', id: reset.userId }, audience: [reset.userId], payload: { userId: reset.userId, reset: true } });
    }
  });
}
