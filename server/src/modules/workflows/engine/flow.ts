import { stepBranches, type Step, type WorkflowDefinition } from '../definition/workflow-definition.js';

interface Place {
  step: Step;
  /** The list that holds it and where, and the step whose branch that list is (null at the top). */
  list: Step[];
  index: number;
  parent: Step | null;
}

/**
 * How a run moves through a definition's tree: the first step, the step after one (its next sibling, or what
 * follows the step whose branch it ends), and the first step of a branch. Built once per definition.
 */
export class Flow {
  private places = new Map<string, Place>();

  constructor(private definition: WorkflowDefinition) {
    const visit = (list: Step[], parent: Step | null) => {
      list.forEach((step, index) => {
        this.places.set(step.id, { step, list, index, parent });
        for (const b of stepBranches(step)) visit(b.steps, step);
      });
    };
    visit(definition.steps, null);
  }

  step(id: string): Step | undefined {
    return this.places.get(id)?.step;
  }

  first(): string | null {
    return this.definition.steps[0]?.id ?? null;
  }

  /** The step that runs after this one completes; null when the run is done. */
  after(id: string): string | null {
    let place = this.places.get(id);
    while (place) {
      const next = place.list[place.index + 1];
      if (next) return next.id;
      if (!place.parent) return null;
      place = this.places.get(place.parent.id);
    }
    return null;
  }

  /** The first step of one of this step's branches (by its path, e.g. `onFailure`); an empty branch goes on after the step. */
  enter(id: string, path: string): string | null {
    const step = this.step(id);
    const branch = step && stepBranches(step).find((b) => b.path === path);
    if (!branch) throw new Error(`Step ${id} has no branch ${path}`);
    return branch.steps[0]?.id ?? this.after(id);
  }
}
