/**
 * A local OpenAI-compatible chat completions API: POST {base}/v1/chat/completions with `Authorization: Bearer <key>`,
 * answering chat.completion objects, and OpenAI's error envelope {error: {message, type, param, code}} for a wrong
 * key (401), an unknown model (404), bad input (400, including json_object mode without "json" in the messages) and
 * rate limits (429 with Retry-After). The assistant's content is a function of the request's messages.
 *
 * Standalone: `npx tsx test/fakes/openai-compatible.ts [port]` (key from OPENAI_FAKE_KEY).
 */
import crypto from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { bearerOf, startHttpFake, type FakeAnswer } from './http-fake.js';

export interface ChatMessage {
  role: string;
  content: string;
}

/** The assistant's content, or a refusal / a cut answer, as the API can return them. */
export type ChatReply = string | { content?: string | null; refusal?: string; finishReason?: 'stop' | 'length' | 'content_filter' };

export interface ChatRequest {
  authorized: boolean;
  body: any;
}

const openAiError = (status: number, message: string, type: string, code: string | null, headers?: Record<string, string>): FakeAnswer => ({ status, headers, body: { error: { message, type, param: null, code } } });

/** The key as OpenAI echoes it in its invalid-key message: first and last characters, the middle masked. */
const maskKey = (key: string) => (key.length > 8 ? `${key.slice(0, 3)}${'*'.repeat(key.length - 7)}${key.slice(-4)}` : '***');

export async function startOpenAiFake(opts: { apiKey: string; models?: string[]; port?: number; reply?: (messages: ChatMessage[]) => ChatReply }) {
  const requests: ChatRequest[] = [];
  const plan: FakeAnswer[] = [];
  let reply = opts.reply ?? demoReply;

  const completion = (model: string, messages: ChatMessage[]) => {
    const r = reply(messages);
    const { content = null, refusal = null, finishReason = 'stop' } = typeof r === 'string' ? { content: r } : r;
    const promptTokens = Math.ceil(messages.reduce((n, m) => n + m.content.length, 0) / 4);
    const completionTokens = Math.ceil((content ?? '').length / 4);
    return {
      id: `chatcmpl-${crypto.randomBytes(12).toString('base64url')}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [{ index: 0, message: { role: 'assistant', content, refusal }, logprobs: null, finish_reason: finishReason }],
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
      system_fingerprint: 'fp_fake',
    };
  };

  const fake = await startHttpFake(({ method, path, headers, json }) => {
    if (method !== 'POST' || path !== '/v1/chat/completions') return openAiError(404, `Invalid URL (${method} ${path})`, 'invalid_request_error', null);
    const given = bearerOf(headers);
    const authorized = given === opts.apiKey;
    requests.push({ authorized, body: json });
    if (!authorized) {
      return given
        ? openAiError(401, `Incorrect API key provided: ${maskKey(given)}. You can find your API key at https://platform.openai.com/account/api-keys.`, 'invalid_request_error', 'invalid_api_key')
        : openAiError(401, "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", 'invalid_request_error', null);
    }
    const injected = plan.shift();
    if (injected) return injected;
    const body = json as { model?: unknown; messages?: unknown; response_format?: { type?: string } } | undefined;
    if (!body || typeof body.model !== 'string') return openAiError(400, 'you must provide a model parameter', 'invalid_request_error', null);
    if (opts.models && !opts.models.includes(body.model)) return openAiError(404, `The model \`${body.model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found');
    const messages = body.messages;
    if (!Array.isArray(messages) || !messages.length || !messages.every((m) => typeof m?.role === 'string' && typeof m?.content === 'string')) {
      return openAiError(400, "Invalid value for 'messages': expected a non-empty array of {role, content}.", 'invalid_request_error', 'invalid_value');
    }
    if (body.response_format?.type === 'json_object' && !messages.some((m) => /json/i.test(m.content))) {
      return openAiError(400, "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.", 'invalid_request_error', null);
    }
    return { status: 200, body: completion(body.model, messages) };
  }, opts.port);

  return {
    url: `${fake.base}/v1`,
    requests,
    setReply: (fn: (messages: ChatMessage[]) => ChatReply) => void (reply = fn),
    /** The next authorised calls answer these (an error, a raw malformed body, 'hang'). */
    failNext: (...answers: FakeAnswer[]) => void plan.push(...answers),
    rateLimitNext: () => void plan.push(openAiError(429, 'Rate limit reached for requests. Please try again in 20s.', 'requests', 'rate_limit_exceeded', { 'retry-after': '20' })),
    openAiError,
    close: fake.close,
  };
}

export type OpenAiFake = Awaited<ReturnType<typeof startOpenAiFake>>;

/** For trying the product by hand: asking for a person hands off; anything else gets a short generic answer. */
function demoReply(messages: ChatMessage[]): string {
  const last = messages[messages.length - 1]?.content ?? '';
  if (/agente|asesor|persona|humano|agent|human/i.test(last)) return JSON.stringify({ answer: 'Te comunico con un asesor.', confident: true, handoff: true });
  return JSON.stringify({ answer: '¡Gracias por escribirnos! ¿En qué más te puedo ayudar?', confident: true, handoff: false });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const fake = await startOpenAiFake({ apiKey: process.env.OPENAI_FAKE_KEY ?? 'sk-fake-openai-key-for-local-testing', port: Number(process.argv[2] ?? 8093) });
  console.log(`OpenAI-compatible fake on ${fake.url}`);
}
