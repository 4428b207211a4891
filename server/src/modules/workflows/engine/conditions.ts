import { DateTime } from 'luxon';
import type { Condition, ConditionOperator, MatchMode, ScalarValue } from '../definition/workflow-conditions.js';
import { lookupVariable, valueAsText, type TemplateVars } from '../definition/render-template.js';
import { openFor } from '../../routing/business-hours.js';
import type { BusinessHours } from '../../routing/business-hours.types.js';

/** What conditions are evaluated against. Everything but the opening hours is plain data. */
export interface ConditionEnv {
  /** The run's values (run-values.ts): the contact, the conversation (tags, channel, channelId, teamId) and vars. */
  values: TemplateVars;
  now: Date;
  /** For current_date conditions without a timezone of their own: the workspace's. */
  timezone: string;
  /** The schedules that must all be open: the given team's, or without one the conversation's team's and channel's. */
  schedules(teamId: number | undefined): Promise<Array<BusinessHours | null>>;
}

/** Every condition (`all`) or at least one (`any`); no conditions at all hold. */
export async function conditionsHold(conditions: readonly Condition[], match: MatchMode, env: ConditionEnv): Promise<boolean> {
  if (conditions.length === 0) return true;
  for (const condition of conditions) {
    const holds = await conditionHolds(condition, env);
    if (match === 'any' && holds) return true;
    if (match === 'all' && !holds) return false;
  }
  return match === 'all';
}

export async function conditionHolds(c: Condition, env: ConditionEnv): Promise<boolean> {
  switch (c.kind) {
    case 'contact_field':
      return compare(lookupVariable(`contact.${c.field}`, env.values), c.operator, c);
    case 'variable':
      return compare(lookupVariable(c.name, env.values), c.operator, c);
    case 'tag': {
      const tags = tagsOf(c.scope === 'conversation' ? env.values.conversation?.tags : env.values.contact?.tags);
      if (c.operator === 'exists') return tags.length > 0;
      if (c.operator === 'not_exists') return tags.length === 0;
      const carries = tags.some((t) => fold(t) === fold(c.value ?? ''));
      return c.operator === 'is' ? carries : !carries;
    }
    case 'channel': {
      const conversation = env.values.conversation;
      const same = Boolean(conversation)
        && (c.channelType === undefined || fold(valueAsText(conversation?.channel)) === fold(c.channelType))
        && (c.channelId === undefined || conversation?.channelId === c.channelId);
      return c.operator === 'is' ? same : !same;
    }
    case 'business_hours': {
      const open = openFor(env.now, ...(await env.schedules(c.teamId)));
      return (open === (c.value === 'open')) === (c.operator === 'is');
    }
    case 'current_date':
      return currentDateHolds(c, env);
  }
}

type Compared = { value?: ScalarValue; from?: ScalarValue; to?: ScalarValue };

/** Case, accents and surrounding spaces do not matter when texts are compared. */
export const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

const tagsOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : []);

const isPresent = (v: unknown) => v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '') && !(Array.isArray(v) && v.length === 0);

/** A number as people write it (`12`, `-3.5`, `3,5`), else undefined. */
function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && /^\s*-?\d+([.,]\d+)?\s*$/.test(v)) return Number(v.trim().replace(',', '.'));
  return undefined;
}

/** An instant from a date (YYYY-MM-DD or DD/MM/YYYY, taken as UTC midnight) or an ISO date-time, else undefined. */
export function asInstant(v: unknown): number | undefined {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.getTime();
  if (typeof v !== 'string') return undefined;
  const text = v.trim();
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const parsed = dmy ? DateTime.fromObject({ year: +dmy[3], month: +dmy[2], day: +dmy[1] }, { zone: 'utc' }) : DateTime.fromISO(text, { zone: 'utc' });
  return /^\d{4}-\d{2}-\d{2}/.test(text) || dmy ? (parsed.isValid ? parsed.toMillis() : undefined) : undefined;
}

/** Two values as numbers, else as instants, else not comparable (undefined). */
function order(a: unknown, b: unknown): number | undefined {
  const [na, nb] = [asNumber(a), asNumber(b)];
  if (na !== undefined && nb !== undefined) return na - nb;
  const [ta, tb] = [asInstant(a), asInstant(b)];
  if (ta !== undefined && tb !== undefined) return ta - tb;
  return undefined;
}

function equal(actual: unknown, expected: ScalarValue | undefined): boolean {
  if (Array.isArray(actual)) return actual.some((item) => equal(item, expected));
  if (!isPresent(actual)) return !isPresent(expected);
  const byOrder = order(actual, expected);
  if (byOrder !== undefined) return byOrder === 0;
  return fold(valueAsText(actual)) === fold(valueAsText(expected));
}

function contains(actual: unknown, expected: ScalarValue | undefined): boolean {
  if (!isPresent(expected)) return false;
  if (Array.isArray(actual)) return actual.some((item) => contains(item, expected));
  return isPresent(actual) && fold(valueAsText(actual)).includes(fold(valueAsText(expected)));
}

/** One value against an operator; gt, lt and between compare numbers or dates, and never hold for anything else. */
export function compare(actual: unknown, operator: ConditionOperator, c: Compared): boolean {
  switch (operator) {
    case 'is': return equal(actual, c.value);
    case 'is_not': return !equal(actual, c.value);
    case 'contains': return contains(actual, c.value);
    case 'exists': return isPresent(actual);
    case 'not_exists': return !isPresent(actual);
    case 'gt': return (order(actual, c.value) ?? 0) > 0;
    case 'lt': return (order(actual, c.value) ?? 0) < 0;
    case 'between': {
      const [low, high] = [order(actual, c.from), order(actual, c.to)];
      return low !== undefined && high !== undefined && low >= 0 && high <= 0;
    }
  }
}

/**
 * Today (a calendar day in the timezone) against days, or now against instants: `gt` after, `lt` before,
 * `between` from … to, both included.
 */
function currentDateHolds(c: Extract<Condition, { kind: 'current_date' }>, env: ConditionEnv): boolean {
  const today = DateTime.fromJSDate(env.now, { zone: c.timezone ?? env.timezone }).toISODate() ?? env.now.toISOString().slice(0, 10);
  const against = (bound: string | undefined): number | undefined => {
    if (!bound) return undefined;
    if (/^\d{4}-\d{2}-\d{2}$/.test(bound)) return today < bound ? -1 : today > bound ? 1 : 0;
    const at = Date.parse(bound);
    return Number.isNaN(at) ? undefined : Math.sign(env.now.getTime() - at);
  };
  if (c.operator === 'between') {
    const [low, high] = [against(c.from), against(c.to)];
    return low !== undefined && high !== undefined && low >= 0 && high <= 0;
  }
  const cmp = against(c.value);
  return cmp !== undefined && (c.operator === 'gt' ? cmp > 0 : cmp < 0);
}
