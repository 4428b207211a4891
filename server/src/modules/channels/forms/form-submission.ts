/**
 * A web form's submission read against the form's fields: every wrong or missing answer named (400 lists them
 * all, so the page can mark each), values normalised as contacts store them, then turned into the inbound message
 * the ingest path stores like any channel's.
 */
import crypto from 'node:crypto';
import { AppError } from '../../../platform/http/errors.js';
import type { InboundEvent } from '../channel.js';
import { normalizeEmail, normalizePhone, type CustomFieldValue } from '../../contacts/contact-fields.js';
import { normaliseFieldValue, type FieldDefinition } from '../../contacts/contact-field-values.js';
import { HONEYPOT_FIELD, isOwnField, type FormConfig } from './form-settings.js';

export interface FieldProblem {
  field: string;
  message: string;
}

export interface Submission {
  /** The page's own id for this submission (the embed makes one per form shown), so a double click is stored once. */
  submissionId?: string;
  name?: string;
  email?: string;
  phone?: string;
  subject?: string;
  message?: string;
  /** Custom answers, checked against the contact field's type, for the contact's custom fields. */
  custom: Record<string, CustomFieldValue>;
  /** The custom answers as the customer saw them, in the form's order, for the agent. */
  answers: Array<{ key: string; label: string; value: CustomFieldValue }>;
}

export type ReadResult = { kind: 'spam' } | { kind: 'invalid'; problems: FieldProblem[] } | { kind: 'ok'; submission: Submission };

const MAX_LENGTH: Record<string, number> = { name: 200, email: 254, phone: 40, subject: 200, message: 5000 };
const CUSTOM_TEXT_MAX = 1000;
const SUBMISSION_ID = /^[A-Za-z0-9_.:-]{1,100}$/;
const YES = new Set(['on', 'true', '1', 'yes', 'si', 'sí']);
const NO = new Set(['off', 'false', '0', 'no']);

const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** A browser's form sends a ticked box as "on" and leaves an unticked one out; JSON clients send booleans. */
function asCheckbox(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const s = v.trim().toLowerCase();
  return YES.has(s) ? true : NO.has(s) ? false : v;
}

/** Reads the body of a submission: `definitions` are the workspace's contact fields for the form's custom keys. */
export function readSubmission(form: FormConfig, definitions: FieldDefinition[], body: unknown): ReadResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { kind: 'invalid', problems: [{ field: 'body', message: 'Expected the form\'s fields' }] };
  const values = body as Record<string, unknown>;
  // A bot filled the field no person sees: answered as a success, so it learns nothing, and dropped.
  if (!isEmpty(values[HONEYPOT_FIELD])) return { kind: 'spam' };

  const problems: FieldProblem[] = [];
  const submission: Submission = { custom: {}, answers: [] };
  const byKey = new Map(definitions.map((d) => [d.key, d]));

  const submissionId = values.submissionId;
  if (submissionId !== undefined && (typeof submissionId !== 'string' || !SUBMISSION_ID.test(submissionId))) {
    problems.push({ field: 'body.submissionId', message: 'Expected 1–100 characters A-Z a-z 0-9 _ . : -' });
  } else if (typeof submissionId === 'string') submission.submissionId = submissionId;

  for (const f of form.fields) {
    const field = `body.${f.key}`;
    const def = byKey.get(f.key);
    const raw = def?.type === 'checkbox' ? asCheckbox(values[f.key]) : values[f.key];
    if (isEmpty(raw) || (def?.type === 'checkbox' && raw === false && f.required)) {
      if (f.required) problems.push({ field, message: 'is required' });
      continue;
    }
    if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') {
      problems.push({ field, message: 'expected a single value' });
      continue;
    }
    if (isOwnField(f.key)) {
      const text = String(raw).trim();
      if (text.length > MAX_LENGTH[f.key]) {
        problems.push({ field, message: `at most ${MAX_LENGTH[f.key]} characters` });
        continue;
      }
      if (f.key === 'email') {
        const email = normalizeEmail(text);
        if (!email) problems.push({ field, message: 'expected an email address' });
        else submission.email = email;
      } else if (f.key === 'phone') {
        if (!/^\+?[\d\s\-().\/]+$/.test(text) || text.replace(/\D/g, '').length < 6) problems.push({ field, message: 'expected a phone number' });
        else submission.phone = normalizePhone(text) ?? undefined;
      } else submission[f.key] = text;
      continue;
    }
    const value = def ? checkedCustom(def, raw, field, problems) : checkedText(raw, field, problems);
    if (value === null) continue;
    submission.custom[f.key] = value;
    submission.answers.push({ key: f.key, label: f.label, value });
  }
  return problems.length ? { kind: 'invalid', problems } : { kind: 'ok', submission };
}

function checkedCustom(def: FieldDefinition, raw: CustomFieldValue, field: string, problems: FieldProblem[]): CustomFieldValue | null {
  if (def.type === 'text') return checkedText(raw, field, problems);
  try {
    return normaliseFieldValue(def, raw, field);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    problems.push(...(err.details as FieldProblem[]));
    return null;
  }
}

/** A custom field whose definition is gone, or a text field: kept as text, bounded. */
function checkedText(raw: CustomFieldValue, field: string, problems: FieldProblem[]): string | null {
  const text = String(raw).trim();
  if (text.length > CUSTOM_TEXT_MAX) {
    problems.push({ field, message: `at most ${CUSTOM_TEXT_MAX} characters` });
    return null;
  }
  return text || null;
}

/**
 * The message's provider id, which makes a re-post a duplicate: from the page's submission id, else from the
 * answers and the minute they came in (a double click, or a browser re-posting the same form). A content hash, as
 * email uses for a mail without Message-ID, so a reply never threads on it.
 */
export function submissionExternalId(channelId: number, s: Submission, receivedAt: Date): string {
  const basis = s.submissionId
    ? `id:${s.submissionId}`
    : `body:${JSON.stringify([s.name, s.email, s.phone, s.subject, s.message, s.answers])}:${Math.floor(receivedAt.getTime() / 60_000)}`;
  return `sha256:${crypto.createHash('sha256').update(`${channelId}\n${basis}`).digest('hex')}`;
}

/** Who the customer is on this channel: their address, else their phone (so a return visit is the same contact). */
export function contactExternalIdOf(s: Submission, externalId: string): string {
  return s.email ?? s.phone ?? `anon:${externalId.slice('sha256:'.length, 'sha256:'.length + 32)}`;
}

/**
 * The customer's message: what they wrote, then the custom answers as "Label: value" lines, so the agent reads
 * the form as it was filled. The subject is kept where the timeline shows an email's subject (meta.email.subject)
 * and the email reply takes its "Re:" from.
 */
export function submissionEvent(s: Submission, opts: { externalId: string; receivedAt: Date; page?: string }): Extract<InboundEvent, { kind: 'message' }> {
  const lines = s.answers.map((a) => `${a.label}: ${typeof a.value === 'boolean' ? (a.value ? '✓' : '✗') : a.value}`);
  const text = [s.message ?? (lines.length ? '' : (s.subject ?? '')), lines.join('\n')].filter(Boolean).join('\n\n');
  return {
    kind: 'message',
    externalId: opts.externalId,
    contact: { externalId: contactExternalIdOf(s, opts.externalId), name: s.name, email: s.email, phone: s.phone },
    text,
    sentAt: opts.receivedAt,
    meta: {
      ...(s.subject ? { email: { subject: s.subject } } : {}),
      form: { answers: s.answers, ...(opts.page ? { page: opts.page } : {}) },
    },
  };
}
