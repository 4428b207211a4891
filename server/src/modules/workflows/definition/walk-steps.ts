import { stepBranches, type Step } from './workflow-definition.js';
import { joinPath } from './workflow-problems.js';

/** One step where it sits in the tree. */
export interface StepVisit {
  step: Step;
  /** `steps[0].branches[1].steps[2]` */
  path: string;
  /** 1 for a top-level step. */
  depth: number;
  parent: StepVisit | null;
  /** The list that holds the step, and where. */
  list: Step[];
  index: number;
}

/** Every step in document order (a step, then its branches' steps, then its next sibling). Iterative: no stack limit. */
export function walkSteps(steps: Step[]): StepVisit[] {
  const out: StepVisit[] = [];
  const stack: StepVisit[] = [];
  const pushList = (list: Step[], listPath: string, depth: number, parent: StepVisit | null) => {
    for (let i = list.length - 1; i >= 0; i--) stack.push({ step: list[i], path: `${listPath}[${i}]`, depth, parent, list, index: i });
  };
  pushList(steps, 'steps', 1, null);
  while (stack.length) {
    const visit = stack.pop()!;
    out.push(visit);
    const branches = stepBranches(visit.step);
    for (let b = branches.length - 1; b >= 0; b--) pushList(branches[b].steps, joinPath(visit.path, branches[b].path), visit.depth + 1, visit);
  }
  return out;
}
