import type { TFunction } from 'i18next';
import type { FieldErrors } from '../../auth/validation';
import { clean, isHttpUrl, text } from '../../settings/settings-validation';
import type { Bot, BotKind, CollectField } from '../bots.api';

/** Every kind's settings side by side (the modal shows the chosen kind's); numbers stay as typed until saved. */
export interface BotForm {
  name: string;
  kind: BotKind;
  handoffMessage: string;
  greeting: string;
  fallback: string;
  /** The built-in bot's threshold as a percentage (the API takes 0.05..1). */
  threshold: number | string;
  maxFailures: number | string;
  collect: Array<{ field: CollectField; prompt: string }>;
  url: string;
  answerWithinSeconds: number | string;
  projectId: string;
  languageCode: string;
  /** Dialogflow's (optional) and the LLM's (required) API address. */
  baseUrl: string;
  handoffParameter: string;
  model: string;
  instructions: string;
  /** Dialogflow's access token or the LLM's API key: write-only, empty keeps the saved one. */
  secret: string;
}

export type BotField = 'name' | 'handoffMessage' | 'greeting' | 'fallback' | 'threshold' | 'maxFailures' | 'collect' | 'url' | 'answerWithinSeconds'
  | 'projectId' | 'languageCode' | 'baseUrl' | 'handoffParameter' | 'model' | 'instructions' | 'secret';

export const kindFields: Record<BotKind, BotField[]> = {
  builtin: ['greeting', 'fallback', 'threshold', 'maxFailures', 'collect'],
  webhook: ['url', 'answerWithinSeconds'],
  dialogflow: ['projectId', 'languageCode', 'baseUrl', 'handoffParameter'],
  llm: ['baseUrl', 'model', 'instructions'],
};

/** The secret each kind is given by hand (the webhook's credentials are generated). */
export const secretKey: Record<BotKind, string | null> = { builtin: null, webhook: null, dialogflow: 'accessToken', llm: 'apiKey' };

export const botFields: BotField[] = ['name', 'handoffMessage', 'secret', ...new Set(Object.values(kindFields).flat())];

export const MAX_COLLECT = 3;

const str = (v: unknown, fallback = '') => (typeof v === 'string' ? v : fallback);
const num = (v: unknown, fallback: number) => (typeof v === 'number' ? v : fallback);

/** The form for a bot, or for a new one of `kind` with the server's defaults in the reader's language. */
export function botFormFor(t: TFunction, bot: Bot | null, kind: BotKind = 'builtin'): BotForm {
  const s = bot?.settings ?? {};
  return {
    name: bot?.name ?? '',
    kind: bot?.kind ?? kind,
    handoffMessage: str(s.handoffMessage, bot ? '' : t('bots.defaults.handoffMessage')),
    greeting: str(s.greeting, bot ? '' : t('bots.defaults.greeting')),
    fallback: str(s.fallback, bot ? '' : t('bots.defaults.fallback')),
    threshold: Math.round(num(s.threshold, 0.5) * 100),
    maxFailures: num(s.maxFailures, 2),
    collect: Array.isArray(s.collect) ? (s.collect as BotForm['collect']).map((c) => ({ field: c.field, prompt: c.prompt })) : [],
    url: str(s.url),
    answerWithinSeconds: num(s.answerWithinSeconds, 60),
    projectId: str(s.projectId),
    languageCode: str(s.languageCode, 'es'),
    baseUrl: str(s.baseUrl),
    handoffParameter: str(s.handoffParameter, 'handoff'),
    model: str(s.model),
    instructions: str(s.instructions),
    secret: '',
  };
}

/**
 * The kind's settings as the API takes them. Editing, an emptied optional address is sent as null (back to the
 * server's default); creating, it is left out.
 */
export function settingsOf(form: BotForm, editing: boolean): Record<string, unknown> {
  const handoffMessage = form.handoffMessage.trim();
  switch (form.kind) {
    case 'builtin':
      return {
        handoffMessage,
        greeting: form.greeting.trim(),
        fallback: form.fallback.trim(),
        threshold: Number(form.threshold) / 100,
        maxFailures: Number(form.maxFailures),
        collect: form.collect.map((c) => ({ field: c.field, prompt: c.prompt.trim() })),
      };
    case 'webhook':
      return { handoffMessage, url: form.url.trim(), answerWithinSeconds: Number(form.answerWithinSeconds) };
    case 'dialogflow': {
      const baseUrl = form.baseUrl.trim();
      return {
        handoffMessage,
        projectId: form.projectId.trim(),
        languageCode: form.languageCode.trim(),
        handoffParameter: form.handoffParameter.trim(),
        ...(baseUrl ? { baseUrl } : editing ? { baseUrl: null } : {}),
      };
    }
    case 'llm':
      return { handoffMessage, baseUrl: form.baseUrl.trim(), model: form.model.trim(), instructions: form.instructions.trim() };
  }
}

/** The typed secret, when there is one to send (none keeps the saved one). */
export function secretsOf(form: BotForm): Record<string, string> | undefined {
  const key = secretKey[form.kind];
  const value = form.secret.trim();
  return key && value ? { [key]: value } : undefined;
}

const wholeIn = (value: number | string, min: number, max: number) => typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/** Mirrors the server's schema of the chosen kind; `hasSecret`: the bot already has its secret saved. */
export function validateBotForm(t: TFunction, form: BotForm, hasSecret: boolean): FieldErrors<BotField> {
  const url = (value: string, required: boolean) =>
    !value.trim() ? (required ? t('validation.required') : undefined) : isHttpUrl(value) ? undefined : t('settings.validation.url');
  const range = (min: number, max: number) => t('settings.validation.range', { min, max });
  const all: Record<BotField, string | undefined> = {
    name: text(t, form.name, 100),
    handoffMessage: text(t, form.handoffMessage, 1000, false),
    greeting: text(t, form.greeting, 1000, false),
    fallback: text(t, form.fallback, 1000, false),
    threshold: wholeIn(form.threshold, 5, 100) ? undefined : range(5, 100),
    maxFailures: wholeIn(form.maxFailures, 0, 10) ? undefined : range(0, 10),
    collect: form.collect.map((c) => text(t, c.prompt, 500)).find(Boolean),
    url: url(form.url, true),
    answerWithinSeconds: wholeIn(form.answerWithinSeconds, 0, 3600) ? undefined : range(0, 3600),
    projectId: text(t, form.projectId, 200),
    languageCode: text(t, form.languageCode, 20),
    baseUrl: url(form.baseUrl, form.kind === 'llm'),
    handoffParameter: text(t, form.handoffParameter, 100, false),
    model: text(t, form.model, 200),
    instructions: text(t, form.instructions, 8000, false),
    secret: secretKey[form.kind] && !hasSecret && !form.secret.trim() ? t('validation.required') : undefined,
  };
  const shown = new Set<BotField>(['name', 'handoffMessage', 'secret', ...kindFields[form.kind]]);
  return clean(Object.fromEntries(Object.entries(all).filter(([field]) => shown.has(field as BotField))) as Record<BotField, string | undefined>);
}
