import type { CollectableField } from '../bot-engine.js';
import { isStopWord, words } from './normalize.js';

/**
 * Reads a contact field out of a customer's answer to the bot's question: the value to save, or null when the
 * answer is not one. Customers answer in sentences ("mi correo es ana@x.com", "me llamo ana"), so the value is
 * picked out of them.
 */
export function readContactAnswer(field: CollectableField, text: string): string | null {
  if (field === 'email') return readEmail(text);
  if (field === 'phone') return readPhone(text);
  return readName(text);
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;

function readEmail(text: string): string | null {
  const found = EMAIL.exec(text)?.[0];
  if (!found || found.startsWith('.') || found.includes('..')) return null;
  return found.toLowerCase();
}

/** 7 to 15 digits (E.164 allows 15), written with any of spaces, dashes, dots and parentheses. */
function readPhone(text: string): string | null {
  for (const [found] of text.matchAll(/\+?[\d\s().-]*\d/g)) {
    const candidate = found.trim();
    const digits = candidate.replace(/\D/g, '');
    if (digits.length >= 7 && digits.length <= 15) return candidate.startsWith('+') ? `+${digits}` : digits;
  }
  return null;
}

const NAME_LEAD = /^(?:me llamo|mi nombre es|soy|my name is|i am|i'm|im)\s+/i;

/** "me llamo Ana", "my name is Ana": a name, whatever else the words could mean. */
export function introducesName(text: string): boolean {
  return NAME_LEAD.test(text.trim());
}
const NAME = /^[\p{L}' -]{2,60}$/u;
/** Lower-case particles of Spanish names ("María de los Ángeles"). */
const PARTICLES = new Set(['de', 'del', 'la', 'las', 'los', 'y']);

function readName(text: string): string | null {
  const name = text.trim().replace(/[.!]+$/, '').replace(NAME_LEAD, '').replace(/\s+/g, ' ').trim();
  if (!NAME.test(name) || !/\p{L}.*\p{L}/u.test(name)) return null;
  // "no", "ok", "no quiero" are answers, not names.
  if (words(name).every(isStopWord)) return null;
  return name
    .toLocaleLowerCase('es')
    .replace(/(^|[ '-])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toLocaleUpperCase('es'))
    .split(' ')
    .map((word, i) => (i > 0 && PARTICLES.has(word.toLowerCase()) ? word.toLowerCase() : word))
    .join(' ');
}
