import { z } from 'zod';
import { timezone } from '../../workspaces/workspaces.schemas.js';
import { conditions, matchMode } from './workflow-conditions.js';
import { pathToVariable, trigger, variableName } from './workflow-triggers.js';

/**
 * A workflow definition: one trigger and a tree of steps. Steps that branch hold their branches' steps inline;
 * `jump_to` names another step by id. Stored as versioned JSON with the workflow row.
 *
 * The schema checks shape and formats only, so the builder can save an unfinished draft;
 * `validateWorkflow` checks what publishing needs (filled settings, targets that exist, loops that wait).
 * Texts, URLs and bodies may hold `{{variables}}` (see render-template.ts).
 */

export { TRIGGER_TYPES, type Trigger, type TriggerType } from './workflow-triggers.js';

export const MAX_STEPS = 200;
export const MAX_DEPTH = 20;

export const stepId = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'Letters, digits, - and _ only');
const text = (max: number) => z.string().max(max).default('');
const entityId = z.number().int().positive().nullable().default(null);
const tags = z.array(z.string().trim().max(100)).max(50).default([]);

type StepList = z.ZodDefault<z.ZodArray<typeof step>>;
const stepList = (): StepList => z.array(step).max(MAX_STEPS).default([]);

const base = { id: stepId, name: z.string().trim().max(100).optional() };

const message = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: text(4096) }),
  z.object({
    kind: z.literal('media'),
    mediaType: z.enum(['image', 'video', 'audio', 'document']),
    url: text(2000),
    caption: text(1024),
    filename: z.string().max(200).optional(),
  }),
  z.object({
    kind: z.literal('buttons'),
    text: text(1024),
    buttons: z.array(z.object({ id: stepId, title: text(40) })).max(10).default([]),
  }),
  /** A pre-approved template (WhatsApp), needed outside the 24-hour window; parameters fill {{1}}, {{2}}, … */
  z.object({
    kind: z.literal('template'),
    name: text(512),
    language: text(15),
    parameters: z.array(z.string().max(1024)).max(20).default([]),
  }),
]);
export type WorkflowMessage = z.infer<typeof message>;

const sendMessage = z.object({
  ...base,
  type: z.literal('send_message'),
  message,
  get onFailure(): StepList { return stepList(); },
});

export const QUESTION_KINDS = ['text', 'choice', 'number', 'date', 'email', 'phone'] as const;

const askQuestion = z.object({
  ...base,
  type: z.literal('ask_question'),
  question: text(4096),
  kind: z.enum(QUESTION_KINDS),
  /** Only for `choice`; a choice's own steps run when the contact picks it, then the flow continues after the question. */
  choices: z.array(z.object({
    id: stepId,
    label: text(40),
    get steps(): StepList { return stepList(); },
  })).max(10).default([]),
  saveTo: z.union([z.strictObject({ contactField: z.string().trim().max(100) }), z.strictObject({ variable: variableName })])
    .nullable().default(null),
  /** How many more times the question is asked after an answer that does not fit its kind. */
  retries: z.number().int().min(0).max(5).default(2),
  invalidMessage: text(1024),
  timeoutMinutes: z.number().int().min(1).max(43_200).optional(),
  /** Runs when the retries are spent on invalid answers. */
  get onInvalid(): StepList { return stepList(); },
  get onTimeout(): StepList { return stepList(); },
});

const assign = z.object({
  ...base,
  type: z.literal('assign'),
  target: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('agent'), userId: entityId }),
    z.object({ kind: z.literal('team'), teamId: entityId, strategy: z.enum(['round_robin', 'least_busy']).default('round_robin') }),
  ]),
  onlineOnly: z.boolean().default(true),
  /** Only agents with fewer open conversations than this qualify. */
  maxOpenConversations: z.number().int().min(1).max(1000).optional(),
  /** When nobody qualifies, the conversation waits in the team's queue; otherwise the timeout branch runs at once. */
  queueWhenNobody: z.boolean().default(true),
  timeoutMinutes: z.number().int().min(1).max(43_200).optional(),
  get onTimeout(): StepList { return stepList(); },
});

const unassign = z.object({ ...base, type: z.literal('unassign') });

const branch = z.object({
  ...base,
  type: z.literal('branch'),
  /** Tried in order; the first branch whose conditions hold runs, else `else`. */
  branches: z.array(z.object({
    id: stepId,
    name: z.string().trim().max(100).default(''),
    conditions: conditions.default([]),
    match: matchMode.default('all'),
    get steps(): StepList { return stepList(); },
  })).max(20).default([]),
  get else(): StepList { return stepList(); },
});

const tagScope = z.enum(['contact', 'conversation']).default('contact');
const addTags = z.object({ ...base, type: z.literal('add_tags'), tags, scope: tagScope });
const removeTags = z.object({ ...base, type: z.literal('remove_tags'), tags, scope: tagScope });

