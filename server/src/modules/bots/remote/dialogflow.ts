import { BotUnavailableError, type BotButton, type BotDecision, type BotReply, type BotTurn, type RemoteCallOptions } from '../bot-engine.js';
import { isRecord, postJson, safeMessage } from './remote-http.js';

export interface DialogflowSettings {
  /** https://dialogflow.googleapis.com, or a regional endpoint such as https://europe-west1-dialogflow.googleapis.com */
  baseUrl: string;
  projectId: string;
  /** An OAuth 2 access token of a service account allowed to detect intents. */
  accessToken: string;
  /** One of the agent's languages ('es', 'en', …); the customer's language is not used, the agent may not have it. */
  languageCode: string;
  /** The intent parameter that, when set, hands the conversation to people (e.g. "handoff"). */
  handoffParameter: string;
}

/** Dialogflow refuses longer query texts with 400 INVALID_ARGUMENT. */
export const DIALOGFLOW_MAX_TEXT = 256;

/**
 * A button tap is sent as text input carrying the tap's payload: that is how Dialogflow's own integrations send a
 * quick reply (its text) or a card button (its postback), so the agent's training phrases match it. An event input
 * would only match intents that declare that event name, which agents built for chat rarely do.
 */
export function detectIntentRequest(settings: DialogflowSettings, turn: BotTurn): { url: string; body: string } {
  const session = `atiende-${turn.conversationId}`;
  const url = `${settings.baseUrl.replace(/\/+$/, '')}/v2/projects/${encodeURIComponent(settings.projectId)}/agent/sessions/${session}:detectIntent`;
  const text = Array.from(turn.payload ?? turn.text).slice(0, DIALOGFLOW_MAX_TEXT).join('');
  return { url, body: JSON.stringify({ queryInput: { text: { text, languageCode: settings.languageCode } } }) };
}

export async function askDialogflow(settings: DialogflowSettings, turn: BotTurn, opts: RemoteCallOptions): Promise<BotDecision> {
  const { url, body } = detectIntentRequest(settings, turn);
  const res = await postJson('Dialogflow', url, body, { authorization: `Bearer ${settings.accessToken}` }, opts);
  if (!res.ok) throw dialogflowError(res.status, res.json, settings.accessToken);
  if (res.json === undefined) throw new BotUnavailableError('Dialogflow answered with a body that is not JSON', res.status);
  return dialogflowDecision(res.json, settings.handoffParameter);
}

/** Google's error envelope: {error: {code, message, status}}. */
function dialogflowError(status: number, json: unknown, token: string): BotUnavailableError {
  const error = isRecord(json) && isRecord(json.error) ? json.error : null;
  if (!error) return new BotUnavailableError(`Dialogflow answered ${status}`, status);
  const name = typeof error.status === 'string' ? ` ${error.status}` : '';
  const message = typeof error.message === 'string' ? `: ${safeMessage(error.message, [token])}` : '';
  return new BotUnavailableError(`Dialogflow answered ${status}${name}${message}`, status);
}

const YES = new Set(['true', 'yes', 'sí', 'si', '1']);

/** true, "true", "yes", "sí" (any case); a Dialogflow parameter is often a string entity value. */
export const isYes = (value: unknown) => value === true || value === 1 || (typeof value === 'string' && YES.has(value.trim().toLowerCase()));

/** Maps a DetectIntentResponse to a decision. */
export function dialogflowDecision(response: unknown, handoffParameter: string): BotDecision {
  const result = isRecord(response) && isRecord(response.queryResult) ? response.queryResult : null;
  if (!result) throw new BotUnavailableError("Dialogflow's answer has no queryResult");
  const { replies, handoff: payloadHandoff } = repliesOf(result);
  const intent = isRecord(result.intent) ? result.intent : null;
  const parameters = isRecord(result.parameters) ? result.parameters : {};
  const handoff = payloadHandoff || (handoffParameter !== '' && isYes(parameters[handoffParameter]));
  const confidence = typeof result.intentDetectionConfidence === 'number' ? result.intentDetectionConfidence : 0;
  return {
    replies,
    outcome: handoff ? 'handoff' : !intent || intent.isFallback === true ? 'fallback' : 'answered',
    intent: intent && typeof intent.displayName === 'string' ? { name: intent.displayName, confidence } : null,
    ...(handoff ? { handoff: { reason: 'bot' as const } } : {}),
  };
}

/**
 * The agent's messages for any platform ("PLATFORM_UNSPECIFIED", the default tab of the console); when the intent
 * only has messages for other platforms (Facebook, Telegram…), those. `fulfillmentText` is the legacy field, used
 * when no message gives text.
 */
function repliesOf(result: Record<string, any>): { replies: BotReply[]; handoff: boolean } {
  const all = Array.isArray(result.fulfillmentMessages) ? result.fulfillmentMessages.filter(isRecord) : [];
  const generic = all.filter((m) => !m.platform || m.platform === 'PLATFORM_UNSPECIFIED');
  const replies: BotReply[] = [];
  let handoff = false;
  for (const message of generic.length ? generic : all) {
    if (isRecord(message.payload) && isYes(message.payload.handoff)) handoff = true;
    const reply = replyOf(message);
    if (!reply) continue;
    const last = replies[replies.length - 1];
    // Quick replies without a title belong to the text before them, as the console shows them.
    if (!reply.text && reply.buttons && last && !last.buttons && !last.mediaUrl) Object.assign(last, { buttons: reply.buttons, ...(reply.menu ? { menu: true } : {}) });
    else if (reply.text || reply.mediaUrl) replies.push(reply);
  }
  if (!replies.length && typeof result.fulfillmentText === 'string' && result.fulfillmentText.trim()) replies.push({ text: result.fulfillmentText.trim() });
  return { replies, handoff };
}

function replyOf(message: Record<string, any>): BotReply | null {
  if (isRecord(message.text)) {
    const texts = (Array.isArray(message.text.text) ? message.text.text : []).filter((t: unknown): t is string => typeof t === 'string' && t.trim() !== '');
    return texts.length ? { text: texts.join('\n') } : null;
  }
  if (isRecord(message.quickReplies)) {
    const titles = (Array.isArray(message.quickReplies.quickReplies) ? message.quickReplies.quickReplies : []).filter((t: unknown): t is string => typeof t === 'string' && t.trim() !== '');
    return withButtons(String(message.quickReplies.title ?? '').trim(), titles.map((t: string) => ({ id: t, title: t })));
  }
  if (isRecord(message.card)) {
    const { title, subtitle, imageUri, buttons } = message.card;
    const text = [title, subtitle].filter((t) => typeof t === 'string' && t.trim()).join('\n');
    const cardButtons = (Array.isArray(buttons) ? buttons.filter(isRecord) : [])
      .filter((b) => typeof b.text === 'string' && b.text.trim())
      .map((b) => ({ id: typeof b.postback === 'string' && b.postback ? b.postback : b.text, title: b.text }));
    return { ...withButtons(text, cardButtons), ...(typeof imageUri === 'string' && imageUri ? { mediaUrl: imageUri } : {}) };
  }
  if (isRecord(message.image) && typeof message.image.imageUri === 'string') {
    return { text: typeof message.image.accessibilityText === 'string' ? message.image.accessibilityText : '', mediaUrl: message.image.imageUri };
  }
  return null;
}

/** Up to 3 become buttons; more become a menu (channels show a list). */
function withButtons(text: string, buttons: BotButton[]): BotReply {
  if (!buttons.length) return { text };
  return { text, buttons, ...(buttons.length > 3 ? { menu: true } : {}) };
}
