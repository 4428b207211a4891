import type {
  BotDecision,
  BotIntent,
  BotReply,
  BotTurn,
  BuiltinBotSettings,
  BuiltinBotState,
  CollectableField,
} from '../bot-engine.js';
import { introducesName, readContactAnswer } from './contact-answers.js';
import { matchIntent, type IntentMatch } from './match-intent.js';
import { isOnlyGreeting, words } from './normalize.js';

/** Asking once more after an invalid answer is helpful; a third time is nagging. */
const MAX_ATTEMPTS = 2;

const INVALID_ANSWER: Record<'es' | 'en', Record<CollectableField, string>> = {
  es: {
    name: 'Ese nombre no parece válido. ¿Me lo escribes de nuevo, solo con letras?',
    email: 'Ese correo no parece válido. ¿Puedes escribirlo de nuevo? Por ejemplo: nombre@correo.com',
    phone: 'Ese teléfono no parece válido. ¿Puedes escribirlo de nuevo con el código de área? Por ejemplo: +58 414 123 4567',
  },
  en: {
    name: "That name doesn't look right. Could you type it again, using letters only?",
    email: "That email doesn't look right. Could you type it again? For example: name@example.com",
    phone: "That phone number doesn't look right. Could you type it again with the area code? For example: +1 555 123 4567",
  },
};

/** Words an answer uses to name its own field ("mi correo es…", "no tengo teléfono"): they ask nothing. */
const FIELD_WORDS: Record<CollectableField, Set<string>> = {
  name: new Set(['nombre', 'apellido', 'llamo', 'name']),
  email: new Set(['correo', 'electronico', 'email', 'mail', 'arroba', 'gmail', 'hotmail', 'outlook', 'yahoo']),
  phone: new Set(['telefono', 'numero', 'celular', 'movil', 'whatsapp', 'phone', 'number', 'cell']),
};

type Contact = BotTurn['contact'];

/**
 * One turn of the built-in bot (the knowledge matrix): the contact's data it is waiting for, the greeting on the
 * first message, the matched intent's answer, the fallback, and the hand-off when asked for or after too many
 * misses. Pure: the caller loads the intents and the state, and saves what comes back.
 */
export function decideBuiltin(
  settings: BuiltinBotSettings,
  intents: BotIntent[],
  turn: BotTurn,
  state: BuiltinBotState,
): BotDecision {
  const match = pickIntent(settings, intents, turn, state.awaiting?.field);
  if (state.awaiting) {
    const collected = collectAnswer(settings, turn, state, match);
    if (collected) return collected;
    // The customer asked something else instead of answering: answer that, and do not ask the field again.
    state = { ...state, awaiting: undefined, asked: withAsked(state.asked, state.awaiting.field) };
  }

  const greetingOnly = turn.first && !turn.payload && isOnlyGreeting(turn.text);
  const decision: BotDecision = greetingOnly
    ? { replies: [], outcome: 'answered', intent: null, state: cleanState(state) }
    : answerMatch(settings, match, state);
  if (turn.first) {
    decision.replies = [...textReplies(settings.greeting), ...decision.replies];
    if (decision.outcome !== 'handoff') askNextField(settings, turn.contact, decision);
  }
  return decision;
}

/**
 * A button tap names its intent (by id or name) with full confidence; anything else is matched by its words, less
 * the words naming the field the bot is waiting for.
 */
function pickIntent(settings: BuiltinBotSettings, intents: BotIntent[], turn: BotTurn, awaited?: CollectableField): IntentMatch {
  const tapped = turn.payload ? intents.find((i) => String(i.id) === turn.payload || i.name === turn.payload) : undefined;
  if (tapped) return { intent: tapped, confidence: 1, best: tapped };
  const text = awaited ? words(turn.text).filter((w) => !FIELD_WORDS[awaited].has(w)).join(' ') : turn.text;
  return matchIntent(intents, text, settings.threshold);
}

