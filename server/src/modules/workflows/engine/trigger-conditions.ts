import type { AppContext } from '../../../platform/context.js';
import type { Trigger } from '../definition/workflow-definition.js';
import { conditionsHold } from './conditions.js';
import { conditionEnv } from './condition-env.js';
import { runValues } from './run-values.js';

/** Whether a trigger's own conditions hold for the contact and conversation it would run for (none: they hold). */
export async function triggerConditionsHold(ctx: AppContext, trigger: Trigger, scope: { workspaceId: number; contactId: number | null; conversationId: number | null }): Promise<boolean> {
  if (trigger.conditions.length === 0) return true;
  const values = await runValues(ctx, { id: 0, workflowId: 0, version: 0, vars: {}, test: false, ...scope });
  return conditionsHold(trigger.conditions, trigger.match, conditionEnv(ctx, scope.workspaceId, values, ctx.clock.now()));
}
