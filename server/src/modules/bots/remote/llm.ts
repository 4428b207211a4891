import { BotUnavailableError, type BotDecision, type BotIntent, type BotTurn, type RemoteCallOptions } from '../bot-engine.js';
import { chatMessages } from './llm-prompt.js';
import { inventedNumbers, matrixFacts } from './number-guard.js';
import { isRecord, postJson, safeMessage } from './remote-http.js';

export interface LlmSettings {
  /** An OpenAI-compatible API root, e.g. https://api.openai.com/v1 */
  baseUrl: string;
  model: string;
  apiKey: string;
  /** The channel's own instructions (tone, who the assistant is). */
  instructions: string;
  /** The knowledge matrix: the only facts the model may state. */
  matrix: BotIntent[];
}

/** What the model must answer (the system prompt asks for exactly this). */
export interface LlmAnswer {
  answer: string;
  confident: boolean;
  handoff: boolean;
}

export const INVENTED_DATA_NOTE = 'respuesta con datos no presentes en la matriz';
export const EMPTY_ANSWER_NOTE = 'respuesta vacía';

export function chatCompletionRequest(settings: LlmSettings, turn: BotTurn): { url: string; body: string } {
  return {
    url: `${settings.baseUrl.replace(/\/+$/, '')}/chat/completions`,
    body: JSON.stringify({
      model: settings.model,
      temperature: 0,
      response_format: { type: 'json_object' },
      messages: chatMessages(settings.instructions, settings.matrix, turn),
    }),
  };
}

export async function askLlm(settings: LlmSettings, turn: BotTurn, opts: RemoteCallOptions): Promise<BotDecision> {
  const { url, body } = chatCompletionRequest(settings, turn);
  const res = await postJson('the LLM', url, body, { authorization: `Bearer ${settings.apiKey}` }, opts);
  if (!res.ok) throw llmError(res.status, res.json, settings.apiKey);
  return llmDecision(parseCompletion(res.json), settings.matrix);
}

/** OpenAI's error envelope: {error: {message, type, code}}; 429 is rate limiting or an exhausted quota. */
function llmError(status: number, json: unknown, apiKey: string): BotUnavailableError {
  const error = isRecord(json) && isRecord(json.error) ? json.error : null;
  const code = error && (typeof error.code === 'string' ? error.code : typeof error.type === 'string' ? error.type : null);
  const message = error && typeof error.message === 'string' ? `: ${safeMessage(error.message, [apiKey])}` : '';
  return new BotUnavailableError(`The LLM answered ${status}${code ? ` (${code})` : ''}${message}`, status);
}

/** The model's JSON answer out of a chat completion; anything else is a BotUnavailableError. */
export function parseCompletion(json: unknown): LlmAnswer {
  if (json === undefined) throw new BotUnavailableError('The LLM answered with a body that is not JSON');
  const choice = isRecord(json) && Array.isArray(json.choices) && isRecord(json.choices[0]) ? json.choices[0] : null;
  const message = choice && isRecord(choice.message) ? choice.message : null;
  if (!choice || !message) throw new BotUnavailableError("The LLM's answer has no choices");
  if (typeof message.refusal === 'string' && message.refusal) throw new BotUnavailableError(`The LLM refused to answer: ${message.refusal.slice(0, 200)}`);
  if (choice.finish_reason === 'length' || choice.finish_reason === 'content_filter') throw new BotUnavailableError(`The LLM's answer was cut (finish_reason ${choice.finish_reason})`);
  if (typeof message.content !== 'string') throw new BotUnavailableError("The LLM's answer has no content");
  let parsed: unknown;
  try {
    // Some OpenAI-compatible servers wrap JSON mode's output in a Markdown fence.
    parsed = JSON.parse(message.content.trim().replace(/^```(?:json)?\s*([\s\S]*?)\s*```$/, '$1'));
  } catch {
    throw new BotUnavailableError("The LLM's answer is not the JSON it was asked for");
  }
  if (!isRecord(parsed) || typeof parsed.answer !== 'string' || typeof parsed.confident !== 'boolean' || typeof parsed.handoff !== 'boolean') {
    throw new BotUnavailableError('The LLM\'s JSON lacks "answer", "confident" or "handoff"');
  }
  return { answer: parsed.answer.trim(), confident: parsed.confident, handoff: parsed.handoff };
}

/**
 * The answer is sent only when the model is confident and every figure in it comes from the matrix: a doubtful
 * answer sent before handing off could mislead the customer, and the agent who takes over answers anyway.
 * - handoff: the answer (when sendable, e.g. "Te comunico con un asesor"), then the hand-off, reason 'requested'.
 * - not confident: no answer; hand-off 'unsure'.
 * - a number not in the matrix: no answer; hand-off 'unsure' with a note (the guard does not trust the prompt
 *   alone). Confident with an empty answer: hand-off 'unsure', noted.
 */
export function llmDecision(llm: LlmAnswer, matrix: BotIntent[]): BotDecision {
  const invented = llm.answer ? inventedNumbers(llm.answer, matrixFacts(matrix)) : [];
  const sendable = llm.confident && llm.answer !== '' && invented.length === 0;
  const replies = sendable ? [{ text: llm.answer }] : [];
  const inventedNote = invented.length ? { note: INVENTED_DATA_NOTE } : {};
  if (llm.handoff) return { replies, outcome: 'handoff', intent: null, handoff: { reason: 'requested', ...inventedNote } };
  if (sendable) return { replies, outcome: 'answered', intent: null };
  const emptyNote = llm.confident && !llm.answer ? { note: EMPTY_ANSWER_NOTE } : {};
  return { replies, outcome: 'handoff', intent: null, handoff: { reason: 'unsure', ...inventedNote, ...emptyNote } };
}
