import type { UseCaseContext } from '../use-case.js';
import { forbidden } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { randomToken, sha256 } from '../../platform/crypto/secret-box.js';
import { atLeast, can, type AccessLevel, type Role } from './permissions.js';
import { insertApiToken } from './api-tokens.repo.js';
import { toApiTokenDto } from './api-token-dto.js';

/** A random token, stored only as its SHA-256 and shown once; it never grants more than its creator has. */
export async function createApiToken(ctx: UseCaseContext, input: { name: string; role: Role; accessLevel: AccessLevel }) {
  const { actor } = ctx;
  if (!can(actor, 'apitoken.manage', { workspaceId: actor.workspaceId })) throw forbidden();
  if (!atLeast(actor, input.role)) throw forbidden(`A ${actor.role} cannot create a token with the role ${input.role}`);
  const token = `atd_${randomToken(32)}`;
  const row = await inTransaction(ctx, async (tx, emit) => {
    const row = await insertApiToken(tx, {
      workspaceId: actor.workspaceId, name: input.name, tokenHash: sha256(token), role: input.role, accessLevel: input.accessLevel, createdBy: actor.userId,
    });
    emit({ workspaceId: actor.workspaceId, type: 'apitoken.created', actor: eventActor(actor), payload: { apiTokenId: row.id, name: row.name, role: row.role, accessLevel: row.accessLevel } });
    return row;
  });
  return { token, apiToken: toApiTokenDto(row) };
}
