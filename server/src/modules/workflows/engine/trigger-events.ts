import type { EventRow } from '../../../platform/events/event-types.js';
import type { Trigger, TriggerType } from '../definition/workflow-definition.js';
import { foldText } from '../../bots/builtin/normalize.js';

/** An event of the log as the triggers see it. */
export interface TriggerEvent {
  type: TriggerType;
  conversationId: number | null;
  /** Known from the payload, or looked up from the conversation by the caller. */
  contactId: number | null;
  /** Who did it: contact, agent, workflow, api, system. */
  source: string;
  category?: string | null;
  text?: string;
  tags?: { added: string[]; removed: string[] };
  fields?: string[];
  lifecycle?: { from: string | null; to: string | null };
  callOutcome?: string | null;
}

type Payload = Record<string, any>;

const SOURCES: Record<string, string> = { contact: 'contact', user: 'agent', api: 'api', workflow: 'workflow', bot: 'workflow', system: 'system' };
const sourceOf = (e: EventRow) => SOURCES[e.actorType] ?? 'system';

/** The trigger event an event of the log is, if any. */
export function triggerEventOf(e: EventRow): TriggerEvent | null {
  const p = (e.payload ?? {}) as Payload;
  const base = { conversationId: e.conversationId ?? null, contactId: null as number | null, source: sourceOf(e) };
  switch (e.type) {
    case 'conversation.created':
    case 'conversation.reopened':
      return { ...base, type: 'conversation_opened' };
    case 'conversation.closed':
      return { ...base, type: 'conversation_closed', category: p.category ?? null };
    case 'message.created': {
      const m = p.message;
      if (e.actorType !== 'contact' || m?.kind !== 'message' || m.direction !== 'inbound') return null;
      return { ...base, type: 'message_received', text: String(m.body ?? '') };
    }
    case 'contact.tagged':
      return { ...base, type: 'contact_tag_updated', contactId: p.contactId ?? null, tags: { added: p.added ?? [], removed: p.removed ?? [] } };
    case 'contact.updated':
      return { ...base, type: 'contact_field_updated', contactId: p.contact?.id ?? null, fields: fieldNames(p) };
    case 'contact.lifecycle_updated':
      return { ...base, type: 'lifecycle_updated', contactId: p.contactId ?? p.contact?.id ?? null, lifecycle: { from: p.from ?? null, to: p.to ?? null } };
    case 'call.closed':
      return { ...base, type: 'call_ended', contactId: p.call?.contactId ?? null, conversationId: p.call?.conversationId ?? base.conversationId, callOutcome: p.call?.outcome ?? p.call?.status ?? null };
    default:
      return null;
  }
}

/** The changed fields of a contact.updated: built-in ones by name, custom ones by key. */
function fieldNames(p: Payload): string[] {
  const changes: string[] = Array.isArray(p.changes) ? p.changes : [];
  const custom: string[] = Array.isArray(p.customFieldChanges) ? p.customFieldChanges : [];
  return [...changes.filter((c) => c !== 'customFields'), ...custom];
}

const same = (a: string, b: string) => foldText(a) === foldText(b);
const anyOf = (wanted: string[], value: string | null | undefined) => wanted.length === 0 || (value != null && wanted.some((w) => same(w, value)));

const bySource = (sources: readonly string[], e: TriggerEvent) => sources.length === 0 || sources.includes(e.source);

/** Whether the trigger's own filters (sources, categories, keywords, tags, fields, stages, outcomes) let this event in. */
export function triggerAccepts(trigger: Trigger, e: TriggerEvent): boolean {
  if (trigger.type !== e.type) return false;
  switch (trigger.type) {
    case 'conversation_opened':
      return bySource(trigger.sources, e);
    case 'conversation_closed':
      return bySource(trigger.sources, e) && anyOf(trigger.categories, e.category);
    case 'message_received': {
      const text = foldText(e.text ?? '');
      return trigger.keywords.length === 0 || trigger.keywords.some((k) => foldText(k) !== '' && text.includes(foldText(k)));
    }
    case 'contact_tag_updated': {
      const changed = trigger.change === 'added' ? e.tags?.added ?? [] : e.tags?.removed ?? [];
      return bySource(trigger.sources, e) && changed.length > 0 && (trigger.tags.length === 0 || changed.some((t) => anyOf(trigger.tags, t)));
    }
    case 'contact_field_updated':
      return bySource(trigger.sources, e) && (e.fields ?? []).length > 0 && (trigger.fields.length === 0 || (e.fields ?? []).some((f) => anyOf(trigger.fields, f)));
    case 'lifecycle_updated':
      return anyOf(trigger.from, e.lifecycle?.from) && anyOf(trigger.to, e.lifecycle?.to);
    case 'call_ended':
      return anyOf(trigger.outcomes, e.callOutcome);
    default:
      return false;
  }
}
