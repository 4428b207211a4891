/**
 * `{{ path }}` placeholders in messages, notes, snippets and HTTP steps. A placeholder runs up to the first `}}`
 * on the same line (at most 200 characters), so custom field keys may hold spaces, accents and punctuation:
 * `{{contact.fields.¿subir a CRM manualmente?}}`. A missing or null value renders as empty text: the customer
 * never sees a raw placeholder. `{{ }}` names nothing and stays as typed.
 */

export interface TemplateVars {
  contact?: {
    id?: number;
    name?: string | null;
    email?: string | null;
    phone?: string | null;
    documentNumber?: string | null;
    language?: string | null;
    lifecycle?: string | null;
    tags?: string[];
    fields?: Record<string, unknown>;
  } | null;
  agent?: { name?: string | null; email?: string | null } | null;
  team?: { name?: string | null } | null;
  conversation?: ({ id?: number } & Record<string, unknown>) | null;
  workspace?: { name?: string | null } | null;
  /** What the run collected; reachable as `{{vars.x}}` and as bare `{{x}}`. */
  vars?: Record<string, unknown> | null;
}

/** The first word of a name ("María José Pérez" → "María"); empty when there is no name. */
export function firstName(name: string | null | undefined): string {
  return (name ?? '').trim().split(/\s+/)[0] ?? '';
}

const ROOTS = ['contact', 'agent', 'team', 'conversation', 'workspace', 'vars'] as const;
type Root = (typeof ROOTS)[number];

/** Run variables cannot take a root's name: a bare `{{contact}}` must mean one thing. */
export const RESERVED_VARIABLE_NAMES: readonly string[] = ROOTS;

export function isValidVariableName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !RESERVED_VARIABLE_NAMES.includes(name.toLowerCase());
}

const placeholder = /\{\{((?:(?!\{\{|\}\})[^\r\n]){0,200})\}\}/g;
const wholePlaceholder = /^\{\{((?:(?!\{\{|\}\})[^\r\n]){0,200})\}\}$/;

const norm = (key: string) => key.normalize('NFC').trim().toLowerCase();
const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * One key of an object: as written, then camelCased (`document_number` → documentNumber), then ignoring case,
 * accents' Unicode form and surrounding spaces. Own properties only: `{{vars.constructor}}` finds nothing.
 */
function member(value: unknown, key: string): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) return /^\d+$/.test(key) ? value[Number(key)] : undefined;
  const record = value as Record<string, unknown>;
  if (Object.hasOwn(record, key)) return record[key];
  if (Object.hasOwn(record, camel(key))) return record[camel(key)];
  const wanted = norm(key);
  const match = Object.keys(record).find((k) => norm(k) === wanted);
  return match === undefined ? undefined : record[match];
}

function walk(value: unknown, segments: string[]): unknown {
  return segments.reduce<unknown>((v, s) => member(v, s), value);
}

function fromContact(contact: TemplateVars['contact'], rest: string): unknown {
  const fields = contact?.fields;
  if (/^fields\./i.test(rest)) return member(fields, rest.slice('fields.'.length));
  if (norm(rest) === 'first_name') return contact?.name ? firstName(contact.name) : undefined;
  const builtIn = walk(contact, rest.split('.'));
  // Snippets write custom fields as `{{contact.<key>}}`; the same text works here.
  return builtIn !== undefined ? builtIn : member(fields, rest);
}

/** The value a placeholder path names, or undefined. Also used to read variables in conditions. */
export function lookupVariable(path: string, vars: TemplateVars): unknown {
  const trimmed = path.normalize('NFC').trim();
  if (!trimmed) return undefined;
  const dot = trimmed.indexOf('.');
  const head = (dot < 0 ? trimmed : trimmed.slice(0, dot)).toLowerCase();
  const rest = dot < 0 ? '' : trimmed.slice(dot + 1).trim();
  if (!(ROOTS as readonly string[]).includes(head)) return walk(vars.vars, trimmed.split('.'));
  const root = head as Root;
  if (!rest) return root === 'vars' ? undefined : vars[root];
  if (root === 'contact') return fromContact(vars.contact, rest);
  if (root === 'agent' && norm(rest) === 'first_name') return vars.agent?.name ? firstName(vars.agent.name) : undefined;
  return walk(vars[root], rest.split('.'));
}

const isScalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

const yesNo: Record<string, readonly [string, string]> = { es: ['sí', 'no'], en: ['yes', 'no'], pt: ['sim', 'não'] };

/** How true and false read for people writing in `language` (es, en, pt; any other reads as Spanish). */
export function booleanWords(language: string): readonly [string, string] {
  return yesNo[language.slice(0, 2).toLowerCase()] ?? yesNo.es;
}

/**
 * A value as text: numbers plainly, lists of plain values joined, other objects as JSON. Booleans read
 * `true`/`false` unless `booleans` gives the words for yes and no.
 */
export function valueAsText(value: unknown, booleans?: readonly [string, string]): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return booleans ? booleans[value ? 0 : 1] : String(value);
  if (typeof value === 'bigint') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (typeof value !== 'object') return '';
  if (Array.isArray(value) && value.every(isScalar)) return value.filter((v) => v !== null).map((v) => valueAsText(v, booleans)).join(', ');
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

export interface RenderOptions {
  /** Applied to each substituted value, never to the text around it (URL encoding, header cleaning). */
  encode?: (value: string) => string;
  /**
   * Texts people read (snippets) say "sí"/"no" in this language instead of true/false; without it,
   * booleans stay true/false, as machines (HTTP steps) expect.
   */
  language?: string | null;
}

export function renderTemplate(text: string, vars: TemplateVars, options: RenderOptions = {}): string {
  const booleans = options.language ? booleanWords(options.language) : undefined;
  return text.replace(placeholder, (raw, path: string) => {
    if (!path.trim()) return raw;
    const value = valueAsText(lookupVariable(path, vars), booleans);
    return options.encode ? options.encode(value) : value;
  });
}

/** For URLs: each value is percent-encoded, so `+58 412…` or `a&b` cannot change the query. */
export function renderUrlTemplate(url: string, vars: TemplateVars): string {
  return renderTemplate(url, vars, { encode: encodeURIComponent });
}

/** For header values: line breaks and NULs are dropped, so a value cannot add headers. */
export function renderHeaderTemplate(value: string, vars: TemplateVars): string {
  return renderTemplate(value, vars, { encode: (v) => v.replace(/[\r\n\0]/g, '') });
}

/** A value as JSON: dates as ISO text, numbers that JSON cannot hold as null, functions as nothing. */
function asJson(value: unknown): unknown {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return '';
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return valueAsText(value);
  return value;
}

/**
 * Renders an HTTP body: every string inside, at any depth, and object keys. A string that is exactly one
 * placeholder keeps its value's JSON type (`"{{vars.total}}"` → 12, an object stays an object, null stays null);
 * a missing one becomes "". Anything else renders as text.
 */
export function renderJsonTemplate(value: unknown, vars: TemplateVars): unknown {
  if (typeof value === 'string') {
    const whole = wholePlaceholder.exec(value);
    if (whole && whole[1].trim()) return asJson(lookupVariable(whole[1], vars));
    return renderTemplate(value, vars);
  }
  if (Array.isArray(value)) return value.map((v) => renderJsonTemplate(v, vars));
  if (value !== null && typeof value === 'object') {
    // fromEntries defines properties, so a key rendered as "__proto__" stays a plain key.
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [renderTemplate(k, vars), renderJsonTemplate(v, vars)]));
  }
  return value;
}
