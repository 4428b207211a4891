import type { UseCaseContext } from '../use-case.js';
import { AppError, ErrorCode, forbidden, notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import { deleteSessionsOfUser } from '../auth/auth.repo.js';
import { invalidField } from '../invalid-field.js';
import { activeWorkspaceIds, findMember, findUser, lockUser, updateUser } from './users.repo.js';
import { toOwnProfileDto } from './member-dto.js';
import { mergePreferences, resolvePreferences } from './notification-preferences.js';
import { removeStoredAvatar } from './upload-avatar.js';
import type { UpdateProfileInput } from './users.schemas.js';

/**
 * The signed-in user's own name, avatar, language, password and notification choices. Every workspace
 * they belong to hears of the visible changes; the choices are private (only their own sessions hear);
 * a new password signs out their other sessions.
 */
export async function updateProfile(ctx: UseCaseContext, input: UpdateProfileInput & { sessionTokenHash: string | null }) {
  const { actor } = ctx;
  if (actor.type !== 'user' || actor.userId === null) throw forbidden('Only a signed-in user has a profile');
  const userId = actor.userId;
  const member = await findMember(ctx.db, actor.workspaceId, userId);
  if (!member) throw notFound('User');
  let passwordHash: string | undefined;
  if (input.newPassword !== undefined) {
    const current = await findUser(ctx.db, userId);
    if (!current) throw notFound('User');
    if (!input.currentPassword) throw invalidField('body.currentPassword', 'required to change the password');
    if (!(await verifyPassword(input.currentPassword, current.passwordHash))) {
      throw new AppError(ErrorCode.Forbidden, 403, 'The current password is wrong', [{ field: 'body.currentPassword', message: 'wrong password' }]);
    }
    passwordHash = await hashPassword(input.newPassword);
  }
  const workspaceIds = await activeWorkspaceIds(ctx.db, userId);
  const { row: updated, dropped } = await inTransaction(ctx, async (tx, emit) => {
    const user = await lockUser(tx, userId);
    if (!user) throw notFound('User');
    const changes: Record<string, unknown> = {};
    if (input.name !== undefined && input.name !== user.name) changes.name = input.name;
    if (input.avatarUrl !== undefined && input.avatarUrl !== user.avatarUrl) {
      // Our own avatar path only comes back unchanged; a picture is uploaded with POST /profile/avatar.
      if (input.avatarUrl?.startsWith('/')) throw invalidField('body.avatarUrl', 'upload the picture with POST /profile/avatar');
      changes.avatarUrl = input.avatarUrl;
    }
    if (input.language !== undefined && input.language !== user.language) changes.language = input.language;
    const before = resolvePreferences(user.notificationPreferences);
    const preferences = input.notificationPreferences ? mergePreferences(user.notificationPreferences, input.notificationPreferences) : before;
    const preferencesChanged = JSON.stringify(preferences) !== JSON.stringify(before);
    if (!passwordHash && !preferencesChanged && Object.keys(changes).length === 0) return { row: user, dropped: null };
    // An external picture (or none) replaces an uploaded one, whose file goes once this commits.
    const dropped = 'avatarUrl' in changes ? user.avatarKey : null;
    const row = await updateUser(tx, userId, {
      ...(changes as object),
      ...(dropped ? { avatarKey: null } : {}),
      ...(passwordHash ? { passwordHash } : {}),
      ...(preferencesChanged ? { notificationPreferences: preferences } : {}),
    });
    if (passwordHash) await deleteSessionsOfUser(tx, userId, input.sessionTokenHash ?? undefined);
    for (const workspaceId of workspaceIds) {
      if (Object.keys(changes).length) emit({ workspaceId, type: 'user.updated', actor: eventActor(actor), payload: { userId, changes } });
      // Tells realtime to drop the sockets of the sessions just signed out.
      if (passwordHash) emit({ workspaceId, type: 'user.password_changed', actor: eventActor(actor), audience: [userId], payload: { userId } });
      // Private: only the user's own sessions (other tabs, other devices) hear of their choices.
      if (preferencesChanged) emit({ workspaceId, type: 'notification.preferences_changed', actor: eventActor(actor), audience: [userId], payload: { userId, notificationPreferences: preferences } });
    }
    return { row, dropped };
  });
  if (dropped) await removeStoredAvatar(ctx, dropped);
  return toOwnProfileDto(updated, member.status);
}

