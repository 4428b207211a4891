import { AppError, ErrorCode } from '../../../platform/http/errors.js';
import type { TemplateComponent } from '../channel.js';

type Json = Record<string, any>;

const PLACEHOLDER = /\{\{\s*(\d+)\s*\}\}/g;
const ANY_PLACEHOLDER = /\{\{[^}]*\}\}/;

const componentOf = (components: unknown[], type: string) =>
  components.find((c): c is Json => !!c && typeof c === 'object' && String((c as Json).type).toUpperCase() === type);

/** The body text of a template as the provider defines it ("Hola {{1}}, tu pedido {{2}}…"). */
export function templateBody(components: unknown[]): string {
  return String(componentOf(components, 'BODY')?.text ?? '');
}

/** How many variables the body takes ({{1}} … {{n}}). */
export function templateVariableCount(components: unknown[]): number {
  return Math.max(0, ...[...templateBody(components).matchAll(PLACEHOLDER)].map((m) => Number(m[1])));
}

/**
 * Why a template cannot be sent with body variables alone (null when it can): a header with media or a
 * variable, a button with a variable (URL suffix, coupon code), or named variables need parameters an agent's
 * reply does not carry yet.
 */
export function unsupportedTemplateReason(components: unknown[]): string | null {
  const header = componentOf(components, 'HEADER');
  if (header && String(header.format ?? 'TEXT').toUpperCase() !== 'TEXT') return `its header is ${String(header.format).toLowerCase()} media`;
  if (header && ANY_PLACEHOLDER.test(String(header.text ?? ''))) return 'its header has a variable';
  const body = templateBody(components);
  if (ANY_PLACEHOLDER.test(body.replace(PLACEHOLDER, ''))) return 'it uses named variables';
  const buttons = componentOf(components, 'BUTTONS')?.buttons;
  if (Array.isArray(buttons) && buttons.some((b: Json) => ANY_PLACEHOLDER.test(String(b?.url ?? '')) || ['COPY_CODE', 'OTP', 'FLOW', 'CATALOG', 'MPM'].includes(String(b?.type)))) return 'a button needs a parameter';
  return null;
}

const invalid = (field: string, message: string) => new AppError(ErrorCode.Validation, 400, `Invalid ${field}: ${message}`, [{ field, message }]);

/**
 * A template reply: the body text with the variables filled in (what the timeline shows) and the components
 * the provider is sent. Variables follow WhatsApp's rules: one per placeholder, not empty, no new lines or tabs,
 * no more than four spaces in a row.
 */
export function templateMessage(components: unknown[], variables: string[]): { text: string; components: TemplateComponent[] } {
  const unsupported = unsupportedTemplateReason(components);
  if (unsupported) throw invalid('template.name', `this template cannot be sent from the inbox yet: ${unsupported}`);
  const count = templateVariableCount(components);
  if (variables.length !== count) throw invalid('template.variables', `the template takes ${count} variable${count === 1 ? '' : 's'}, got ${variables.length}`);
  variables.forEach((v, i) => {
    if (!v.trim()) throw invalid(`template.variables.${i}`, 'must not be empty');
    if (/[\n\t]| {5,}/.test(v)) throw invalid(`template.variables.${i}`, 'must not contain new lines, tabs or more than four spaces in a row');
  });
  const text = templateBody(components).replace(PLACEHOLDER, (_, n) => variables[Number(n) - 1]);
  return { text, components: count ? [{ type: 'body', parameters: variables.map((v) => ({ type: 'text', text: v })) }] : [] };
}
