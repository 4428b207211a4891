import { z } from 'zod';
import { timezone } from '../../workspaces/workspaces.schemas.js';

/**
 * Conditions, shared by `branch` steps and trigger filters. The schema checks the shape only, so a half-built
 * condition can be saved in a draft; `validateWorkflow` says what is missing before publishing.
 */

export const CONDITION_OPERATORS = ['is', 'is_not', 'contains', 'exists', 'not_exists', 'gt', 'lt', 'between'] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

/** Operators that compare with `value`; `between` compares with `from` and `to`; the rest take nothing. */
export const VALUE_OPERATORS: readonly ConditionOperator[] = ['is', 'is_not', 'contains', 'gt', 'lt'];

export const scalarValue = z.union([z.string().max(1000), z.number(), z.boolean()]);
export type ScalarValue = z.infer<typeof scalarValue>;

const compared = { value: scalarValue.optional(), from: scalarValue.optional(), to: scalarValue.optional() };

/** A contact field: a custom field key, or a built-in one (name, email, phone, document_number, language, lifecycle). */
const contactFieldCondition = z.object({
  kind: z.literal('contact_field'),
  field: z.string().trim().max(100),
  operator: z.enum(CONDITION_OPERATORS),
  ...compared,
});

/** A variable collected by this run (a question's answer, an HTTP response value, a webhook value). */
const variableCondition = z.object({
  kind: z.literal('variable'),
  name: z.string().trim().max(64),
  operator: z.enum(CONDITION_OPERATORS),
  ...compared,
});

/** `is` means "carries this tag", `exists` means "carries any tag". */
const tagCondition = z.object({
  kind: z.literal('tag'),
  scope: z.enum(['contact', 'conversation']).default('contact'),
  operator: z.enum(['is', 'is_not', 'exists', 'not_exists']),
  value: z.string().trim().max(100).optional(),
});

/** The conversation's channel, by type (`whatsapp`, `webchat`, …) or by one connected account. */
const channelCondition = z.object({
  kind: z.literal('channel'),
  operator: z.enum(['is', 'is_not']),
  channelType: z.string().trim().max(40).optional(),
  channelId: z.number().int().positive().optional(),
});

/** Open or closed now, by the hours of a team (or, without one, of the conversation's team or the workspace). */
const businessHoursCondition = z.object({
  kind: z.literal('business_hours'),
  operator: z.enum(['is', 'is_not']),
  value: z.enum(['open', 'closed']),
  teamId: z.number().int().positive().optional(),
});

/** A calendar day (YYYY-MM-DD) or an instant with its offset (ISO 8601). */
export const dateOrInstant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/** Today (or now) against dates: after, before, or within a range (campaigns, holidays). */
const currentDateCondition = z.object({
  kind: z.literal('current_date'),
  operator: z.enum(['gt', 'lt', 'between']),
  value: dateOrInstant.optional(),
  from: dateOrInstant.optional(),
  to: dateOrInstant.optional(),
  timezone: timezone.optional(),
});

export const condition = z.discriminatedUnion('kind', [
  contactFieldCondition, variableCondition, tagCondition, channelCondition, businessHoursCondition, currentDateCondition,
]);
export type Condition = z.infer<typeof condition>;
export const CONDITION_KINDS = condition.options.map((o) => o.shape.kind.value);

export const matchMode = z.enum(['all', 'any']);
export type MatchMode = z.infer<typeof matchMode>;

export const conditions = z.array(condition).max(20);
