import type { UseCaseContext } from '../use-case.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { atLeast, can } from './permissions.js';
import { findApiToken, revokeApiToken as revokeApiTokenRow } from './api-tokens.repo.js';

/** The token stops working at its next request. */
export async function revokeApiToken(ctx: UseCaseContext, input: { id: number }) {
  const { actor } = ctx;
  const token = await findApiToken(ctx.db, actor.workspaceId, input.id);
  if (!token) throw notFound('API token');
  if (!can(actor, 'apitoken.manage', { workspaceId: token.workspaceId })) throw forbidden();
  if (!atLeast(actor, token.role)) throw forbidden(`A ${actor.role} cannot revoke a token with the role ${token.role}`);
  await inTransaction(ctx, async (tx, emit) => {
    await revokeApiTokenRow(tx, token.id, ctx.clock.now());
    emit({ workspaceId: token.workspaceId, type: 'apitoken.revoked', actor: eventActor(actor), payload: { apiTokenId: token.id, name: token.name } });
  });
}
