import type { AppContext } from '../../../platform/context.js';
import type { TemplateVars } from '../definition/render-template.js';
import type { ConditionEnv } from './conditions.js';
import { findSchedules } from './run-values.repo.js';

/**
 * The environment conditions and business-hours waits run in: the run's values, the workspace's timezone (run-values
 * puts it on `workspace`), and the opening hours, read only when a condition asks for them. The workspace keeps no
 * hours of its own, so without a team the conversation's team and channel decide; with neither it is always open.
 */
export function conditionEnv(ctx: AppContext, workspaceId: number, values: TemplateVars, now: Date): ConditionEnv {
  const conversation = values.conversation;
  const numberOr = (v: unknown) => (typeof v === 'number' ? v : null);
  return {
    values,
    now,
    timezone: (values.workspace as { timezone?: string } | null | undefined)?.timezone ?? 'UTC',
    async schedules(teamId) {
      if (teamId !== undefined) return (await findSchedules(ctx.db, workspaceId, { teamId, channelId: null })).slice(0, 1);
      if (!conversation) return [];
      return findSchedules(ctx.db, workspaceId, { teamId: numberOr(conversation.teamId), channelId: numberOr(conversation.channelId) });
    },
  };
}
