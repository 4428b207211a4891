/**
 * A local Dialogflow ES agent: POST /v2/projects/{project}/agent/sessions/{session}:detectIntent with a bearer access
 * token, answering DetectIntentResponse objects (queryResult with fulfillmentText, fulfillmentMessages, parameters,
 * intent, intentDetectionConfidence) and Google's error envelope {error: {code, message, status}}.
 * Replies are programmed per query text; an unknown text gets the Default Fallback Intent. Like Google's JSON, false
 * booleans (intent.isFallback) are omitted.
 *
 * Standalone: `npx tsx test/fakes/dialogflow.ts [port]` (a small Spanish demo agent).
 */
import crypto from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { bearerOf, startHttpFake, type FakeAnswer } from './http-fake.js';

/** One intent's answer, expanded by the fake into a full queryResult. */
export interface DialogflowReply {
  intent: string;
  confidence?: number;
  isFallback?: boolean;
  /** Intent.Message objects as Dialogflow returns them ({text: {text: [...]}}, {quickReplies: …}, {payload: …}, …). */
  messages?: Record<string, unknown>[];
  /** Defaults to the messages' first text. */
  fulfillmentText?: string;
  parameters?: Record<string, unknown>;
}

export interface DialogflowRequest {
  project: string;
  session: string;
  authorized: boolean;
  body: any;
}

const googleError = (code: number, status: string, message: string): FakeAnswer => ({ status: code, body: { error: { code, message, status } } });
const UNAUTHENTICATED = googleError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.');

export const text = (...texts: string[]) => ({ text: { text: texts } });
export const quickReplies = (title: string, replies: string[]) => ({ quickReplies: { title, quickReplies: replies } });

export async function startDialogflowFake(opts: { projectId: string; accessToken: string; port?: number }) {
  const requests: DialogflowRequest[] = [];
  const replies: Array<{ match: string | RegExp; reply: DialogflowReply }> = [];
  const plan: FakeAnswer[] = [];
  const fallback: DialogflowReply = { intent: 'Default Fallback Intent', isFallback: true, confidence: 1, messages: [text('Lo siento, no entendí. ¿Puedes repetirlo?')] };

  const queryResult = (queryText: string, languageCode: string, r: DialogflowReply) => {
    const firstText = r.messages?.map((m) => (m.text as { text?: string[] } | undefined)?.text?.[0]).find(Boolean) ?? '';
    return {
      queryText,
      parameters: r.parameters ?? {},
      allRequiredParamsPresent: true,
      fulfillmentText: r.fulfillmentText ?? firstText,
      fulfillmentMessages: r.messages ?? [],
      intent: {
        name: `projects/${opts.projectId}/agent/intents/${crypto.createHash('sha1').update(r.intent).digest('hex').slice(0, 8)}-0000-4000-8000-000000000000`,
        displayName: r.intent,
        ...(r.isFallback ? { isFallback: true } : {}),
      },
      intentDetectionConfidence: r.confidence ?? 1,
      languageCode,
    };
  };

  const fake = await startHttpFake(({ method, path, headers, json }) => {
    const m = /^\/v2\/projects\/([^/]+)\/agent\/sessions\/([^/:]+):detectIntent$/.exec(path);
    if (method !== 'POST' || !m) return googleError(404, 'NOT_FOUND', 'Requested entity was not found.');
    const [project, session] = [decodeURIComponent(m[1]), decodeURIComponent(m[2])];
    const authorized = bearerOf(headers) === opts.accessToken;
    requests.push({ project, session, authorized, body: json });
    if (!authorized) return UNAUTHENTICATED;
    if (project !== opts.projectId) return googleError(403, 'PERMISSION_DENIED', `IAM permission 'dialogflow.sessions.detectIntent' on 'projects/${project}/agent' denied.`);
    const injected = plan.shift();
    if (injected) return injected;
    if (session.length > 36) return googleError(400, 'INVALID_ARGUMENT', 'Session ID must not exceed 36 characters.');
    const input = (json as any)?.queryInput?.text;
    if (typeof input?.text !== 'string' || !input.text) return googleError(400, 'INVALID_ARGUMENT', 'Input text not set.');
    if (Array.from(input.text).length > 256) return googleError(400, 'INVALID_ARGUMENT', 'Input text exceeds 256 characters.');
    if (typeof input.languageCode !== 'string' || !input.languageCode) return googleError(400, 'INVALID_ARGUMENT', 'Invalid language code: ""');
    const found = replies.find(({ match }) => (typeof match === 'string' ? match.toLowerCase() === input.text.toLowerCase() : match.test(input.text)));
    return { status: 200, body: { responseId: crypto.randomUUID(), queryResult: queryResult(input.text, input.languageCode, found?.reply ?? fallback) } };
  }, opts.port);

  return {
    base: fake.base,
    requests,
    /** Answers this reply when the query text equals `match` (any case) or matches the pattern; first rule wins. */
    on: (match: string | RegExp, reply: DialogflowReply) => void replies.push({ match, reply }),
    /** The next authorised calls answer these (a Google error, a raw malformed body, 'hang'). */
    failNext: (...answers: FakeAnswer[]) => void plan.push(...answers),
    googleError,
    close: fake.close,
  };
}

export type DialogflowFake = Awaited<ReturnType<typeof startDialogflowFake>>;

/** A small Spanish agent for trying the product by hand. */
export function demoAgent(fake: DialogflowFake) {
  fake.on(/^(hola|buenas|buenos días|hi|hello)\b/i, { intent: 'Default Welcome Intent', messages: [text('¡Hola! Soy el asistente. ¿En qué te ayudo?'), quickReplies('', ['Horarios', 'Hablar con un agente'])] });
  fake.on(/horario/i, { intent: 'horarios', confidence: 0.92, messages: [text('Atendemos de lunes a viernes de 8:00 a 18:00.')] });
  fake.on(/agente|asesor|persona|humano/i, { intent: 'hablar_con_agente', messages: [text('Te comunico con un asesor.')], parameters: { handoff: 'true' } });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const fake = await startDialogflowFake({ projectId: 'atiende-demo', accessToken: process.env.DIALOGFLOW_FAKE_TOKEN ?? 'ya29.fake-dialogflow-token', port: Number(process.argv[2] ?? 8092) });
  demoAgent(fake);
  console.log(`Dialogflow ES fake on ${fake.base} (project atiende-demo)`);
}
