import type { UseCaseContext } from '../use-case.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { can } from '../auth/permissions.js';
import { getCallView } from './calls.repo.js';
import { toCallDto } from './call-dto.js';

export async function getCall(ctx: UseCaseContext, id: number) {
  const { actor } = ctx;
  if (!can(actor, 'call.read', { workspaceId: actor.workspaceId })) throw forbidden();
  const row = await getCallView(ctx.db, actor.workspaceId, id);
  if (!row) throw notFound('Call');
  return toCallDto(row);
}
