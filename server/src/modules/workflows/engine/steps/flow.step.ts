import type { StepExecutor } from '../engine-types.js';
import { conditionsHold } from '../conditions.js';
import { conditionEnv } from '../condition-env.js';
import { startRun } from '../start-run.js';

/** The first branch whose conditions hold runs; else `else`. */
export const branchStep: StepExecutor<'branch'> = {
  async run(sc, step) {
    const env = conditionEnv(sc.ctx, sc.run.workspaceId, sc.values, sc.now);
    for (const [i, b] of step.branches.entries()) {
      if (await conditionsHold(b.conditions, b.match, env)) return { kind: 'branch', path: `branches[${i}].steps`, detail: { branch: b.id } };
    }
    return { kind: 'branch', path: 'else', detail: { branch: 'else' } };
  },
};

export const jumpToStep: StepExecutor<'jump_to'> = {
  run: async (_sc, step) => ({ kind: 'jump', stepId: step.target }),
};

export const endStep: StepExecutor<'end'> = {
  run: async () => ({ kind: 'end' }),
};

/** Starts another workflow for the same contact and conversation (once per run and step); this run goes on. */
export const triggerWorkflowStep: StepExecutor<'trigger_workflow'> = {
  async run(sc, step) {
    if (!step.workflowId) return { kind: 'fail', error: 'The step names no workflow' };
    const started = await startRun(sc.ctx, {
      workflowId: step.workflowId,
      contactId: sc.run.contactId,
      conversationId: sc.run.conversationId,
      triggerKey: `run:${sc.run.id}:${step.id}`,
      test: sc.run.test,
    });
    return { kind: 'next', detail: { workflowId: step.workflowId, ...started } };
  },
};
