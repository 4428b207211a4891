import { stepBranches, type Step } from './workflow-definition.js';
import { joinPath, type WorkflowProblem } from './workflow-problems.js';
import type { StepVisit } from './walk-steps.js';

/**
 * The run's possible moves between steps, as a graph over the walk's indexes: a step goes to the first step of
 * each of its branches (or, for an empty branch, on), to the step after it (its next sibling, else whatever
 * follows its parent), a `jump_to` only to its target and an `end` nowhere. From it: unreachable steps and loops that never wait.
 */

interface Flow {
  edges: number[][];
  waits: boolean[];
}

/** Steps that always pause the run: a question waits for the answer; a wait for a time that always comes again. */
function alwaysWaits(s: Step): boolean {
  if (s.type === 'ask_question') return true;
  if (s.type !== 'wait') return false;
  // A fixed instant or open business hours may already have come, and then the step does not wait.
  return s.duration !== undefined || s.until?.kind === 'time_of_day';
}

export function stepIndexById(visits: StepVisit[]): Map<string, number> {
  const byId = new Map<string, number>();
  visits.forEach((v, i) => { if (!byId.has(v.step.id)) byId.set(v.step.id, i); });
  return byId;
}

function buildFlow(visits: StepVisit[]): Flow {
  const byPath = new Map(visits.map((v, i) => [v.path, i]));
  const byId = stepIndexById(visits);
  const siblingPath = (v: StepVisit) => v.path.replace(/\[\d+\]$/, `[${v.index + 1}]`);
  const after = (v: StepVisit): number | undefined => {
    for (let cur: StepVisit | null = v; cur; cur = cur.parent) {
      if (cur.index + 1 < cur.list.length) return byPath.get(siblingPath(cur));
    }
    return undefined; // the run ends
  };
  const edges = visits.map((v) => {
    const s = v.step;
    if (s.type === 'jump_to') return byId.has(s.target) ? [byId.get(s.target)!] : [];
    if (s.type === 'end') return [];
    const next = after(v);
    const targets = stepBranches(s).map((b) => (b.steps.length ? byPath.get(`${joinPath(v.path, b.path)}[0]`) : next));
    // Every step but a branch may also go straight on (sent, answered, assigned); a branch goes on only through an empty branch.
    if (s.type !== 'branch') targets.push(next);
    return [...new Set(targets.filter((t): t is number => t !== undefined))];
  });
  return { edges, waits: visits.map((v) => alwaysWaits(v.step)) };
}

function reachable(flow: Flow, from: number, through: (i: number) => boolean): Set<number> {
  const seen = new Set<number>([from]);
  const queue = [from];
  while (queue.length) {
    for (const next of flow.edges[queue.pop()!]) {
      if (!seen.has(next) && through(next)) { seen.add(next); queue.push(next); }
    }
  }
  return seen;
}

/** Steps no run can reach (after a `jump_to` or an `end`, and not a jump's target); only the first of an unreachable subtree. */
function unreachableSteps(visits: StepVisit[], flow: Flow): WorkflowProblem[] {
  if (!visits.length) return [];
  const seen = reachable(flow, 0, () => true);
  const index = new Map(visits.map((v, i) => [v, i]));
  return visits
    .filter((v, i) => !seen.has(i) && (!v.parent || seen.has(index.get(v.parent)!)))
    .map((v) => ({ stepId: v.step.id, path: v.path, code: 'unreachable_step' as const, message: `Step "${v.step.id}" can never run: it follows a jump or an end and nothing jumps to it` }));
}

/**
 * A jump back into steps that lead to it again without a question or a wait would spin as fast as the engine
 * runs. A loop that waits is bounded by the engine's step limit and the per-contact rate limit, so it is allowed.
 */
function loopsWithoutWait(visits: StepVisit[], flow: Flow): WorkflowProblem[] {
  const byId = stepIndexById(visits);
  const problems: WorkflowProblem[] = [];
  visits.forEach((v, i) => {
    if (v.step.type !== 'jump_to') return;
    const target = byId.get(v.step.target);
    if (target === undefined || flow.waits[target]) return;
    if (!reachable(flow, target, (n) => !flow.waits[n]).has(i)) return;
    problems.push({
      stepId: v.step.id, path: v.path, code: 'unbounded_loop',
      message: `Jumping to "${v.step.target}" loops back here without a question or a wait in between`,
    });
  });
  return problems;
}

export function flowProblems(visits: StepVisit[]): WorkflowProblem[] {
  const flow = buildFlow(visits);
  return [...unreachableSteps(visits, flow), ...loopsWithoutWait(visits, flow)];
}
