import { renderHeaderTemplate, renderJsonTemplate, renderTemplate, renderUrlTemplate } from '../../definition/render-template.js';
import type { StepOf } from '../../definition/workflow-definition.js';
import type { StepContext, StepExecutor, StepResult } from '../engine-types.js';
import { fetchTarget, readBody, RefusedTarget } from './http-target.js';

type HttpStep = StepOf<'http_request'>;

/** The most of a response read (saved values come from it); the run log keeps a much shorter excerpt. */
const MAX_RESPONSE_BYTES = 1_048_576;
const EXCERPT_CHARS = 300;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** One value of the JSON response by a dotted path (`data.id`, `items.0.name`); undefined when missing. */
export function readPath(json: unknown, path: string): unknown {
  return path.split('.').filter(Boolean).reduce<unknown>((value, key) => {
    if (Array.isArray(value)) return /^\d+$/.test(key) ? value[Number(key)] : undefined;
    return value !== null && typeof value === 'object' && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  }, json);
}

function requestOf(sc: StepContext, step: HttpStep): { url: string; init: RequestInit } {
  const headers = new Headers();
  for (const h of step.headers) {
    if (!TOKEN.test(h.name)) continue;
    const value = renderHeaderTemplate(h.value, sc.values).replace(/[\r\n\0]/g, '');
    try {
      headers.set(h.name, value);
    } catch {
      // The message would quote the value, which may be a secret.
      throw new Error(`The header ${h.name} has a value HTTP does not allow`);
    }
  }
  let body: string | undefined;
  if (step.body !== null && step.method !== 'GET') {
    if (typeof step.body === 'string') body = renderTemplate(step.body, sc.values);
    else {
      body = JSON.stringify(renderJsonTemplate(step.body, sc.values));
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    }
  }
  return { url: renderUrlTemplate(step.url, sc.values), init: { method: step.method, headers, body, signal: AbortSignal.timeout(step.timeoutMs) } };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Calls another system (a CRM, an ERP): the URL, headers and body may hold variables. A 2xx answer saves the values
 * the step names into run variables; a network error, a time-out, a refused address or any other status runs
 * `onFailure`, with the status and the start of the answer in the run log (never the request's headers).
 */
export const httpRequestStep: StepExecutor<'http_request'> = {
  async run(sc, step): Promise<StepResult> {
    const started = Date.now();
    let res: Response;
    try {
      const { url, init } = requestOf(sc, step);
      res = await fetchTarget(url, init, { allowPrivate: sc.ctx.config.WORKFLOW_HTTP_ALLOW_PRIVATE, maxRedirects: 0 });
    } catch (err) {
      return { kind: 'branch', path: 'onFailure', detail: { error: failureText(err, step) } };
    }
    let text: string;
    try {
      text = await readBody(res, MAX_RESPONSE_BYTES);
    } catch (err) {
      return { kind: 'branch', path: 'onFailure', detail: { status: res.status, error: failureText(err, step) } };
    }
    const ms = Date.now() - started;
    if (res.status < 200 || res.status >= 300) {
      return { kind: 'branch', path: 'onFailure', detail: { status: res.status, body: text.slice(0, EXCERPT_CHARS), ms } };
    }
    const json = parseJson(text);
    const vars: Record<string, unknown> = {};
    const missing: string[] = [];
    for (const { path, variable } of step.saveResponse) {
      const value = readPath(json, path);
      if (value === undefined) missing.push(path);
      else vars[variable] = value;
    }
    return { kind: 'next', vars, detail: { status: res.status, ms, ...(missing.length ? { missing } : {}) } };
  },
};

function failureText(err: unknown, step: HttpStep): string {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `Timed out after ${step.timeoutMs} ms`;
  if (err instanceof RefusedTarget) return e.message;
  if (e?.name === 'TypeError' && e.cause) return `Request failed: ${e.cause.code ?? e.cause.message ?? e.message}`;
  return `Request failed: ${e?.message ?? String(err)}`;
}
