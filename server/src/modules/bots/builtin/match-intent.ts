import type { BotIntent } from '../bot-engine.js';
import { contentTokens, isOnlyGreeting, stem, words, type Token } from './normalize.js';

export interface IntentMatch {
  /** The best intent when its confidence reaches the threshold; null otherwise. */
  intent: BotIntent | null;
  /** The best intent's confidence (0..1), whether or not it reached the threshold. */
  confidence: number;
  /** The best candidate even below the threshold (for the review list); null when nothing matched at all. */
  best: BotIntent | null;
}

interface PreparedIntent {
  intent: BotIntent;
  examples: Token[][];
  keywords: Token[][];
  /** Every stem of its examples and keywords. */
  vocabulary: Set<string>;
}

/** A word that is one typo (or one inflection the stemmer missed) away counts less than the same word. */
const NEAR_MATCH = 0.8;
/** The evidence one keyword present gives on its own: enough to pass a threshold of 0.5. */
const KEYWORD_EVIDENCE = 0.6;
/**
 * The evidence a word of the message that only this intent uses gives: not enough alone, but it lifts a half-matched
 * example ("hablar con alguien" against "hablar con una persona") over the threshold.
 */
const DISTINCTIVE_EVIDENCE = 0.3;

/**
 * Picks the intent of the knowledge matrix a customer's message asks for. An intent scores by its closest example
 * (how much of the example the message covers, and how much of the message the example explains) combined with its
 * keywords found in the message; words shared by many intents weigh less. A message that is only a greeting, or
 * only stop words, matches nothing.
 */
export function matchIntent(intents: BotIntent[], text: string, threshold: number): IntentMatch {
  const query = isOnlyGreeting(text) ? [] : contentTokens(text);
  if (!query.length) return { intent: null, confidence: 0, best: null };
  const prepared = intents.map(prepareIntent);
  const usage = stemUsage(prepared);
  const weight = (s: string) => 1 / (1 + Math.log(usage.get(s) ?? 1));

  let best: BotIntent | null = null;
  let confidence = 0;
  for (const candidate of prepared) {
    const score = scoreIntent(candidate, query, weight, usage);
    if (score > confidence) {
      best = candidate.intent;
      confidence = score;
    }
  }
  return { intent: best && confidence >= threshold ? best : null, confidence, best };
}

function prepareIntent(intent: BotIntent): PreparedIntent {
  const keywordTokens = (keyword: string): Token[] => {
    const content = contentTokens(keyword);
    return content.length ? content : words(keyword).map((word) => ({ word, stem: stem(word) }));
  };
  const examples = intent.examples.map(contentTokens).filter((tokens) => tokens.length > 0);
  const keywords = intent.keywords.map(keywordTokens).filter((tokens) => tokens.length > 0);
  const vocabulary = new Set([...examples, ...keywords].flat().map((t) => t.stem));
  return { intent, examples, keywords, vocabulary };
}

/** How many intents use each stem: words shared by many intents weigh less, words of one intent are clues. */
function stemUsage(prepared: PreparedIntent[]): Map<string, number> {
  const intentsUsing = new Map<string, number>();
  for (const p of prepared) {
    for (const s of p.vocabulary) intentsUsing.set(s, (intentsUsing.get(s) ?? 0) + 1);
  }
  return intentsUsing;
}

/** The pieces of evidence combine as independent ones do: 1 - (1 - a)(1 - b)… */
function scoreIntent(p: PreparedIntent, query: Token[], weight: (stem: string) => number, usage: Map<string, number>): number {
  let missed = 1;
  let example = 0;
  for (const tokens of p.examples) example = Math.max(example, exampleSimilarity(tokens, query, weight));
  missed *= 1 - example;
  for (const tokens of p.keywords) {
    const hit = Math.min(...tokens.map((k) => bestMatch(k, query)));
    missed *= 1 - KEYWORD_EVIDENCE * hit;
  }
  for (const s of new Set(query.map((t) => t.stem))) {
    if (p.vocabulary.has(s) && usage.get(s) === 1) missed *= 1 - DISTINCTIVE_EVIDENCE;
  }
  return 1 - missed;
}

/**
 * Mostly how much of the example the message covers (customers add words, rarely leave the key ones out), damped
 * down to half when the example explains little of the message.
 */
function exampleSimilarity(example: Token[], query: Token[], weight: (stem: string) => number): number {
  const coverage = (of: Token[], by: Token[]) => {
    let total = 0;
    let matched = 0;
    for (const t of of) {
      const w = weight(t.stem);
      total += w;
      matched += w * bestMatch(t, by);
    }
    return matched / total;
  };
  return coverage(example, query) * (0.5 + 0.5 * coverage(query, example));
}

function bestMatch(token: Token, among: Token[]): number {
  let best = 0;
  for (const other of among) {
    best = Math.max(best, tokenMatch(token, other));
    if (best === 1) break;
  }
  return best;
}

function tokenMatch(a: Token, b: Token): number {
  if (a.stem === b.stem) return 1;
  if (withinTypos(a.word, b.word) || nearStems(a.stem, b.stem)) return NEAR_MATCH;
  return 0;
}

/**
 * Typos in an inflected word ("inscripsiones"), or a verb form the stemmer does not fold ("acept", "aceptan").
 * Short stems stay out: "sigu" and "sign", "carr" and "carrer" are different words.
 */
function nearStems(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length < 5) return false;
  return withinTypos(short, long) || (long.length - short.length <= 3 && long.startsWith(short));
}

/** One typo for words of 4 to 7 letters, two for longer ones, none for shorter ones. */
function withinTypos(a: string, b: string): boolean {
  const shorter = Math.min(a.length, b.length);
  const allowed = shorter < 4 ? 0 : shorter <= 7 ? 1 : 2;
  return allowed > 0 && Math.abs(a.length - b.length) <= allowed && editDistance(a, b, allowed) <= allowed;
}

/** Damerau-Levenshtein distance (optimal string alignment), stopping early once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, beforePrevious[j - 2] + 1);
      current.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > limit) return rowMin;
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length];
}
