import type { UseCaseContext } from '../use-case.js';
import { forbidden } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { findUser } from '../users/users.repo.js';
import { moveSession } from '../auth/auth.repo.js';
import { findWorkspace, insertMembership, insertWorkspace } from './workspaces.repo.js';
import { toWorkspaceDto } from './workspace-dto.js';

/**
 * Any signed-in user may start another workspace: they become its owner and their session moves there.
 * It inherits the current workspace's language and time zone, the likeliest wish of the same person.
 */
export async function createWorkspace(ctx: UseCaseContext, input: { name: string; sessionTokenHash: string | null }) {
  const { actor } = ctx;
  if (actor.type !== 'user' || actor.userId === null || !input.sessionTokenHash) throw forbidden('Only a signed-in user can create a workspace');
  const userId = actor.userId;
  const [current, user] = await Promise.all([findWorkspace(ctx.db, actor.workspaceId), findUser(ctx.db, userId)]);
  const workspace = await inTransaction(ctx, async (tx, emit) => {
    const workspace = await insertWorkspace(tx, { name: input.name, timezone: current?.timezone, language: current?.language });
    await insertMembership(tx, { workspaceId: workspace.id, userId, role: 'owner', accessLevel: 'all' });
    await moveSession(tx, input.sessionTokenHash!, workspace.id);
    const by = { type: 'user' as const, id: userId };
    emit({ workspaceId: workspace.id, type: 'workspace.created', actor: by, payload: { workspaceId: workspace.id, name: workspace.name } });
    emit({ workspaceId: workspace.id, type: 'user.joined', actor: by, payload: { userId, name: user?.name ?? '', role: 'owner', accessLevel: 'all' } });
    return workspace;
  });
  return toWorkspaceDto(workspace);
}
