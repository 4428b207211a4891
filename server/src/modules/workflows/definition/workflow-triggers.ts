import { z } from 'zod';
import { timezone } from '../../workspaces/workspaces.schemas.js';
import { weekdays } from '../../routing/business-hours.types.js';
import { conditions, matchMode } from './workflow-conditions.js';

/** What starts a run. Every trigger may be narrowed by conditions and limited to once per contact. */

const name = z.string().trim().max(100);
const names = z.array(name).max(50).default([]);
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected HH:MM');

const common = {
  conditions: conditions.default([]),
  match: matchMode.default('all'),
  /** A contact who already ran this workflow (any version) never starts it again. */
  oncePerContact: z.boolean().default(false),
};

/** Who opened or closed a conversation; an empty list means anyone. */
export const OPEN_SOURCES = ['contact', 'agent', 'workflow', 'api'] as const;
export const CLOSE_SOURCES = ['agent', 'workflow', 'api', 'system'] as const;

/** A JSON path into a payload or a response: `data.id`, `items.0.name`. */
export const jsonPath = z.string().trim().max(200);
export const variableName = z.string().trim().max(64);
export const pathToVariable = z.object({ path: jsonPath, variable: variableName });

const conversationOpened = z.object({
  type: z.literal('conversation_opened'),
  sources: z.array(z.enum(OPEN_SOURCES)).max(OPEN_SOURCES.length).default([]),
  ...common,
});

/** Seed 003: "Origen es igual a Usuario" starts the workflow only when an agent closes. */
const conversationClosed = z.object({
  type: z.literal('conversation_closed'),
  sources: z.array(z.enum(CLOSE_SOURCES)).max(CLOSE_SOURCES.length).default([]),
  /** Closing-note categories; empty means any, including none. */
  categories: names,
  ...common,
});

/** Keywords match anywhere in the text, ignoring case and accents; none means every message. */
const messageReceived = z.object({ type: z.literal('message_received'), keywords: names, ...common });

/** Seed 000: adding the tag "admision y ventas" by hand starts the CRM hand-off. Empty `tags` means any tag. */
const contactTagUpdated = z.object({
  type: z.literal('contact_tag_updated'),
  change: z.enum(['added', 'removed']),
  tags: names,
  /** Who changed the tag; empty means anyone (an agent by hand is `agent`). */
  sources: z.array(z.enum(OPEN_SOURCES)).max(OPEN_SOURCES.length).default([]),
  ...common,
});

const contactFieldUpdated = z.object({
  type: z.literal('contact_field_updated'),
  fields: names,
  /** Who changed the field; empty means anyone. */
  sources: z.array(z.enum(OPEN_SOURCES)).max(OPEN_SOURCES.length).default([]),
  ...common,
});

/** An agent runs it from a conversation's menu; teams limit who sees it (empty: everyone). */
const shortcut = z.object({
  type: z.literal('shortcut'),
  name,
  teamIds: z.array(z.number().int().positive()).max(50).default([]),
  ...common,
});

/**
 * A POST to the workflow's own URL (its secret lives with the workflow row, never in the definition).
 * The payload names the contact and its values become run variables.
 */
const incomingWebhook = z.object({
  type: z.literal('incoming_webhook'),
  contact: z.object({ by: z.enum(['phone', 'email', 'contact_id']), path: jsonPath }),
  createContact: z.boolean().default(false),
  variables: z.array(pathToVariable).max(30).default([]),
  ...common,
});

/** Relative to a contact's date field (a birthday, an enrolment day), at a local time. */
const date = z.object({
  type: z.literal('date'),
  field: name,
  offset: z.object({
    amount: z.number().int().min(0).max(365),
    unit: z.enum(['minutes', 'hours', 'days']),
    direction: z.enum(['before', 'after']),
  }).default({ amount: 0, unit: 'days', direction: 'after' }),
  time: clockTime.default('09:00'),
  timezone: timezone.optional(),
  everyYear: z.boolean().default(false),
  ...common,
});

/** At set times, for every contact carrying one of the audience tags. */
const schedule = z.object({
  type: z.literal('schedule'),
  repeat: z.enum(['once', 'daily', 'weekly', 'monthly']),
  date: z.iso.date().optional(),
  time: clockTime,
  weekdays: z.array(z.enum(weekdays)).max(7).default([]),
  dayOfMonth: z.number().int().min(1).max(31).optional(),
  timezone: timezone.optional(),
  audienceTags: names,
  ...common,
});

/** Lifecycle stages are names; empty lists mean any stage. */
const lifecycleUpdated = z.object({ type: z.literal('lifecycle_updated'), from: names, to: names, ...common });

/** Outcomes as the PBX reports them; empty means any call. */
const callEnded = z.object({ type: z.literal('call_ended'), outcomes: names, ...common });

export const trigger = z.discriminatedUnion('type', [
  conversationOpened, conversationClosed, messageReceived, contactTagUpdated, contactFieldUpdated, shortcut,
  incomingWebhook, date, schedule, lifecycleUpdated, callEnded,
]);
export type Trigger = z.infer<typeof trigger>;
export type TriggerType = Trigger['type'];
export const TRIGGER_TYPES = trigger.options.map((o) => o.shape.type.value) as TriggerType[];
