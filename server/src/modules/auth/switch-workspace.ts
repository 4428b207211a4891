import type { UseCaseContext } from '../use-case.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { findMembership } from '../workspaces/workspaces.repo.js';
import { moveSession } from './auth.repo.js';
import { loadUserSession } from './session-dto.js';

/** Moves the current session to another workspace the user is an active member of. */
export async function switchWorkspace(ctx: UseCaseContext, input: { workspaceId: number; tokenHash: string | null }) {
  const { actor } = ctx;
  if (actor.type !== 'user' || actor.userId === null || !input.tokenHash) throw forbidden('Only a signed-in user can switch workspaces');
  const membership = await findMembership(ctx.db, input.workspaceId, actor.userId);
  if (!membership?.active) throw notFound('Workspace');
  await inTransaction(ctx, (tx) => moveSession(tx, input.tokenHash!, input.workspaceId));
  return loadUserSession(ctx.db, input.workspaceId, actor.userId);
}
