/**
 * The workflow definition as the dashboard edits it: the server's schema (server/src/modules/workflows/definition/)
 * in TypeScript, with the schema's defaults always written out, so what the editor saves is what the server keeps.
 */

export const OPEN_SOURCES = ['contact', 'agent', 'workflow', 'api'] as const;
export const CLOSE_SOURCES = ['agent', 'workflow', 'api', 'system'] as const;
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const TIME_UNITS = ['minutes', 'hours', 'days'] as const;
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export const QUESTION_KINDS = ['text', 'choice', 'number', 'date', 'email', 'phone'] as const;
export const MESSAGE_KINDS = ['text', 'media', 'buttons', 'template'] as const;
export const MEDIA_TYPES = ['image', 'video', 'audio', 'document'] as const;

export type TimeUnit = (typeof TIME_UNITS)[number];
export type HttpMethod = (typeof HTTP_METHODS)[number];
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export type Weekday = (typeof WEEKDAYS)[number];

export const CONDITION_OPERATORS = ['is', 'is_not', 'contains', 'exists', 'not_exists', 'gt', 'lt', 'between'] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];
/** Operators that compare with `value`; `between` uses `from` and `to`; the rest take nothing. */
export const VALUE_OPERATORS: readonly ConditionOperator[] = ['is', 'is_not', 'contains', 'gt', 'lt'];
export type ScalarValue = string | number | boolean;
export type MatchMode = 'all' | 'any';

interface Compared {
  value?: ScalarValue;
  from?: ScalarValue;
  to?: ScalarValue;
}

export type Condition =
  | ({ kind: 'contact_field'; field: string; operator: ConditionOperator } & Compared)
  | ({ kind: 'variable'; name: string; operator: ConditionOperator } & Compared)
  | { kind: 'tag'; scope: 'contact' | 'conversation'; operator: 'is' | 'is_not' | 'exists' | 'not_exists'; value?: string }
  | { kind: 'channel'; operator: 'is' | 'is_not'; channelType?: string; channelId?: number }
  | { kind: 'business_hours'; operator: 'is' | 'is_not'; value: 'open' | 'closed'; teamId?: number }
  | { kind: 'current_date'; operator: 'gt' | 'lt' | 'between'; value?: string; from?: string; to?: string; timezone?: string };
export type ConditionKind = Condition['kind'];
export const CONDITION_KINDS: ConditionKind[] = ['contact_field', 'variable', 'tag', 'channel', 'business_hours', 'current_date'];

export interface PathToVariable {
  path: string;
  variable: string;
}

interface TriggerCommon {
  conditions: Condition[];
  match: MatchMode;
  oncePerContact: boolean;
}

export type Trigger = TriggerCommon &
  (
    | { type: 'conversation_opened'; sources: (typeof OPEN_SOURCES)[number][] }
    | { type: 'conversation_closed'; sources: (typeof CLOSE_SOURCES)[number][]; categories: string[] }
    | { type: 'message_received'; keywords: string[] }
    | { type: 'contact_tag_updated'; change: 'added' | 'removed'; tags: string[]; sources: (typeof OPEN_SOURCES)[number][] }
    | { type: 'contact_field_updated'; fields: string[]; sources: (typeof OPEN_SOURCES)[number][] }
    | { type: 'shortcut'; name: string; teamIds: number[] }
    | {
        type: 'incoming_webhook';
        contact: { by: 'phone' | 'email' | 'contact_id'; path: string };
        createContact: boolean;
        variables: PathToVariable[];
      }
    | {
        type: 'date';
        field: string;
        offset: { amount: number; unit: TimeUnit; direction: 'before' | 'after' };
        time: string;
        timezone?: string;
        everyYear: boolean;
      }
    | {
        type: 'schedule';
        repeat: 'once' | 'daily' | 'weekly' | 'monthly';
        date?: string;
        time: string;
        weekdays: Weekday[];
        dayOfMonth?: number;
        timezone?: string;
        audienceTags: string[];
      }
    | { type: 'lifecycle_updated'; from: string[]; to: string[] }
    | { type: 'call_ended'; outcomes: string[] }
  );
export type TriggerType = Trigger['type'];
export type TriggerOf<T extends TriggerType> = Extract<Trigger, { type: T }>;
export const TRIGGER_TYPES: TriggerType[] = [
  'conversation_opened', 'conversation_closed', 'message_received', 'contact_tag_updated', 'contact_field_updated', 'shortcut',
  'incoming_webhook', 'date', 'schedule', 'lifecycle_updated', 'call_ended',
];

