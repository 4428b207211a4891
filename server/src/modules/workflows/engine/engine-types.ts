import type { AppContext } from '../../../platform/context.js';
import type { Step, StepOf, StepType, WorkflowDefinition } from '../definition/workflow-definition.js';
import type { TemplateVars } from '../definition/render-template.js';

/** The run as a step sees it. */
export interface RunState {
  id: number;
  workspaceId: number;
  workflowId: number;
  version: number;
  contactId: number | null;
  conversationId: number | null;
  /** What the run collected so far (question answers, HTTP response values, webhook payload values). */
  vars: Record<string, unknown>;
  test: boolean;
}

/** What a step runs with: the run, the whole definition, and the values its texts may use. */
export interface StepContext {
  ctx: AppContext;
  run: RunState;
  definition: WorkflowDefinition;
  /** contact, agent, team, conversation, workspace and the run's vars, read fresh before each step. */
  values: TemplateVars;
  now: Date;
}

/** Why a waiting step is woken. */
export type Wake =
  | { kind: 'timer' }
  /** The customer wrote to the run's conversation (an answer to a question). */
  | { kind: 'message'; messageId: number; text: string; payload?: string }
  /** The run's conversation got an assignee. */
  | { kind: 'assigned'; userId: number };

export type WaitingFor = 'time' | 'answer' | 'assignment';

/**
 * What a step decided. `vars` are merged into the run's variables; `detail` goes to the run log.
 * - next: go on with the step that follows; branch: run a nested list of the step (`onFailure`, `branches[1].steps` …)
 *   then go on after the step; jump: go on at another step; wait: stop here until `until` (a timer) or an event of
 *   `for`; end: the run is complete; fail: the run stops as failed.
 */
export type StepResult = { vars?: Record<string, unknown>; detail?: Record<string, unknown> } & (
  | { kind: 'next' }
  | { kind: 'branch'; path: string }
  | { kind: 'jump'; stepId: string }
  | { kind: 'wait'; for: WaitingFor; until: Date | null; state?: Record<string, unknown> }
  | { kind: 'end' }
  | { kind: 'fail'; error: string }
);

/** One step type's behaviour. A step that waits gets `resume` when woken, with the state it saved. */
export interface StepExecutor<T extends StepType = StepType> {
  run(sc: StepContext, step: StepOf<T>): Promise<StepResult>;
  resume?(sc: StepContext, step: StepOf<T>, wake: Wake, state: Record<string, unknown>): Promise<StepResult>;
}

export type StepExecutors = { [T in StepType]: StepExecutor<T> };

/** Where a run is: the step to run next, or the step it waits in. */
export interface RunCursor {
  stepId: string;
  waiting?: { for: WaitingFor; until: string | null; state: Record<string, unknown> };
}

export type { Step };
