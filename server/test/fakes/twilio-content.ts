/**
 * The Content API part of the Twilio fake (content.twilio.com): the account's Content templates with their
 * WhatsApp approval, listed page by page (`GET /v1/Content`, `GET /v1/ContentAndApprovals`, each page's
 * `meta.next_page_url` naming content.twilio.com as Twilio's does), one content's approval
 * (`GET /v1/Content/{HX…}/ApprovalRequests`), and what a send with `ContentSid` + `ContentVariables` becomes.
 */
import crypto from 'node:crypto';

export interface FakeContent {
  sid: string;
  friendlyName: string;
  language: string;
  /** The content types as Twilio returns them (`{"twilio/text":{"body":"Hola {{1}}"}}`). */
  types: Record<string, Record<string, unknown>>;
  /** Sample values of the variables (Twilio's `variables`). */
  variables: Record<string, string>;
  /** WhatsApp approval: approved, pending, rejected, paused, disabled, unsubmitted (no request at all). */
  status: string;
  category?: string;
}

export type ContentInput = Omit<FakeContent, 'sid' | 'types' | 'variables' | 'status'> & {
  sid?: string;
  body?: string;
  types?: FakeContent['types'];
  variables?: Record<string, string>;
  status?: string;
};

/** Twilio's error for a send the fake refuses: HTTP status, code, message. */
export interface ContentRefusal {
  status: number;
  code: number;
  message: string;
}

const PUBLIC_HOST = 'https://content.twilio.com';
const PLACEHOLDER = /\{\{\s*(\d+)\s*\}\}/g;

/** A few templates an inbox in Spanish would have: two approved, one with buttons, one rejected, one not sendable from the inbox. */
export function sampleContents(): ContentInput[] {
  return [
    { friendlyName: 'order_update', language: 'es', category: 'UTILITY', body: 'Hola {{1}}, tu pedido {{2}} está en camino.', variables: { 1: 'Ana', 2: '4417' } },
    { friendlyName: 'reengage', language: 'es', category: 'MARKETING', body: '¿Seguimos con tu consulta? Responde a este mensaje y te atendemos.' },
    {
      friendlyName: 'cita_confirmar', language: 'es', category: 'UTILITY',
      types: { 'twilio/quick-reply': { body: 'Su cita es el {{1}}. ¿La confirma?', actions: [{ title: 'Sí', id: 'yes' }, { title: 'No', id: 'no' }] } },
    },
    {
      friendlyName: 'seguimiento', language: 'es', category: 'UTILITY',
      types: { 'twilio/call-to-action': { body: 'Su envío {{1}} salió hoy.', actions: [{ type: 'URL', title: 'Seguir', url: 'https://envios.example/{{2}}' }] } },
    },
    { friendlyName: 'promo_old', language: 'es', category: 'MARKETING', body: '¡50% en todo!', status: 'rejected' },
  ];
}

