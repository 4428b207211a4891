import { ChannelSendError, type ChannelRecord, type ProviderTemplate, type SendOptions, type TemplateComponent } from '../channel.js';
import { twilioCall, twilioContentBase } from './twilio-api.js';

type Json = Record<string, any>;

const PAGE_SIZE = 100;
/** An account has at most a few thousand contents; this bounds a misbehaving next_page_url. */
const MAX_PAGES = 50;
const PLACEHOLDER = /\{\{\s*[^}]*\}\}/;

/**
 * Every Content template of the account with its WhatsApp approval: `GET /v1/ContentAndApprovals` page after
 * page. (`/v1/Content` lists the same contents without their approval, which would take one more call each.)
 * Twilio's `next_page_url` names content.twilio.com: its path and query are followed on the configured host.
 */
export async function listTwilioContentTemplates(channel: ChannelRecord, opts: SendOptions): Promise<ProviderTemplate[]> {
  const base = twilioContentBase(opts);
  const templates: ProviderTemplate[] = [];
  let next: string | null = `/v1/ContentAndApprovals?PageSize=${PAGE_SIZE}`;
  for (let page = 0; next && page < MAX_PAGES; page++) {
    const body = await twilioCall(channel, opts, `${base}${next}`);
    for (const content of Array.isArray(body.contents) ? body.contents : []) {
      const template = providerTemplate(content);
      if (template) templates.push(template);
    }
    next = pathOf(body.meta?.next_page_url);
  }
  return templates;
}

function pathOf(url: unknown): string | null {
  if (typeof url !== 'string' || !url) return null;
  try {
    const parsed = new URL(url, 'https://content.twilio.com');
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return null;
  }
}

/**
 * The WhatsApp approval of a content. Twilio documents `approval_requests` as the WhatsApp request itself
 * (`{"name","category","status":"approved",…}`); the per-content fetch wraps it in `whatsapp`: both are read.
 */
function approvalOf(content: Json): Json | null {
  const requests = content.approval_requests;
  const candidates = Array.isArray(requests) ? requests : [requests?.whatsapp ?? requests];
  return candidates.find((r: unknown): r is Json => !!r && typeof r === 'object' && typeof (r as Json).status === 'string') ?? null;
}

function providerTemplate(content: Json): ProviderTemplate | null {
  if (typeof content?.sid !== 'string' || typeof content.friendly_name !== 'string' || !content.friendly_name || typeof content.language !== 'string' || !content.language) return null;
  const approval = approvalOf(content);
  return {
    externalId: content.sid,
    name: content.friendly_name,
    language: content.language,
    ...(approval?.category ? { category: String(approval.category).toUpperCase() } : {}),
    // Contents never submitted to WhatsApp can be sent only inside the 24-hour window, like free text.
    status: approval ? String(approval.status).toUpperCase() : 'UNSUBMITTED',
    components: contentComponents(content.types),
  };
}

/**
 * A content's types (`twilio/text`, `twilio/media`, `twilio/quick-reply`, `twilio/call-to-action`, `twilio/card`…)
 * as the components the inbox reads for every provider: the body with its {{1}} … {{n}} (a card's title and
 * subtitle, a location's label), its buttons, and what an agent's reply cannot fill in, so the template shows
 * as not sendable from the inbox and why: only body variables are collected, so a variable in a media URL, a
 * card or a button cannot be; WhatsApp's authentication templates need the code as a parameter.
 */
export function contentComponents(types: unknown): Json[] {
  const entries = types && typeof types === 'object' ? Object.entries(types as Json) : [];
  // A content may carry a plain-text fallback (twilio/text) beside its rich type: the rich one is what WhatsApp gets.
  const [kind, t = {}] = (entries.find(([k]) => k !== 'twilio/text') ?? entries[0] ?? ['twilio/text', {}]) as [string, Json];
  const bodyKeys = typeof t.body === 'string' ? ['body'] : ['title', 'subtitle'].filter((k) => typeof t[k] === 'string' && t[k]);
  const body = bodyKeys.length ? bodyKeys.map((k) => String(t[k])).join('\n') : String(t.label ?? '');
  const components: Json[] = [{ type: 'BODY', text: body }];
  const rest = Object.fromEntries(Object.entries(t).filter(([k]) => !bodyKeys.includes(k) && k !== 'actions'));
  const elsewhere = JSON.stringify(rest).match(PLACEHOLDER);
  if (elsewhere) components.push({ type: 'HEADER', format: 'TEXT', text: elsewhere[0] });
  const buttons = (Array.isArray(t.actions) ? (t.actions as Json[]) : []).map(button);
  if (kind === 'whatsapp/authentication') buttons.push({ type: 'OTP', text: 'code' });
  if (buttons.length) components.push({ type: 'BUTTONS', buttons });
  return components;
}

/** A Twilio action as a WhatsApp button; one with a variable (a URL suffix, a code) needs a parameter. */
function button(a: Json): Json {
  const text = String(a?.title ?? '');
  const variable = Object.values(a ?? {}).find((v): v is string => typeof v === 'string' && PLACEHOLDER.test(v));
  if (variable) return { type: 'URL', text, url: variable };
  const type = String(a?.type ?? '').toUpperCase();
  if (type === 'URL') return { type: 'URL', text, url: String(a.url ?? '') };
  if (type === 'PHONE_NUMBER' || type === 'PHONE') return { type: 'PHONE_NUMBER', text, phone_number: String(a.phone ?? '') };
  return { type: 'QUICK_REPLY', text };
}

/**
 * `ContentVariables` of a template send: the body's values as Twilio wants them, a JSON object keyed by the
 * placeholder's number (`{"1":"Ana","2":"4417"}`).
 */
export function contentVariables(components: TemplateComponent[]): string {
  const body = components.find((c) => c.type === 'body');
  return JSON.stringify(Object.fromEntries((body?.parameters ?? []).map((p, i) => [String(i + 1), p.text])));
}

/** The Content SID a template reply names (synchronised into channel_templates.external_id). */
export function contentSidOf(externalId: string | undefined, name: string): string {
  if (!externalId || !/^HX[0-9a-fA-F]{32}$/.test(externalId)) {
    throw new ChannelSendError('permanent', `The template "${name}" has no Twilio Content SID: synchronise the channel's templates and send it again`);
  }
  return externalId;
}
