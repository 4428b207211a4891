import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAiFake, type ChatMessage, type OpenAiFake } from '../../../../test/fakes/openai-compatible.js';
import { BotUnavailableError } from '../bot-engine.js';
import { askLlm, chatCompletionRequest, EMPTY_ANSWER_NOTE, INVENTED_DATA_NOTE, llmDecision, parseCompletion, type LlmSettings } from './llm.js';
import { matrix, turn } from './__fixtures__/turn.js';

const KEY = 'sk-proj-fakeKeyForTests0123456789abcdefXYZW';
const json = (answer: string, confident = true, handoff = false) => JSON.stringify({ answer, confident, handoff });
const completion = (content: unknown, extra: Record<string, unknown> = {}) => ({ choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', ...extra }] });

const failure = async (p: Promise<unknown>) => {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(BotUnavailableError);
  expect((err as Error).message).not.toContain(KEY);
  return err as BotUnavailableError;
};

describe('LLM: request, parsing and decision', () => {
  const settings: LlmSettings = { baseUrl: 'https://api.openai.com/v1/', model: 'gpt-4o-mini', apiKey: KEY, instructions: 'Eres Eva, de la Universidad del Norte. Tutea al cliente.', matrix };

  it('asks for JSON at temperature 0, with the instructions and the matrix in the system prompt, then the history and the turn', () => {
    const t = turn({ history: [{ from: 'contact', text: 'Hola' }, { from: 'bot', text: '¡Hola! ¿En qué te ayudo?' }, { from: 'agent', text: '' }], language: 'en', text: 'How much is tuition?' });
    const { url, body } = chatCompletionRequest(settings, t);
    const sent = JSON.parse(body);
    expect(url).toBe('https://api.openai.com/v1/chat/completions');
    expect(sent).toMatchObject({ model: 'gpt-4o-mini', temperature: 0, response_format: { type: 'json_object' } });
    expect(sent.messages.slice(1)).toEqual([{ role: 'user', content: 'Hola' }, { role: 'assistant', content: '¡Hola! ¿En qué te ayudo?' }, { role: 'user', content: 'How much is tuition?' }]);
    const system: string = sent.messages[0].content;
    expect(sent.messages[0].role).toBe('system');
    for (const part of ['Eres Eva, de la Universidad del Norte', 'Intención: precios', '"La matrícula cuesta $1.250.000 por semestre; pagando de contado tienes 15% de descuento."', 'Intención: hablar con un agente (pasa a una persona)', 'Opciones: "Ver 3 sedes"', 'Nunca inventes precios', '"confident"', '"handoff"', 'JSON', 'Idioma del cliente: en']) {
      expect(system).toContain(part);
    }
  });

  it('parses the JSON content (also inside a Markdown fence) and refuses anything else', () => {
    expect(parseCompletion(completion(json(' Hola ')))).toEqual({ answer: 'Hola', confident: true, handoff: false });
    expect(parseCompletion(completion('```json\n{"answer":"Hola","confident":false,"handoff":true}\n```'))).toEqual({ answer: 'Hola', confident: false, handoff: true });
    expect(() => parseCompletion(undefined)).toThrow('not JSON');
    expect(() => parseCompletion({ choices: [] })).toThrow('has no choices');
    expect(() => parseCompletion({ object: 'chat.completion' })).toThrow('has no choices');
    expect(() => parseCompletion(completion('La matrícula cuesta...'))).toThrow('not the JSON it was asked for');
    expect(() => parseCompletion(completion('{"answer":"Hola","confident":"sí"}'))).toThrow('lacks');
    expect(() => parseCompletion(completion(null, { message: { role: 'assistant', content: null, refusal: 'I cannot help with that.' } }))).toThrow('refused');
    expect(() => parseCompletion(completion('{"answer":"La matr', { finish_reason: 'length' }))).toThrow('cut');
  });

  it('confident and grounded: answered; a figure from the matrix passes in another format', () => {
    expect(llmDecision({ answer: 'La matrícula cuesta $1,250,000 por semestre.', confident: true, handoff: false }, matrix)).toEqual({ outcome: 'answered', intent: null, replies: [{ text: 'La matrícula cuesta $1,250,000 por semestre.' }] });
  });

  it('a figure not in the matrix is never sent: hand-off unsure, with the note', () => {
    for (const answer of ['La matrícula cuesta $120 por mes.', 'Cuesta 1.250.000, pero hoy 30% menos.', 'Te devolvemos el dinero en 5 días.']) {
      expect(llmDecision({ answer, confident: true, handoff: false }, matrix)).toEqual({ outcome: 'handoff', intent: null, replies: [], handoff: { reason: 'unsure', note: INVENTED_DATA_NOTE } });
    }
  });

  it('unsure: no answer, hand-off unsure; empty but confident: the same, noted', () => {
    expect(llmDecision({ answer: 'Creo que sí hay becas.', confident: false, handoff: false }, matrix)).toEqual({ outcome: 'handoff', intent: null, replies: [], handoff: { reason: 'unsure' } });
    expect(llmDecision({ answer: '', confident: true, handoff: false }, matrix)).toEqual({ outcome: 'handoff', intent: null, replies: [], handoff: { reason: 'unsure', note: EMPTY_ANSWER_NOTE } });
  });

  it('asked for a person: the confident answer first, then hand-off requested; an unsure or invented one is dropped', () => {
    expect(llmDecision({ answer: 'Te comunico con un asesor.', confident: true, handoff: true }, matrix)).toEqual({ outcome: 'handoff', intent: null, replies: [{ text: 'Te comunico con un asesor.' }], handoff: { reason: 'requested' } });
    expect(llmDecision({ answer: 'Un asesor te atiende.', confident: false, handoff: true }, matrix)).toEqual({ outcome: 'handoff', intent: null, replies: [], handoff: { reason: 'requested' } });
    expect(llmDecision({ answer: 'Un asesor te llama en 10 minutos.', confident: true, handoff: true }, matrix)).toEqual({ outcome: 'handoff', intent: null, replies: [], handoff: { reason: 'requested', note: INVENTED_DATA_NOTE } });
  });
});

describe('LLM against a local OpenAI-compatible server', () => {
  let ai: OpenAiFake;
  const settings = (over: Partial<LlmSettings> = {}): LlmSettings => ({ baseUrl: ai.url, model: 'gpt-4o-mini', apiKey: KEY, instructions: 'Sé breve.', matrix, ...over });
  const ask = (over: Partial<LlmSettings> = {}, timeoutMs = 3000) => askLlm(settings(over), turn(), { timeoutMs });
  /** A model that answers from the matrix in its system prompt: the tuition answer copied, or an invented price. */
  const model = (invent: boolean) => (messages: ChatMessage[]) => {
    const price = /La matrícula cuesta (\$[\d.]+)/.exec(messages[0].content)?.[1];
    return json(invent ? 'La matrícula cuesta $990.000.' : `La matrícula cuesta ${price} por semestre.`);
  };

  beforeAll(async () => {
    ai = await startOpenAiFake({ apiKey: KEY, models: ['gpt-4o-mini'] });
  });
  afterAll(() => ai?.close());

  it('answers a grounded question and sends the bearer key; an invented price hands off', async () => {
    ai.setReply(model(false));
    expect(await ask()).toEqual({ outcome: 'answered', intent: null, replies: [{ text: 'La matrícula cuesta $1.250.000 por semestre.' }] });
    expect(ai.requests.at(-1)).toMatchObject({ authorized: true, body: { model: 'gpt-4o-mini', temperature: 0 } });
    ai.setReply(model(true));
    expect(await ask()).toMatchObject({ outcome: 'handoff', replies: [], handoff: { reason: 'unsure', note: INVENTED_DATA_NOTE } });
  });

  it("OpenAI's errors are unavailable with status, code and message, and the key never shows, even masked", async () => {
    const wrongKey = await failure(ask({ apiKey: 'sk-proj-wrongKey00000000000000000000abcd' }));
    expect(wrongKey.status).toBe(401);
    expect(wrongKey.message).toMatch(/^The LLM answered 401 \(invalid_api_key\): Incorrect API key provided: sk-\*\*\*\./);
    expect(wrongKey.message).not.toContain('abcd');
    const model = await failure(ask({ model: 'gpt-9' }));
    expect([model.status, model.message]).toEqual([404, 'The LLM answered 404 (model_not_found): The model `gpt-9` does not exist or you do not have access to it.']);
    ai.rateLimitNext();
    const limited = await failure(ask());
    expect([limited.status, limited.message]).toEqual([429, 'The LLM answered 429 (rate_limit_exceeded): Rate limit reached for requests. Please try again in 20s.']);
    ai.failNext(ai.openAiError(500, 'The server had an error while processing your request.', 'server_error', null), { status: 503, raw: 'upstream connect error' });
    expect(await failure(ask())).toMatchObject({ status: 500, message: 'The LLM answered 500 (server_error): The server had an error while processing your request.' });
    expect(await failure(ask())).toMatchObject({ status: 503, message: 'The LLM answered 503' });
  });

  it('malformed bodies and contents are unavailable', async () => {
    ai.failNext({ status: 200, raw: '{"choices": [' }, { status: 200, body: { id: 'chatcmpl-1', object: 'chat.completion', choices: [] } });
    expect((await failure(ask())).message).toBe('The LLM answered with a body that is not JSON');
    expect((await failure(ask())).message).toBe("The LLM's answer has no choices");
    ai.setReply(() => 'Claro, la matrícula cuesta 1.250.000.');
    expect((await failure(ask())).message).toBe("The LLM's answer is not the JSON it was asked for");
    ai.setReply(() => ({ content: '{"answer": "La matr', finishReason: 'length' }));
    expect((await failure(ask())).message).toBe("The LLM's answer was cut (finish_reason length)");
  });

  it('times out on a server that hangs, and cannot be reached when it is gone', async () => {
    ai.failNext('hang');
    const started = performance.now();
    expect((await failure(ask({}, 200))).message).toBe('The LLM did not answer within 200 ms');
    expect(performance.now() - started).toBeLessThan(1500);
    const gone = await startOpenAiFake({ apiKey: KEY });
    await gone.close();
    expect((await failure(ask({ baseUrl: gone.url }))).message).toBe('Could not reach the LLM: ECONNREFUSED');
  });
});
