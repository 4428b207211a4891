import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import type { AppContext } from '../../platform/context.js';
import type { UseCaseContext } from '../use-case.js';
import { AppError, ErrorCode, forbidden, notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { invalidField } from '../invalid-field.js';
import { activeWorkspaceIds, findMember, lockUser, updateUser } from './users.repo.js';
import { toOwnProfileDto } from './member-dto.js';
import { AVATAR_MAX_BYTES, sniffAvatar } from './avatar-image.js';

/** Where an uploaded avatar is served; the version changes with every upload, so caches never show an old one. */
export const avatarPath = (userId: number, storageKey: string) =>
  `/api/v1/users/${userId}/avatar?v=${crypto.createHash('sha256').update(storageKey).digest('base64url').slice(0, 12)}`;

/**
 * The signed-in user's picture: PNG, JPEG, WebP or GIF (recognised by its bytes), up to 2 MB. It replaces
 * any previous picture, whose file is removed once the change commits.
 */
export async function uploadAvatar(ctx: UseCaseContext, file: { stream: Readable }) {
  const { actor } = ctx;
  if (actor.type !== 'user' || actor.userId === null) throw forbidden('Only a signed-in user has a profile');
  const userId = actor.userId;
  const member = await findMember(ctx.db, actor.workspaceId, userId);
  if (!member) throw notFound('User');
  const bytes = await readAtMost(file.stream, AVATAR_MAX_BYTES);
  const format = sniffAvatar(bytes);
  if (!format) throw invalidField('file', 'expected a PNG, JPEG, WebP or GIF image');
  const stored = await ctx.storage.put(actor.workspaceId, `avatar-${userId}.${format.ext}`, bytes, AVATAR_MAX_BYTES);
  const workspaceIds = await activeWorkspaceIds(ctx.db, userId);
  let result;
  try {
    result = await inTransaction(ctx, async (tx, emit) => {
      const user = await lockUser(tx, userId);
      if (!user) throw notFound('User');
      const avatarUrl = avatarPath(userId, stored.key);
      const row = await updateUser(tx, userId, { avatarUrl, avatarKey: stored.key });
      for (const workspaceId of workspaceIds) emit({ workspaceId, type: 'user.updated', actor: eventActor(actor), payload: { userId, changes: { avatarUrl } } });
      return { row, previous: user.avatarKey };
    });
  } catch (err) {
    await removeStoredAvatar(ctx, stored.key);
    throw err;
  }
  if (result.previous) await removeStoredAvatar(ctx, result.previous);
  return toOwnProfileDto(result.row, member.status);
}

/** Removes a file no row points at any more; a failure only leaves an orphan file behind, so it is logged. */
export async function removeStoredAvatar(ctx: Pick<AppContext, 'storage' | 'log'>, key: string) {
  await ctx.storage.remove(key).catch((err) => ctx.log.warn({ err, key }, 'removing a replaced avatar failed'));
}

async function readAtMost(stream: Readable, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > max) {
      stream.destroy();
      throw new AppError(ErrorCode.PayloadTooLarge, 413, `The picture is larger than ${max / 1_048_576} MB`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
