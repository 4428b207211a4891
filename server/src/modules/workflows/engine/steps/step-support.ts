import { AppError } from '../../../../platform/http/errors.js';
import { workflowActor } from '../../../auth/permissions.js';
import { withActor, type UseCaseContext } from '../../../use-case.js';
import { renderTemplate } from '../../definition/render-template.js';
import type { StepContext, StepResult } from '../engine-types.js';

/** The use cases run as the workflow: the system's reach, the workflow's name on the log and the timeline. */
export const actingAs = (sc: StepContext): UseCaseContext => withActor(sc.ctx, workflowActor(sc.run.workspaceId, sc.run.workflowId));

export const render = (sc: StepContext, text: string) => renderTemplate(text, sc.values);

export const conversationOf = (sc: StepContext): number | null => sc.run.conversationId ?? sc.values.conversation?.id ?? null;
export const contactOf = (sc: StepContext): number | null => sc.run.contactId ?? sc.values.contact?.id ?? null;

export const NO_CONVERSATION = 'The run has no conversation for this step';
export const NO_CONTACT = 'The run has no contact for this step';

/** A refusal of a use case (closed conversation, reply window, unknown tag …) as the run log shows it. */
export function refusal(err: unknown): { error: string; code: string; status: number } {
  if (err instanceof AppError) return { error: err.message, code: err.code, status: err.status };
  throw err;
}

/**
 * Runs an action; a use case's refusal (an AppError) fails the step with its message, anything else (the database
 * gone) is thrown for the runtime to retry.
 */
export async function attempt(action: () => Promise<StepResult>): Promise<StepResult> {
  try {
    return await action();
  } catch (err) {
    const { error, ...detail } = refusal(err);
    return { kind: 'fail', error, detail };
  }
}

export const minutesFrom = (now: Date, minutes: number) => new Date(now.getTime() + minutes * 60_000);
