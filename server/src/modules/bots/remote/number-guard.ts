import type { BotIntent } from '../bot-engine.js';

/**
 * The guard against invented figures: every number in an LLM's answer must appear in the knowledge matrix.
 * Numbers are compared by value, whatever the format: "120.000", "120,000" and "120000" are one amount; "1,5" and
 * "1.5" one decimal; "09:00" and "9:00" one time. Currency and percent signs are ignored ("$120" is 120).
 * Numbers written in words ("cien") are not caught.
 */

const NUMBER = /\d+(?:[.,:]\d+)*/g;

/** The text the matrix states as fact: intent names, answers and their buttons. Examples and keywords are what
 * customers write ("¿cuesta 50?"), so a number there is no evidence the business said it. */
export function matrixFacts(matrix: BotIntent[]): string {
  return matrix.map((i) => [i.name, i.answer.text, ...(i.answer.buttons ?? []).map((b) => b.title)].join('\n')).join('\n');
}

export function numbersIn(text: string): string[] {
  return (text.match(NUMBER) ?? []).map(canonicalNumber);
}

/** The numbers of `answer` that `facts` does not contain (canonical form), in order of appearance. */
export function inventedNumbers(answer: string, facts: string): string[] {
  const known = new Set(numbersIn(facts));
  return numbersIn(answer).filter((n) => !known.has(n));
}

/**
 * One canonical form per value. A separator followed by exactly three digits groups thousands, unless it is the
 * last separator and differs from the ones before it ("1.200,50": the comma is the decimal mark). Groups that are
 * not thousands nor a decimal ("12.05.2024") are kept as written.
 */
export function canonicalNumber(token: string): string {
  if (token.includes(':')) return token.split(':').map(stripZeros).join(':');
  const groups = token.split(/[.,]/);
  const seps = token.match(/[.,]/g) ?? [];
  if (!seps.length) return stripZeros(token);
  const last = seps[seps.length - 1];
  const mixed = seps.some((s) => s !== last);
  const tail = groups.slice(1);
  if (!mixed && tail.every((g) => g.length === 3)) return stripZeros(groups.join(''));
  if (!mixed && seps.length > 1) return groups.map(stripZeros).join('.');
  const integer = stripZeros(groups.slice(0, -1).join(''));
  const decimals = groups[groups.length - 1].replace(/0+$/, '');
  return decimals ? `${integer}.${decimals}` : integer;
}

const stripZeros = (digits: string) => digits.replace(/^0+(?=\d)/, '');
