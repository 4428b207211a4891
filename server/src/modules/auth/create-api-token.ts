import type { UseCaseContext } from '../use-case.js';
import type { Db } from '../../platform/db/db.js';
import { forbidden } from '../../platform/http/errors.js';
import { inTransaction, type Emit } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { randomToken, sha256 } from '../../platform/crypto/secret-box.js';
import { atLeast, can, type AccessLevel, type Actor, type Role } from './permissions.js';
import { insertApiToken } from './api-tokens.repo.js';
import { toApiTokenDto } from './api-token-dto.js';

/** A random token, stored only as its SHA-256 and shown once; it never grants more than its creator has. */
export async function createApiToken(ctx: UseCaseContext, input: { name: string; role: Role; accessLevel: AccessLevel }) {
  const { actor } = ctx;
  if (!can(actor, 'apitoken.manage', { workspaceId: actor.workspaceId })) throw forbidden();
  if (!atLeast(actor, input.role)) throw forbidden(`A ${actor.role} cannot create a token with the role ${input.role}`);
  const { token, row } = await inTransaction(ctx, (tx, emit) => issueApiToken(tx, emit, actor, input));
  return { token, apiToken: toApiTokenDto(row) };
}

/** Inside the caller's transaction (an external bot's credentials are issued with the bot): the token and its row. */
export async function issueApiToken(tx: Db, emit: Emit, actor: Actor, input: { name: string; role: Role; accessLevel: AccessLevel; botId?: number }) {
  const token = `atd_${randomToken(32)}`;
  const row = await insertApiToken(tx, {
    workspaceId: actor.workspaceId, name: input.name, tokenHash: sha256(token), role: input.role, accessLevel: input.accessLevel, createdBy: actor.userId, botId: input.botId ?? null,
  });
  emit({
    workspaceId: actor.workspaceId, type: 'apitoken.created', actor: eventActor(actor),
    payload: { apiTokenId: row.id, name: row.name, role: row.role, accessLevel: row.accessLevel, ...(input.botId ? { botId: input.botId } : {}) },
  });
  return { token, row };
}
