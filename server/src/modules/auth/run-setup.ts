import type { AppContext } from '../../platform/context.js';
import { AppError, ErrorCode } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { randomToken, sha256 } from '../../platform/crypto/secret-box.js';
import { anyWorkspaceExists, insertMembership, insertWorkspace, lockSetup } from '../workspaces/workspaces.repo.js';
import { insertUser } from '../users/users.repo.js';
import { insertSession } from './auth.repo.js';
import { hashPassword } from './password.js';
import { loadUserSession } from './session-dto.js';
import type { SetupInput } from './auth.schemas.js';

export async function getSetupStatus(ctx: AppContext) {
  return { needed: !(await anyWorkspaceExists(ctx.db)) };
}

/** First run: the first workspace and its owner, signed in. Refused once any workspace exists. */
export async function runSetup(ctx: AppContext, input: SetupInput & { userAgent?: string }) {
  const passwordHash = await hashPassword(input.password);
  const token = randomToken();
  const { workspace, user } = await inTransaction(ctx, async (tx, emit) => {
    await lockSetup(tx);
    if (await anyWorkspaceExists(tx)) throw new AppError(ErrorCode.SetupDone, 409, 'Atiende is already set up: sign in instead');
    const language = input.language ?? 'es';
    const workspace = await insertWorkspace(tx, { name: input.workspaceName, language, ...(input.timezone ? { timezone: input.timezone } : {}) });
    const user = await insertUser(tx, { email: input.email, name: input.name, passwordHash, language });
    await insertMembership(tx, { workspaceId: workspace.id, userId: user.id, role: 'owner', accessLevel: 'all' });
    await insertSession(tx, { tokenHash: sha256(token), userId: user.id, workspaceId: workspace.id, ttlHours: ctx.config.SESSION_TTL_HOURS, userAgent: input.userAgent });
    const actor = { type: 'user' as const, id: user.id };
    emit({ workspaceId: workspace.id, type: 'workspace.created', actor, payload: { workspaceId: workspace.id, name: workspace.name } });
    emit({ workspaceId: workspace.id, type: 'user.joined', actor, payload: { userId: user.id, name: user.name, role: 'owner', accessLevel: 'all' } });
    return { workspace, user };
  });
  return { token, session: await loadUserSession(ctx.db, workspace.id, user.id) };
}
