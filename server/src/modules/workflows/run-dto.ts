import type { RunCursor } from './engine/engine-types.js';
import type { RunView, listRunSteps } from './run-views.repo.js';
import type { RunDto } from './workflows.schemas.js';

type StepRow = Awaited<ReturnType<typeof listRunSteps>>[number];

/** Where the run is; what a waiting step keeps for itself (attempts, choices) stays on the server. */
function cursorDto(cursor: Record<string, unknown> | null): RunDto['cursor'] {
  if (!cursor) return null;
  const c = cursor as unknown as RunCursor;
  return { stepId: c.stepId, ...(c.waiting ? { waiting: { for: c.waiting.for, until: c.waiting.until } } : {}) };
}

export const toRunDto = (r: RunView): RunDto => ({
  id: r.id,
  version: r.version,
  status: r.status,
  contact: r.contactId !== null && r.contactName !== null ? { id: r.contactId, name: r.contactName } : null,
  conversationId: r.conversationId,
  test: r.test,
  error: r.error,
  stepsRun: r.stepsRun,
  cursor: cursorDto(r.cursor),
  startedAt: r.startedAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
});

export const toRunDetailDto = (r: RunView, steps: StepRow[]) => ({
  ...toRunDto(r),
  steps: steps.map((s) => ({ id: s.id, stepId: s.stepId, stepType: s.stepType, outcome: s.outcome, detail: s.detail, at: s.at.toISOString() })),
  vars: r.vars,
});
