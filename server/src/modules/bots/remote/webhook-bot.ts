import { hmacHex } from '../../channels/signature.js';
import { BotUnavailableError, type RemoteCallOptions } from '../bot-engine.js';
import { postJson, safeMessage } from './remote-http.js';

export const WEBHOOK_BOT_SIGNATURE_HEADER = 'x-atiende-signature';
export const WEBHOOK_BOT_EVENT_ID_HEADER = 'x-atiende-event-id';

/** A customer turn as an external bot receives it. It answers later through the API. */
export interface WebhookBotEvent {
  type: 'message';
  /** The same on every retry of one delivery (also in X-Atiende-Event-Id), so the bot can drop duplicates. */
  id: string;
  workspaceId: number;
  conversationId: number;
  contact: { id: number; name: string | null; email: string | null; phone: string | null };
  /** `payload` is the id of the tapped button or menu row, when the turn is a tap. */
  message: { id: number; text: string; payload?: string };
  /** True on the conversation's first customer message. */
  first: boolean;
  /** ISO 8601. */
  sentAt: string;
}

/** The JSON body, listing the fields explicitly so nothing else a caller's object carries leaks to the bot. */
export function webhookBotBody(event: WebhookBotEvent): string {
  const { id, workspaceId, conversationId, contact, message, first, sentAt } = event;
  return JSON.stringify({
    type: 'message',
    id,
    workspaceId,
    conversationId,
    contact: { id: contact.id, name: contact.name, email: contact.email, phone: contact.phone },
    message: { id: message.id, text: message.text, ...(message.payload !== undefined ? { payload: message.payload } : {}) },
    first,
    sentAt,
  });
}

/** Delivers the turn, signed with the bot's secret; any answer but 2xx is a BotUnavailableError carrying the status. */
export async function deliverToWebhookBot(settings: { url: string; secret: string }, event: WebhookBotEvent, opts: RemoteCallOptions): Promise<void> {
  const body = webhookBotBody(event);
  const service = `the webhook bot at ${hostOf(settings.url)}`;
  const res = await postJson(service, settings.url, body, {
    [WEBHOOK_BOT_SIGNATURE_HEADER]: `sha256=${hmacHex('sha256', settings.secret, body)}`,
    [WEBHOOK_BOT_EVENT_ID_HEADER]: event.id,
  }, opts);
  if (res.ok) return;
  const detail = res.text.trim() ? `: ${safeMessage(res.text.trim(), [settings.secret]).slice(0, 200)}` : '';
  throw new BotUnavailableError(`The webhook bot answered ${res.status}${detail}`, res.status);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'an invalid URL';
  }
}