export function contentStore(accountSid: string) {
  const contents: FakeContent[] = [];
  const sidFor = (c: ContentInput) => c.sid ?? `HX${crypto.createHash('sha256').update(`${c.friendlyName}/${c.language}`).digest('hex').slice(0, 32)}`;

  function set(list: ContentInput[]) {
    contents.splice(0, contents.length, ...list.map((c): FakeContent => ({
      sid: sidFor(c), friendlyName: c.friendlyName, language: c.language, category: c.category,
      types: c.types ?? { 'twilio/text': { body: c.body ?? '' } }, variables: c.variables ?? {}, status: c.status ?? 'approved',
    })));
    return contents.map((c) => c.sid);
  }

  const approval = (c: FakeContent) =>
    c.status === 'unsubmitted' ? null : { name: c.friendlyName, category: c.category ?? 'UTILITY', content_type: Object.keys(c.types)[0], status: c.status, rejection_reason: c.status === 'rejected' ? 'The template is promotional' : '', allow_category_change: true };
  const resource = (c: FakeContent, withApproval: boolean) => ({
    account_sid: accountSid, sid: c.sid, friendly_name: c.friendlyName, language: c.language, variables: c.variables, types: c.types,
    date_created: '2026-01-05T10:00:00Z', date_updated: '2026-01-05T10:00:00Z',
    ...(withApproval ? { approval_requests: approval(c) } : { url: `${PUBLIC_HOST}/v1/Content/${c.sid}`, links: { approval_fetch: `${PUBLIC_HOST}/v1/Content/${c.sid}/ApprovalRequests` } }),
  });

  /** The answer to a Content API GET, or null when the path is not one. */
  function answer(path: string, query: URLSearchParams): { status: number; body: unknown } | null {
    const list = /^\/v1\/(Content|ContentAndApprovals)$/.exec(path);
    if (list) {
      const size = Math.min(Math.max(Number(query.get('PageSize') ?? 50) || 50, 1), 1000);
      const page = Math.max(Number(query.get('Page') ?? 0) || 0, 0);
      const items = contents.slice(page * size, (page + 1) * size);
      const url = (p: number) => `${PUBLIC_HOST}/v1/${list[1]}?PageSize=${size}&Page=${p}${p ? `&PageToken=PT${crypto.createHash('sha1').update(String(p)).digest('hex').slice(0, 16)}` : ''}`;
      const more = (page + 1) * size < contents.length;
      return {
        status: 200,
        body: {
          contents: items.map((c) => resource(c, list[1] === 'ContentAndApprovals')),
          meta: { page, page_size: size, first_page_url: url(0), previous_page_url: page ? url(page - 1) : null, url: url(page), next_page_url: more ? url(page + 1) : null, key: 'contents' },
        },
      };
    }
    const one = /^\/v1\/Content\/(HX[0-9a-fA-F]{32})\/ApprovalRequests$/.exec(path);
    if (one) {
      const c = contents.find((x) => x.sid === one[1]);
      if (!c) return { status: 404, body: { code: 20404, message: 'The requested resource was not found', status: 404 } };
      return { status: 200, body: { sid: c.sid, account_sid: accountSid, whatsapp: approval(c) ?? {}, url: `${PUBLIC_HOST}/v1/Content/${c.sid}/ApprovalRequests` } };
    }
    return null;
  }

  /**
   * A send by ContentSid: the text the customer gets, or Twilio's refusal of the sid or the variables (every
   * {{n}} of the content needs a value, and WhatsApp refuses empty ones and new lines or tabs in them).
   */
  function render(contentSid: string, variablesJson: string | null): { text: string; approved: boolean } | ContentRefusal {
    const c = contents.find((x) => x.sid === contentSid);
    if (!c) return { status: 400, code: 21655, message: 'The ContentSid is Invalid' };
    let values: Record<string, unknown> = {};
    if (variablesJson) {
      try {
        values = JSON.parse(variablesJson);
      } catch {
        return { status: 400, code: 21656, message: 'The ContentVariables Parameter is invalid' };
      }
      if (!values || typeof values !== 'object' || Array.isArray(values) || Object.values(values).some((v) => typeof v !== 'string')) {
        return { status: 400, code: 21656, message: 'The ContentVariables Parameter is invalid' };
      }
    }
    const rich = Object.entries(c.types).find(([k]) => k !== 'twilio/text') ?? Object.entries(c.types)[0];
    const type = (rich?.[1] ?? {}) as Record<string, unknown>;
    const wanted = new Set([...JSON.stringify(type).matchAll(PLACEHOLDER)].map((m) => m[1]));
    for (const n of wanted) {
      const v = values[n];
      if (typeof v !== 'string' || !v.trim() || /[\n\t]/.test(v)) return { status: 400, code: 21656, message: `The ContentVariables Parameter is invalid: variable {{${n}}} needs a value without new lines or tabs` };
    }
    const text = String(type.body ?? [type.title, type.subtitle].filter(Boolean).join('\n')).replace(PLACEHOLDER, (_, n) => String(values[n]));
    return { text, approved: c.status === 'approved' };
  }

  return { contents, set, answer, render };
}
