import type { UseCaseContext } from '../use-case.js';
import { AppError, ErrorCode, forbidden, notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import { deleteSessionsOfUser } from '../auth/auth.repo.js';
import { invalidField } from '../invalid-field.js';
import { activeWorkspaceIds, findUser, updateUser } from './users.repo.js';
import { toProfileDto } from './member-dto.js';
import type { UpdateProfileInput } from './users.schemas.js';

/**
 * The signed-in user's own name, avatar, language and password. Every workspace they belong to hears of
 * the visible changes; a new password signs out their other sessions.
 */
export async function updateProfile(ctx: UseCaseContext, input: UpdateProfileInput & { sessionTokenHash: string | null }) {
  const { actor } = ctx;
  if (actor.type !== 'user' || actor.userId === null) throw forbidden('Only a signed-in user has a profile');
  const user = await findUser(ctx.db, actor.userId);
  if (!user) throw notFound('User');

  let passwordHash: string | undefined;
  if (input.newPassword !== undefined) {
    if (!input.currentPassword) throw invalidField('body.currentPassword', 'required to change the password');
    if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
      throw new AppError(ErrorCode.Forbidden, 403, 'The current password is wrong', [{ field: 'body.currentPassword', message: 'wrong password' }]);
    }
    passwordHash = await hashPassword(input.newPassword);
  }
  const changes: Record<string, unknown> = {};
  if (input.name !== undefined && input.name !== user.name) changes.name = input.name;
  if (input.avatarUrl !== undefined && input.avatarUrl !== user.avatarUrl) changes.avatarUrl = input.avatarUrl;
  if (input.language !== undefined && input.language !== user.language) changes.language = input.language;
  if (!passwordHash && Object.keys(changes).length === 0) return toProfileDto(user);

  const workspaceIds = await activeWorkspaceIds(ctx.db, user.id);
  const updated = await inTransaction(ctx, async (tx, emit) => {
    const updated = await updateUser(tx, user.id, { ...(changes as object), ...(passwordHash ? { passwordHash } : {}) });
    if (passwordHash) await deleteSessionsOfUser(tx, user.id, input.sessionTokenHash ?? undefined);
    for (const workspaceId of workspaceIds) {
      if (Object.keys(changes).length) emit({ workspaceId, type: 'user.updated', actor: eventActor(actor), payload: { userId: user.id, changes } });
      // Tells realtime to drop the sockets of the sessions just signed out.
      if (passwordHash) emit({ workspaceId, type: 'user.password_changed', actor: eventActor(actor), audience: [user.id], payload: { userId: user.id } });
    }
    return updated;
  });
  return toProfileDto(updated);
}
