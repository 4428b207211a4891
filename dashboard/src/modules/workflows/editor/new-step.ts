import type { Condition, ConditionKind, Step, StepType, Trigger, TriggerType } from '../workflow-types';
import { newId } from './definition-edit';

/** A fresh step of a type with the schema's defaults written out; ids come from `id` (unique in the workflow). */
export function newStep(type: StepType, id: (prefix: string) => string): Step {
  const base = { id: id('s') };
  switch (type) {
    case 'send_message':
      return { ...base, type, message: { kind: 'text', text: '' }, onFailure: [] };
    case 'ask_question':
      return { ...base, type, question: '', kind: 'text', choices: [], saveTo: null, retries: 2, invalidMessage: '', onInvalid: [], onTimeout: [] };
    case 'assign':
      return { ...base, type, target: { kind: 'team', teamId: null, strategy: 'round_robin' }, onlineOnly: true, queueWhenNobody: true, onTimeout: [] };
    case 'branch':
      return { ...base, type, branches: [{ id: id('b'), name: '', conditions: [], match: 'all', steps: [] }], else: [] };
    case 'add_tags':
    case 'remove_tags':
      return { ...base, type, tags: [], scope: 'contact' };
    case 'update_contact_field':
      return { ...base, type, field: '', value: '' };
    case 'update_lifecycle':
      return { ...base, type, stage: '' };
    case 'close_conversation':
      return { ...base, type, category: null, summary: '' };
    case 'add_note':
      return { ...base, type, text: '', mentions: [] };
    case 'wait':
      return { ...base, type, duration: { amount: 1, unit: 'hours' } };
    case 'http_request':
      return { ...base, type, method: 'POST', url: '', headers: [], body: null, saveResponse: [], timeoutMs: 10_000, onFailure: [] };
    case 'jump_to':
      return { ...base, type, target: '' };
    case 'trigger_workflow':
      return { ...base, type, workflowId: null };
    case 'unassign':
    case 'open_conversation':
    case 'pause_bot':
    case 'resume_bot':
    case 'end':
      return { ...base, type };
  }
}

/** An id maker over a set of taken ids, which it extends as it hands ids out. */
export function idMaker(taken: Set<string>) {
  return (prefix: string) => {
    const id = newId(prefix, taken);
    taken.add(id);
    return id;
  };
}

/** A trigger of another type, keeping the conditions and "once per contact" already set. */
export function newTrigger(type: TriggerType, previous: Trigger): Trigger {
  const common = { conditions: previous.conditions, match: previous.match, oncePerContact: previous.oncePerContact };
  switch (type) {
    case 'conversation_opened':
      return { ...common, type, sources: [] };
    case 'conversation_closed':
      return { ...common, type, sources: [], categories: [] };
    case 'message_received':
      return { ...common, type, keywords: [] };
    case 'contact_tag_updated':
      return { ...common, type, change: 'added', tags: [], sources: [] };
    case 'contact_field_updated':
      return { ...common, type, fields: [], sources: [] };
    case 'shortcut':
      return { ...common, type, name: '', teamIds: [] };
    case 'incoming_webhook':
      return { ...common, type, contact: { by: 'phone', path: '' }, createContact: false, variables: [] };
    case 'date':
      return { ...common, type, field: '', offset: { amount: 0, unit: 'days', direction: 'after' }, time: '09:00', everyYear: false };
    case 'schedule':
      return { ...common, type, repeat: 'daily', time: '09:00', weekdays: [], audienceTags: [] };
    case 'lifecycle_updated':
      return { ...common, type, from: [], to: [] };
    case 'call_ended':
      return { ...common, type, outcomes: [] };
  }
}

/** A fresh condition of a kind, with the operator each kind starts with. */
export function newCondition(kind: ConditionKind): Condition {
  switch (kind) {
    case 'contact_field':
      return { kind, field: '', operator: 'is', value: '' };
    case 'variable':
      return { kind, name: '', operator: 'is', value: '' };
    case 'tag':
      return { kind, scope: 'contact', operator: 'is', value: '' };
    case 'channel':
      return { kind, operator: 'is', channelType: 'whatsapp' };
    case 'business_hours':
      return { kind, operator: 'is', value: 'open' };
    case 'current_date':
      return { kind, operator: 'between', from: '', to: '' };
  }
}
