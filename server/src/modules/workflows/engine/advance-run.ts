import type { AppContext } from '../../../platform/context.js';
import { AppError } from '../../../platform/http/errors.js';
import type { Step } from '../definition/workflow-definition.js';
import type { RunCursor, RunState, StepContext, StepExecutor, StepResult, Wake } from './engine-types.js';
import { Flow } from './flow.js';
import { definitionOf } from './load-definition.js';
import { claimWaitingRun, earlierRunningRun, findRun, findWorkflowById, logStep, saveRun, type RunRow } from './runs.repo.js';
import { runValues } from './run-values.js';
import { stepExecutors } from './steps/index.js';
import { WAKE_RUN } from './workflow-jobs.js';

/** Steps one run may take in all: a loop that waits is bounded by this, one that does not cannot pass validation. */
export const MAX_STEPS_PER_RUN = 500;

/** Runs of one conversation take turns: this one waits for an earlier one that is executing now. */
export class RunMustWait extends Error {}

const stateOf = (run: RunRow): RunState => ({
  id: run.id, workspaceId: run.workspaceId, workflowId: run.workflowId, version: run.version,
  contactId: run.contactId, conversationId: run.conversationId, vars: run.vars, test: run.test,
});

/**
 * Runs a workflow run from its cursor until it waits, ends or fails, saving its place after every step (a crash
 * resumes at the step it was in: at-least-once). `wake` resumes a waiting run: a timer, the customer's answer, an
 * assignment; of two wakes of one wait, one wins.
 */
export async function advanceRun(ctx: AppContext, runId: number, wake?: Wake): Promise<void> {
  let run = await findRun(ctx.db, runId);
  if (!run) return;
  if (run.conversationId !== null && (await earlierRunningRun(ctx.db, run.conversationId, run.id))) throw new RunMustWait();
  let cursor = run.cursor as RunCursor | null;
  if (wake) {
    if (run.status !== 'waiting' || !cursor) return;
    // A timer set by an earlier wait of the same step (a loop came back to it) is not this wait's.
    const until = cursor.waiting?.until;
    if (wake.kind === 'timer' && (!until || new Date(until).getTime() > ctx.clock.now().getTime() + 1000)) return;
    const claimed = await claimWaitingRun(ctx.db, run.id, cursor.stepId);
    if (!claimed) return;
    run = claimed;
  } else if (run.status !== 'running') {
    return;
  }
  const workflow = await findWorkflowById(ctx.db, run.workflowId);
  if (!workflow || (workflow.status === 'stopped' && !run.test)) return finish(ctx, run.id, 'stopped', null);
  const definition = await definitionOf(ctx.db, workflow, run.version);
  if (!definition) return finish(ctx, run.id, 'failed', 'the workflow version it runs is missing or unreadable');

  const flow = new Flow(definition);
  let vars = run.vars;
  let stepsRun = run.stepsRun;
  let pending = wake;
  for (;;) {
    if (!cursor) return finish(ctx, run.id, 'completed', null, { vars, stepsRun });
    const step = flow.step(cursor.stepId);
    if (!step) return finish(ctx, run.id, 'failed', `step ${cursor.stepId} is not in the workflow`, { vars, stepsRun });
    if (stepsRun >= MAX_STEPS_PER_RUN) return finish(ctx, run.id, 'failed', `stopped after ${MAX_STEPS_PER_RUN} steps (a loop?)`, { vars, stepsRun });

    const now = ctx.clock.now();
    const state = { ...stateOf(run), vars };
    const sc: StepContext = { ctx, run: state, definition, values: await runValues(ctx, state), now };
    const result = await runStep(sc, step, pending && cursor.waiting ? { wake: pending, state: cursor.waiting.state } : undefined);
    pending = undefined;
    stepsRun += 1;
    vars = { ...vars, ...result.vars };
    await logStep(ctx.db, { runId: run.id, stepId: step.id, stepType: step.type, outcome: outcomeOf(result), detail: result.detail ?? {}, at: now });

    switch (result.kind) {
      case 'next':
        cursor = place(flow.after(step.id));
        break;
      case 'branch':
        cursor = place(flow.enter(step.id, result.path));
        break;
      case 'jump':
        cursor = place(result.stepId);
        break;
      case 'wait': {
        const waiting: RunCursor = { stepId: step.id, waiting: { for: result.for, until: result.until?.toISOString() ?? null, state: result.state ?? {} } };
        await saveRun(ctx.db, run.id, { status: 'waiting', cursor: waiting, vars, stepsRun });
        if (result.until) await ctx.queue.send(WAKE_RUN, { workspaceId: run.workspaceId, runId: run.id, stepId: step.id }, { key: `timer:${run.id}:${stepsRun}`, startAfter: result.until });
        return;
      }
      case 'end':
        return finish(ctx, run.id, 'completed', null, { vars, stepsRun });
      case 'fail':
        return finish(ctx, run.id, 'failed', result.error, { vars, stepsRun });
    }
    await saveRun(ctx.db, run.id, { cursor, vars, stepsRun });
  }
}

const place = (stepId: string | null): RunCursor | null => (stepId ? { stepId } : null);

const outcomeOf = (r: StepResult) => ({ next: 'ok', branch: 'branch', jump: 'ok', wait: 'waiting', end: 'ok', fail: 'failed' })[r.kind];

/** One step; a refusal of the product's rules (a closed conversation, a missing team) fails the run, not the job. */
async function runStep(sc: StepContext, step: Step, woken?: { wake: Wake; state: Record<string, unknown> }): Promise<StepResult> {
  const executor = stepExecutors[step.type] as StepExecutor;
  try {
    if (woken && executor.resume) return await executor.resume(sc, step, woken.wake, woken.state);
    return await executor.run(sc, step);
  } catch (err) {
    if (err instanceof AppError) return { kind: 'fail', error: err.message, detail: { code: err.code } };
    throw err;
  }
}

async function finish(ctx: AppContext, runId: number, status: 'completed' | 'failed' | 'stopped', error: string | null, progress: { vars?: Record<string, unknown>; stepsRun?: number } = {}) {
  await saveRun(ctx.db, runId, { status, error, finishedAt: ctx.clock.now(), ...progress, ...(status === 'completed' ? { cursor: null } : {}) });
}