export type WorkflowMessage =
  | { kind: 'text'; text: string }
  | { kind: 'media'; mediaType: (typeof MEDIA_TYPES)[number]; url: string; caption: string; filename?: string }
  | { kind: 'buttons'; text: string; buttons: Array<{ id: string; title: string }> }
  | { kind: 'template'; name: string; language: string; parameters: string[] };

interface Base {
  id: string;
  name?: string;
}

export type Step = Base &
  (
    | { type: 'send_message'; message: WorkflowMessage; onFailure: Step[] }
    | {
        type: 'ask_question';
        question: string;
        kind: QuestionKind;
        choices: Array<{ id: string; label: string; steps: Step[] }>;
        saveTo: { contactField: string } | { variable: string } | null;
        retries: number;
        invalidMessage: string;
        timeoutMinutes?: number;
        onInvalid: Step[];
        onTimeout: Step[];
      }
    | {
        type: 'assign';
        target: { kind: 'agent'; userId: number | null } | { kind: 'team'; teamId: number | null; strategy: 'round_robin' | 'least_busy' };
        onlineOnly: boolean;
        maxOpenConversations?: number;
        queueWhenNobody: boolean;
        timeoutMinutes?: number;
        onTimeout: Step[];
      }
    | { type: 'unassign' }
    | {
        type: 'branch';
        branches: Array<{ id: string; name: string; conditions: Condition[]; match: MatchMode; steps: Step[] }>;
        else: Step[];
      }
    | { type: 'add_tags' | 'remove_tags'; tags: string[]; scope: 'contact' | 'conversation' }
    | { type: 'update_contact_field'; field: string; value: string | null }
    | { type: 'update_lifecycle'; stage: string | null }
    | { type: 'open_conversation' }
    | { type: 'close_conversation'; category: string | null; summary: string }
    | { type: 'add_note'; text: string; mentions: number[] }
    | {
        type: 'wait';
        duration?: { amount: number; unit: TimeUnit };
        until?:
          | { kind: 'time_of_day'; time: string; timezone?: string }
          | { kind: 'datetime'; at: string }
          | { kind: 'business_hours'; teamId?: number };
      }
    | {
        type: 'http_request';
        method: HttpMethod;
        url: string;
        headers: Array<{ name: string; value: string }>;
        body: unknown;
        saveResponse: PathToVariable[];
        timeoutMs: number;
        onFailure: Step[];
      }
    | { type: 'pause_bot' }
    | { type: 'resume_bot' }
    | { type: 'jump_to'; target: string }
    | { type: 'end' }
    | { type: 'trigger_workflow'; workflowId: number | null }
  );
export type StepType = Step['type'];
export type StepOf<T extends StepType> = Extract<Step, { type: T }>;

/** In the order the "add a step" menu offers them, grouped by family. */
export const STEP_GROUPS: Array<{ group: string; types: StepType[] }> = [
  { group: 'messages', types: ['send_message', 'ask_question', 'add_note'] },
  { group: 'conversation', types: ['assign', 'unassign', 'open_conversation', 'close_conversation', 'pause_bot', 'resume_bot'] },
  { group: 'contact', types: ['add_tags', 'remove_tags', 'update_contact_field', 'update_lifecycle'] },
  { group: 'logic', types: ['branch', 'wait', 'jump_to', 'end', 'trigger_workflow'] },
  { group: 'integrations', types: ['http_request'] },
];
export const STEP_TYPES: StepType[] = STEP_GROUPS.flatMap((g) => g.types);

export interface WorkflowDefinition {
  version: 1;
  trigger: Trigger;
  steps: Step[];
}

export const PROBLEM_CODES = [
  'invalid_shape', 'not_json', 'not_a_workflow_file', 'unsupported_version', 'too_deep',
  'no_steps', 'too_many_steps', 'duplicate_step_id', 'duplicate_branch_id', 'dangling_jump', 'dangling_branch',
  'unreachable_step', 'unbounded_loop', 'trigger_workflow_self', 'empty_branch',
  'missing_setting', 'invalid_setting',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export interface WorkflowProblem {
  stepId?: string;
  /** Where in the definition: `steps[2].branches[0].conditions[1].value`. */
  path: string;
  code: ProblemCode | string;
  message: string;
}