/** `value` may hold variables; null clears the field. */
const updateContactField = z.object({
  ...base,
  type: z.literal('update_contact_field'),
  field: z.string().trim().max(100).default(''),
  value: z.string().max(1000).nullable().default(''),
});

/** null removes the contact's stage. */
const updateLifecycle = z.object({ ...base, type: z.literal('update_lifecycle'), stage: z.string().trim().max(100).nullable().default('') });

const openConversation = z.object({ ...base, type: z.literal('open_conversation') });

const closeConversation = z.object({
  ...base,
  type: z.literal('close_conversation'),
  category: z.string().trim().max(100).nullable().default(null),
  summary: text(2000),
});

const addNote = z.object({
  ...base,
  type: z.literal('add_note'),
  text: text(4000),
  mentions: z.array(z.number().int().positive()).max(20).default([]),
});

export const TIME_UNITS = ['minutes', 'hours', 'days'] as const;

/** Exactly one of `duration` and `until`. */
const wait = z.object({
  ...base,
  type: z.literal('wait'),
  duration: z.object({ amount: z.number().int().min(1).max(1000), unit: z.enum(TIME_UNITS) }).optional(),
  until: z.discriminatedUnion('kind', [
    /** The next time the clock shows this local time. */
    z.object({ kind: z.literal('time_of_day'), time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected HH:MM'), timezone: timezone.optional() }),
    /** A fixed instant; a run that reaches it later does not wait. */
    z.object({ kind: z.literal('datetime'), at: z.iso.datetime({ offset: true }) }),
    /** Until a team's (or the workspace's) business hours are open; no wait when already open. */
    z.object({ kind: z.literal('business_hours'), teamId: z.number().int().positive().optional() }),
  ]).optional(),
});

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Fails (to `onFailure`) on a network error, a timeout or a status outside 2xx. */
const httpRequest = z.object({
  ...base,
  type: z.literal('http_request'),
  method: z.enum(HTTP_METHODS),
  url: text(2000),
  headers: z.array(z.object({ name: z.string().trim().max(100), value: z.string().max(2000) })).max(30).default([]),
  /** A string is sent as is; JSON is rendered by renderJsonTemplate and sent as application/json. */
  body: z.json().nullable().default(null),
  /** Values read from the JSON response into run variables. */
  saveResponse: z.array(pathToVariable).max(30).default([]),
  timeoutMs: z.number().int().min(1000).max(30_000).default(10_000),
  get onFailure(): StepList { return stepList(); },
});

const pauseBot = z.object({ ...base, type: z.literal('pause_bot') });
const resumeBot = z.object({ ...base, type: z.literal('resume_bot') });

/** Continues the run at another step of this workflow. */
const jumpTo = z.object({ ...base, type: z.literal('jump_to'), target: z.string().trim().max(64).default('') });

/** Ends the run here: a branch's steps are otherwise followed by whatever comes after the branching step. */
const end = z.object({ ...base, type: z.literal('end') });

/** Starts another workflow for the same contact and conversation; this run goes on. */
const triggerWorkflow = z.object({ ...base, type: z.literal('trigger_workflow'), workflowId: entityId });

export const step = z.discriminatedUnion('type', [
  sendMessage, askQuestion, assign, unassign, branch, addTags, removeTags, updateContactField, updateLifecycle,
  openConversation, closeConversation, addNote, wait, httpRequest, pauseBot, resumeBot, jumpTo, end, triggerWorkflow,
]);
export type Step = z.infer<typeof step>;
export type StepType = Step['type'];
export type StepOf<T extends StepType> = Extract<Step, { type: T }>;
export const STEP_TYPES = step.options.map((o) => o.shape.type.value) as StepType[];

export const workflowDefinition = z.object({
  version: z.literal(1),
  trigger,
  steps: stepList(),
});
export type WorkflowDefinition = z.infer<typeof workflowDefinition>;

/** One nested list of steps of a step, with its path relative to the step (`onFailure`, `branches[1].steps`). */
export interface StepBranch { path: string; steps: Step[] }

/** The step lists a step holds, in the order they appear; empty for steps that do not branch. */
export function stepBranches(s: Step): StepBranch[] {
  switch (s.type) {
    case 'send_message':
    case 'http_request':
      return [{ path: 'onFailure', steps: s.onFailure }];
    case 'ask_question':
      return [
        ...s.choices.map((c, i) => ({ path: `choices[${i}].steps`, steps: c.steps })),
        { path: 'onInvalid', steps: s.onInvalid },
        { path: 'onTimeout', steps: s.onTimeout },
      ];
    case 'assign':
      return [{ path: 'onTimeout', steps: s.onTimeout }];
    case 'branch':
      return [...s.branches.map((b, i) => ({ path: `branches[${i}].steps`, steps: b.steps })), { path: 'else', steps: s.else }];
    default:
      return [];
  }
}
