import type { UseCaseContext } from '../use-case.js';
import { forbidden } from '../../platform/http/errors.js';
import { can } from '../auth/permissions.js';
import { dailyActivityBetween } from './reports.repo.js';

/** Daily counters of the workspace between two UTC days (inclusive), for supervisors and up. */
export async function getDailyActivity(ctx: UseCaseContext, range: { from: string; to: string }) {
  if (!can(ctx.actor, 'report.read', { workspaceId: ctx.actor.workspaceId })) throw forbidden();
  return { items: await dailyActivityBetween(ctx.db, ctx.actor.workspaceId, range.from, range.to) };
}
