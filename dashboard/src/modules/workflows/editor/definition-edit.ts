import type { Step, WorkflowDefinition } from '../workflow-types';

/**
 * Edits of the step tree, addressed by the server's own paths (`steps[0].branches[1].steps[2]`), so a problem's
 * path names the step it concerns without translation. Every edit returns a new definition.
 */

type Segment = string | number;

/** `steps[0].branches[1].steps` → ['steps', 0, 'branches', 1, 'steps']. */
export function parsePath(path: string): Segment[] {
  const out: Segment[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(match[2] !== undefined ? Number(match[2]) : match[1]!);
  return out;
}

function getIn(root: unknown, segments: Segment[]): unknown {
  return segments.reduce<unknown>((node, s) => (node === null || typeof node !== 'object' ? undefined : (node as Record<Segment, unknown>)[s]), root);
}

function updateIn<T>(root: T, segments: Segment[], change: (value: unknown) => unknown): T {
  if (!segments.length) return change(root) as T;
  const [head, ...rest] = segments;
  const node = root as Record<Segment, unknown>;
  const copy = (Array.isArray(root) ? [...root] : { ...node }) as Record<Segment, unknown>;
  copy[head!] = updateIn(node[head!], rest, change);
  return copy as T;
}

export function stepAt(def: WorkflowDefinition, stepPath: string): Step | undefined {
  return getIn(def, parsePath(stepPath)) as Step | undefined;
}

export function listAt(def: WorkflowDefinition, listPath: string): Step[] {
  return (getIn(def, parsePath(listPath)) as Step[] | undefined) ?? [];
}

/** `steps[0].else[2]` → { list: 'steps[0].else', index: 2 }. */
export function splitStepPath(stepPath: string): { list: string; index: number } {
  const match = /^(.*)\[(\d+)\]$/.exec(stepPath);
  if (!match) throw new Error(`Not a step path: ${stepPath}`);
  return { list: match[1]!, index: Number(match[2]) };
}

const editList = (def: WorkflowDefinition, listPath: string, edit: (list: Step[]) => Step[]) =>
  updateIn(def, parsePath(listPath), (list) => edit((list as Step[] | undefined) ?? []));

export function insertStep(def: WorkflowDefinition, listPath: string, step: Step, index?: number): WorkflowDefinition {
  return editList(def, listPath, (list) => {
    const at = index ?? list.length;
    return [...list.slice(0, at), step, ...list.slice(at)];
  });
}

export function replaceStep(def: WorkflowDefinition, stepPath: string, step: Step): WorkflowDefinition {
  return updateIn(def, parsePath(stepPath), () => step);
}

export function removeStep(def: WorkflowDefinition, stepPath: string): WorkflowDefinition {
  const { list, index } = splitStepPath(stepPath);
  return editList(def, list, (steps) => steps.filter((_, i) => i !== index));
}

/** Moves a step up (-1) or down (+1) within its own list; at either end nothing changes. */
export function moveStep(def: WorkflowDefinition, stepPath: string, delta: -1 | 1): WorkflowDefinition {
  const { list, index } = splitStepPath(stepPath);
  return editList(def, list, (steps) => {
    const to = index + delta;
    if (to < 0 || to >= steps.length) return steps;
    const copy = [...steps];
    [copy[index], copy[to]] = [copy[to]!, copy[index]!];
    return copy;
  });
}

/** One nested list of a step, relative to it (`onFailure`, `branches[1].steps`), with what the editor calls it. */
export interface ChildList {
  path: string;
  steps: Step[];
  label: { key: string; name?: string };
}

/** The step lists a step holds, in the server's order (stepBranches). */
export function childLists(s: Step): ChildList[] {
  switch (s.type) {
    case 'send_message':
    case 'http_request':
      return [{ path: 'onFailure', steps: s.onFailure, label: { key: 'onFailure' } }];
    case 'ask_question':
      return [
        ...s.choices.map((c, i) => ({ path: `choices[${i}].steps`, steps: c.steps, label: { key: 'choice', name: c.label || c.id } })),
        { path: 'onInvalid', steps: s.onInvalid, label: { key: 'onInvalid' } },
        { path: 'onTimeout', steps: s.onTimeout, label: { key: 'onTimeout' } },
      ];
    case 'assign':
      return [{ path: 'onTimeout', steps: s.onTimeout, label: { key: 'onAssignTimeout' } }];
    case 'branch':
      return [
        ...s.branches.map((b, i) => ({ path: `branches[${i}].steps`, steps: b.steps, label: { key: 'branch', name: b.name || String(i + 1) } })),
        { path: 'else', steps: s.else, label: { key: 'else' } },
      ];
    default:
      return [];
  }
}

export const joinPath = (parent: string, child: string) => (child.startsWith('[') ? `${parent}${child}` : `${parent}.${child}`);

export interface StepEntry {
  step: Step;
  path: string;
  depth: number;
}

/** Every step in document order, as the server walks them. */
export function allSteps(steps: Step[], listPath = 'steps', depth = 1): StepEntry[] {
  return steps.flatMap((step, i) => {
    const path = `${listPath}[${i}]`;
    return [{ step, path, depth }, ...childLists(step).flatMap((c) => allSteps(c.steps, joinPath(path, c.path), depth + 1))];
  });
}

const STEP_LIST = /^steps\[\d+\](?:\.(?:onFailure|onInvalid|onTimeout|else|(?:branches|choices)\[\d+\]\.steps)\[\d+\])*/;

/** The path of the step a problem's path points into (`steps[0].else[1].url` → `steps[0].else[1]`), or null. */
export function stepPathOf(problemPath: string): string | null {
  return STEP_LIST.exec(problemPath.replace(/^definition\./, ''))?.[0] ?? null;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `s_k3x9qa`: short, readable, unique among `taken`. */
export function newId(prefix: string, taken: ReadonlySet<string>): string {
  for (;;) {
    const bytes = crypto.getRandomValues(new Uint8Array(6));
    const id = `${prefix}_${Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('')}`;
    if (!taken.has(id)) return id;
  }
}

/** Step ids, branch, choice and button ids of a definition: every id a new one must not repeat. */
export function takenIds(def: WorkflowDefinition): Set<string> {
  const ids = new Set<string>();
  for (const { step } of allSteps(def.steps)) {
    ids.add(step.id);
    if (step.type === 'branch') step.branches.forEach((b) => ids.add(b.id));
    if (step.type === 'ask_question') step.choices.forEach((c) => ids.add(c.id));
    if (step.type === 'send_message' && step.message.kind === 'buttons') step.message.buttons.forEach((b) => ids.add(b.id));
  }
  return ids;
}
