import { VALUE_OPERATORS, type Condition, type ScalarValue } from './workflow-conditions.js';
import type { Trigger } from './workflow-triggers.js';
import { isValidVariableName } from './render-template.js';
import { joinPath } from './workflow-problems.js';

/** Problems of a trigger and of conditions (the trigger's and a branch's), before publishing. */
export type Report = (path: string, code: 'missing_setting' | 'invalid_setting', message: string) => void;

const blank = (v: ScalarValue | undefined) => v === undefined || (typeof v === 'string' && v.trim() === '');

/** gt, lt and between compare numbers or dates; this is the comparable form, or undefined. */
function ordered(v: ScalarValue | undefined): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  const text = v.trim().replace(',', '.');
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  const time = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : NaN;
  return Number.isNaN(time) ? undefined : time;
}

function comparisonProblems(c: { operator: string; value?: ScalarValue; from?: ScalarValue; to?: ScalarValue }, at: string, report: Report) {
  if (VALUE_OPERATORS.includes(c.operator as never) && blank(c.value)) report(joinPath(at, 'value'), 'missing_setting', `"${c.operator}" needs a value`);
  if ((c.operator === 'gt' || c.operator === 'lt') && !blank(c.value) && ordered(c.value) === undefined) {
    report(joinPath(at, 'value'), 'invalid_setting', `"${c.operator}" compares numbers or dates`);
  }
  if (c.operator !== 'between') return;
  for (const end of ['from', 'to'] as const) {
    if (blank(c[end])) report(joinPath(at, end), 'missing_setting', `"between" needs "${end}"`);
    else if (ordered(c[end]) === undefined) report(joinPath(at, end), 'invalid_setting', '"between" compares numbers or dates');
  }
  const [from, to] = [ordered(c.from), ordered(c.to)];
  if (from !== undefined && to !== undefined && from > to) report(at, 'invalid_setting', '"from" is after "to"');
}

export function conditionProblems(c: Condition, at: string, report: Report) {
  switch (c.kind) {
    case 'contact_field':
      if (!c.field) report(joinPath(at, 'field'), 'missing_setting', 'Choose a contact field');
      return comparisonProblems(c, at, report);
    case 'variable':
      if (!c.name) report(joinPath(at, 'name'), 'missing_setting', 'Name the variable');
      else if (!isValidVariableName(c.name)) report(joinPath(at, 'name'), 'invalid_setting', `"${c.name}" is not a variable name`);
      return comparisonProblems(c, at, report);
    case 'tag':
      if ((c.operator === 'is' || c.operator === 'is_not') && !c.value) report(joinPath(at, 'value'), 'missing_setting', 'Choose a tag');
      return;
    case 'channel':
      if (c.channelType === undefined && c.channelId === undefined) report(at, 'missing_setting', 'Choose a channel type or a channel');
      if (c.channelType !== undefined && c.channelId !== undefined) report(at, 'invalid_setting', 'Give a channel type or a channel, not both');
      return;
    case 'business_hours':
      return;
    case 'current_date':
      return comparisonProblems(c, at, report);
  }
}

export function conditionListProblems(list: Condition[], at: string, report: Report) {
  list.forEach((c, i) => conditionProblems(c, `${at}[${i}]`, report));
}

const emptyEntries = (list: string[], at: string, what: string, report: Report) =>
  list.forEach((v, i) => { if (!v) report(`${at}[${i}]`, 'missing_setting', `Empty ${what}`); });

export function pathVariableProblems(list: { path: string; variable: string }[], at: string, report: Report) {
  list.forEach((m, i) => {
    const here = `${at}[${i}]`;
    if (!m.path) report(joinPath(here, 'path'), 'missing_setting', 'Give the path to read');
    else if (m.path.split('.').some((s) => !s)) report(joinPath(here, 'path'), 'invalid_setting', `"${m.path}" is not a path such as data.id`);
    if (!m.variable) report(joinPath(here, 'variable'), 'missing_setting', 'Name the variable to save into');
    else if (!isValidVariableName(m.variable)) report(joinPath(here, 'variable'), 'invalid_setting', `"${m.variable}" is not a variable name`);
  });
}

export function triggerProblems(t: Trigger, report: Report) {
  conditionListProblems(t.conditions, 'trigger.conditions', report);
  switch (t.type) {
    case 'conversation_closed':
      return emptyEntries(t.categories, 'trigger.categories', 'category', report);
    case 'message_received':
      return emptyEntries(t.keywords, 'trigger.keywords', 'keyword', report);
    case 'contact_tag_updated':
      return emptyEntries(t.tags, 'trigger.tags', 'tag', report);
    case 'contact_field_updated':
      if (!t.fields.length) report('trigger.fields', 'missing_setting', 'Choose at least one contact field');
      return emptyEntries(t.fields, 'trigger.fields', 'field', report);
    case 'shortcut':
      if (!t.name) report('trigger.name', 'missing_setting', 'Name the shortcut agents will see');
      return;
    case 'incoming_webhook':
      if (!t.contact.path) report('trigger.contact.path', 'missing_setting', 'Say where the payload names the contact');
      return pathVariableProblems(t.variables, 'trigger.variables', report);
    case 'date':
      if (!t.field) report('trigger.field', 'missing_setting', 'Choose a date field');
      return;
    case 'schedule':
      if (t.repeat === 'once' && !t.date) report('trigger.date', 'missing_setting', 'Choose the date');
      if (t.repeat === 'weekly' && !t.weekdays.length) report('trigger.weekdays', 'missing_setting', 'Choose the days of the week');
      if (t.repeat === 'monthly' && t.dayOfMonth === undefined) report('trigger.dayOfMonth', 'missing_setting', 'Choose the day of the month');
      if (!t.audienceTags.length) report('trigger.audienceTags', 'missing_setting', 'Choose the tags of the contacts to run for');
      return emptyEntries(t.audienceTags, 'trigger.audienceTags', 'tag', report);
    case 'lifecycle_updated':
      emptyEntries(t.from, 'trigger.from', 'stage', report);
      return emptyEntries(t.to, 'trigger.to', 'stage', report);
    case 'call_ended':
      return emptyEntries(t.outcomes, 'trigger.outcomes', 'outcome', report);
    case 'conversation_opened':
      return;
  }
}
