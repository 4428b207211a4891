import type { UseCaseContext } from '../use-case.js';
import { forbidden } from '../../platform/http/errors.js';
import { can } from '../auth/permissions.js';

/** Bot review is for supervisors and up (seed 000: they check that the bot answered correctly). */
export function assertCanReview(ctx: UseCaseContext) {
  if (!can(ctx.actor, 'bot.review', { workspaceId: ctx.actor.workspaceId })) throw forbidden('Bot review is for supervisors, admins and owners');
}
