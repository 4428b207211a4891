/**
 * The bot contract. Every kind of bot (the built-in knowledge matrix, Dialogflow ES, an OpenAI-compatible LLM) turns
 * one customer turn into a decision: what to answer, and whether to hand the conversation to people. The external
 * webhook bot is the exception: it answers later through the API, so its engine only delivers the turn.
 * The caller (answer-as-bot.ts) stores the replies and applies the hand-off in one transaction.
 */

export type BotKind = 'builtin' | 'webhook' | 'dialogflow' | 'llm';

/** A quick-reply button or a menu row: `id` comes back as the tap's payload, `title` is what the customer sees. */
export interface BotButton {
  id: string;
  title: string;
}

/** One answer of the knowledge matrix, or one message of a remote bot. */
export interface BotReply {
  text: string;
  /** Buttons (more than 3 become a list where the channel has lists); channels without buttons get a numbered list. */
  buttons?: BotButton[];
  /** Shown as a menu (a list) even with 3 options or fewer, where the channel tells the two apart. */
  menu?: boolean;
  /** A file of the knowledge matrix (an upload kept for the intent), sent with the text as its caption. */
  attachmentId?: number;
  /** A remote bot's image or document by public URL: sent as a link after the text. */
  mediaUrl?: string;
}

/** One row of the knowledge matrix (seed 003's "Matriz de Conocimientos"). */
export interface BotIntent {
  id: number;
  name: string;
  /** Phrases a customer might write, in any of the workspace's languages. */
  examples: string[];
  /** Words that, when present, point strongly to this intent. */
  keywords: string[];
  answer: BotReply;
  /** Matching it hands the conversation to people ("hablar con un agente"): its answer is sent, then the hand-off. */
  handoff: boolean;
}

/** A contact field the built-in bot asks for and saves, with validation. */
export type CollectableField = 'name' | 'email' | 'phone';

export interface BuiltinBotSettings {
  /** Sent before anything else on the conversation's first customer message; empty: none. */
  greeting: string;
  /** Sent when nothing matches with enough confidence. */
  fallback: string;
  /** Below it (0..1) a match does not count. */
  threshold: number;
  /** Unmatched answers in a row before the bot hands off; 0 never. */
  maxFailures: number;
  /** Asked for in this order after the greeting, when the contact does not have them yet. */
  collect: { field: CollectableField; prompt: string }[];
  /** Sent to the customer when the bot hands off. */
  handoffMessage: string;
}

/** What the bot knows of the turn it answers. */
export interface BotTurn {
  conversationId: number;
  /** The customer's words; for a button tap, the button's title. */
  text: string;
  /** A button or menu tap's id, when the turn is one. */
  payload?: string;
  /** The contact's language ('es', 'en', …) when known. */
  language?: string;
  contact: { id: number; name: string | null; email: string | null; phone: string | null };
  /** The conversation's earlier messages, oldest first (at most the last 20). */
  history: { from: 'contact' | 'bot' | 'agent'; text: string }[];
  /** True on the conversation's first customer message. */
  first: boolean;
}

/** What the built-in bot remembers between turns of one conversation (conversations.bot_state). */
export interface BuiltinBotState {
  /** Unmatched answers in a row. */
  failures: number;
  /** The field the bot just asked for, and how many invalid answers it got. */
  awaiting?: { field: CollectableField; attempts: number };
  /** Fields already asked for (answered or given up on). */
  asked?: CollectableField[];
}

export type BotOutcome = 'answered' | 'fallback' | 'collected' | 'handoff' | 'delegated' | 'error';

export type HandoffReason = 'requested' | 'failures' | 'unsure' | 'bot_error' | 'bot';

export interface BotDecision {
  replies: BotReply[];
  outcome: BotOutcome;
  /** The matched intent (built-in), or the remote bot's intent name, with its confidence (0..1). */
  intent?: { id?: number; name: string; confidence: number } | null;
  /** Set when the conversation goes to people after the replies. */
  handoff?: { reason: HandoffReason; note?: string };
  /** Contact fields to save (validated values the customer gave). */
  contactUpdates?: Partial<Record<CollectableField, string>>;
  /** The built-in bot's state after this turn. */
  state?: BuiltinBotState;
}

/** A remote bot that did not answer usably (network, time-out, HTTP error, malformed body): the caller hands off. */
export class BotUnavailableError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'BotUnavailableError';
  }
}

export interface RemoteCallOptions {
  timeoutMs: number;
}