/** The answer to the field the bot asked for; null when the customer asked something the matrix answers instead. */
function collectAnswer(settings: BuiltinBotSettings, turn: BotTurn, state: BuiltinBotState, match: IntentMatch): BotDecision | null {
  const { field, attempts } = state.awaiting!;
  const value = turn.payload ? null : readContactAnswer(field, turn.text);
  if (asksInstead(settings, turn, field, value, match)) return null;

  const asked = withAsked(state.asked, field);
  if (value !== null) {
    const decision: BotDecision = {
      replies: [],
      outcome: 'collected',
      intent: null,
      contactUpdates: { [field]: value },
      state: cleanState({ failures: state.failures, asked }),
    };
    askNextField(settings, { ...turn.contact, [field]: value }, decision);
    return decision;
  }
  if (attempts + 1 < MAX_ATTEMPTS) {
    return {
      replies: [{ text: INVALID_ANSWER[language(turn)][field] }],
      outcome: 'collected',
      intent: null,
      state: cleanState({ ...state, awaiting: { field, attempts: attempts + 1 } }),
    };
  }
  const gaveUp: BotDecision = { replies: [], outcome: 'collected', intent: null, state: cleanState({ failures: state.failures, asked }) };
  askNextField(settings, turn.contact, gaveUp);
  return gaveUp;
}

/**
 * A button tap, or a clear question, instead of the answer. Only a clear match counts: answers share words with
 * questions. A question can pass for a name ("cuanto cuesta la carrera"), never for an email or a phone.
 */
function asksInstead(settings: BuiltinBotSettings, turn: BotTurn, field: CollectableField, value: string | null, match: IntentMatch): boolean {
  const clear = match.intent !== null && match.confidence >= (1 + settings.threshold) / 2;
  return clear && (value === null || (field === 'name' && !introducesName(turn.text)));
}

function answerMatch(settings: BuiltinBotSettings, match: IntentMatch, state: BuiltinBotState): BotDecision {
  const candidate = match.intent ?? match.best;
  const intent = candidate ? { id: candidate.id, name: candidate.name, confidence: match.confidence } : null;
  if (match.intent) {
    if (match.intent.handoff) {
      const replies = [match.intent.answer, ...textReplies(settings.handoffMessage)];
      return { replies, outcome: 'handoff', handoff: { reason: 'requested' }, intent, state: afterHandoff(state) };
    }
    return { replies: [match.intent.answer], outcome: 'answered', intent, state: cleanState({ ...state, failures: 0 }) };
  }
  const failures = state.failures + 1;
  if (settings.maxFailures > 0 && failures >= settings.maxFailures) {
    const replies = textReplies(settings.handoffMessage);
    return { replies, outcome: 'handoff', handoff: { reason: 'failures' }, intent, state: afterHandoff(state) };
  }
  return { replies: textReplies(settings.fallback), outcome: 'fallback', intent, state: cleanState({ ...state, failures }) };
}

/** Appends the prompt of the first wanted field the contact lacks and was not asked yet, and waits for it. */
function askNextField(settings: BuiltinBotSettings, contact: Contact, decision: BotDecision): void {
  const state = decision.state!;
  const next = settings.collect.find(
    ({ field, prompt }) => !contact[field]?.trim() && !state.asked?.includes(field) && prompt.trim() !== '',
  );
  if (!next) return;
  decision.replies.push({ text: next.prompt });
  decision.state = { ...state, awaiting: { field: next.field, attempts: 0 } };
}

/** People take over: when the bot is resumed later it starts with a clean count and asks nothing pending. */
function afterHandoff(state: BuiltinBotState): BuiltinBotState {
  return cleanState({ failures: 0, asked: state.asked });
}

function cleanState({ failures, awaiting, asked }: BuiltinBotState): BuiltinBotState {
  return { failures, ...(awaiting && { awaiting }), ...(asked?.length && { asked }) };
}

function withAsked(asked: CollectableField[] | undefined, field: CollectableField): CollectableField[] {
  return asked?.includes(field) ? asked : [...(asked ?? []), field];
}

function textReplies(text: string): BotReply[] {
  return text.trim() ? [{ text }] : [];
}

/** Spanish unless the contact is known to speak something else. */
function language(turn: BotTurn): 'es' | 'en' {
  return !turn.language || turn.language.toLowerCase().startsWith('es') ? 'es' : 'en';
}
