import type { AppContext } from '../../platform/context.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { randomToken, sha256 } from '../../platform/crypto/secret-box.js';
import { findUserByEmail } from '../users/users.repo.js';
import { insertPasswordReset } from './auth.repo.js';
import { passwordResetMail } from './auth-mails.js';

export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;

/**
 * Mails a single-use reset link when the address has an account, and does nothing otherwise.
 * The route answers 202 before this runs, so neither the answer nor its timing reveals accounts.
 */
export async function requestPasswordReset(ctx: AppContext, input: { email: string }) {
  const user = await findUserByEmail(ctx.db, input.email);
  if (!user) return;
  const token = randomToken();
  await inTransaction(ctx, (tx) =>
    insertPasswordReset(tx, { tokenHash: sha256(token), userId: user.id, expiresAt: new Date(ctx.clock.now().getTime() + PASSWORD_RESET_TTL_MS) }),
  );
  const url = `${ctx.config.publicUrl}/reset-password?token=${token}`;
  await ctx.mail.send({ to: user.email, ...passwordResetMail(user.language, { url }) });
}
