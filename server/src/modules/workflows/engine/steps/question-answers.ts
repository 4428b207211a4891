import { DateTime } from 'luxon';
import type { QUESTION_KINDS } from '../../definition/workflow-definition.js';
import { normalizeEmail, normalizePhone } from '../../../contacts/contact-fields.js';
import { isIsoDate } from '../../../contacts/contact-field-values.js';
import { readContactAnswer } from '../../../bots/builtin/contact-answers.js';
import { foldText } from '../../../bots/builtin/normalize.js';

export type QuestionKind = (typeof QUESTION_KINDS)[number];

export interface QuestionChoice {
  id: string;
  label: string;
}

export interface Answer {
  text: string;
  /** A tapped button's id. */
  payload?: string;
}

/** What the answer means: the value to save (and, for a choice, which one), or null when it does not fit the kind. */
export type ReadAnswer = { value: string | number; choice?: number } | null;

/**
 * Reads a customer's answer to a question of one kind. People answer in sentences and in their own formats, so:
 * numbers with a decimal comma, dates as dd/mm/yyyy, yyyy-mm-dd, "hoy" or "mañana" (in the timezone), an email or
 * a phone picked out of a sentence, a choice by its button, its number in the list or its label.
 */
export function readAnswer(kind: QuestionKind, answer: Answer, opts: { choices?: QuestionChoice[]; now: Date; timezone: string }): ReadAnswer {
  const text = answer.text.trim();
  switch (kind) {
    case 'text':
      return text ? { value: text } : null;
    case 'number':
      return readNumber(text);
    case 'date':
      return readDate(text, opts.now, opts.timezone);
    case 'email': {
      const email = normalizeEmail(readContactAnswer('email', text));
      return email ? { value: email } : null;
    }
    case 'phone': {
      const phone = normalizePhone(readContactAnswer('phone', text));
      return phone ? { value: phone } : null;
    }
    case 'choice':
      return readChoice(answer, opts.choices ?? []);
  }
}

/** The one number in the answer ("25", "tengo 25 años", "3,5"); two numbers are ambiguous. */
function readNumber(text: string): ReadAnswer {
  const found = text.match(/-?\d+(?:[.,]\d+)?/g) ?? [];
  if (found.length !== 1) return null;
  const n = Number(found[0].replace(',', '.'));
  return Number.isFinite(n) ? { value: n } : null;
}

const RELATIVE_DAYS: Record<string, number> = { hoy: 0, today: 0, manana: 1, tomorrow: 1, 'pasado manana': 2 };

/** A calendar day as YYYY-MM-DD (the format of date fields). */
function readDate(text: string, now: Date, timezone: string): ReadAnswer {
  const relative = RELATIVE_DAYS[foldText(text)];
  if (relative !== undefined) {
    const day = DateTime.fromJSDate(now, { zone: timezone }).plus({ days: relative }).toISODate();
    return day ? { value: day } : null;
  }
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const parts = iso ? [iso[1], iso[2], iso[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : null;
  if (!parts) return null;
  const [y, m, d] = parts;
  const value = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return isIsoDate(value) ? { value } : null;
}

/** By the tapped button (its payload is the choice's id), by its number in the list, or by its label (case and accents aside). */
function readChoice(answer: Answer, choices: QuestionChoice[]): ReadAnswer {
  const pick = (index: number): ReadAnswer => (index >= 0 && index < choices.length ? { value: choices[index].label, choice: index } : null);
  const tapped = answer.payload === undefined ? -1 : choices.findIndex((c) => c.id === answer.payload);
  if (tapped >= 0) return pick(tapped);
  const numbered = /^\s*(\d{1,2})\s*[.)]?\s*$/.exec(answer.text);
  if (numbered) return pick(Number(numbered[1]) - 1);
  const said = foldText(answer.text);
  if (!said) return null;
  const labels = choices.map((c) => foldText(c.label));
  const exact = labels.findIndex((l) => l === said);
  if (exact >= 0) return pick(exact);
  // "la opción de ventas": a sentence naming exactly one label.
  const named = labels.flatMap((l, i) => (l && ` ${said} `.includes(` ${l} `) ? [i] : []));
  return named.length === 1 ? pick(named[0]) : null;
}
