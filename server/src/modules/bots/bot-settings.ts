import { z } from 'zod';
import type { BotKind, BuiltinBotSettings } from './bot-engine.js';

const text = (max: number) => z.string().trim().max(max);
const httpUrl = z.url({ protocol: /^https?$/ });

/** What every kind has: the words said when the bot hands the conversation to people. */
const common = {
  handoffMessage: text(1000).default('Te comunico con un agente, en un momento te atiende.'),
};

export const builtinSettings = z.object({
  ...common,
  greeting: text(1000).default('¡Hola! Soy el asistente virtual. ¿En qué te puedo ayudar?'),
  fallback: text(1000).default('No entendí tu pregunta. ¿Puedes decirlo de otra forma? Escribe "agente" para hablar con una persona.'),
  threshold: z.number().min(0.05).max(1).default(0.5),
  maxFailures: z.number().int().min(0).max(10).default(2),
  collect: z.array(z.object({ field: z.enum(['name', 'email', 'phone']), prompt: text(500).min(1) })).max(3).default([]),
});

export const webhookSettings = z.object({
  ...common,
  url: httpUrl,
  /** Seconds the external bot has to answer a message through the API before the conversation goes to people; 0: no limit. */
  answerWithinSeconds: z.number().int().min(0).max(3600).default(60),
});

export const dialogflowSettings = z.object({
  ...common,
  projectId: text(200).min(1),
  languageCode: text(20).default('es'),
  /** Unset: DIALOGFLOW_API_URL. */
  baseUrl: httpUrl.optional(),
  /** A parameter of the matched intent that, when true, hands the conversation to people. */
  handoffParameter: text(100).default('handoff'),
});

export const llmSettings = z.object({
  ...common,
  baseUrl: httpUrl,
  model: text(200).min(1),
  /** The channel's instructions: tone, what to answer and what not. */
  instructions: text(8000).default(''),
});

export const botSettingsSchemas = { builtin: builtinSettings, webhook: webhookSettings, dialogflow: dialogflowSettings, llm: llmSettings } as const;

/** The secrets each kind needs; the webhook's signing secret is generated, never typed. */
export const botSecretsSchemas = {
  builtin: z.object({}),
  webhook: z.object({}),
  dialogflow: z.object({ accessToken: z.string().min(1).max(4000) }),
  llm: z.object({ apiKey: z.string().min(1).max(1000) }),
} as const;

export type BotSettingsOf<K extends BotKind> = z.infer<(typeof botSettingsSchemas)[K]>;

/** Settings as stored, read with today's defaults (a setting added later has its default on older bots). */
export function readBotSettings<K extends BotKind>(kind: K, stored: Record<string, unknown>): BotSettingsOf<K> {
  return botSettingsSchemas[kind].parse(stored) as BotSettingsOf<K>;
}

export const builtinDefaults = (): BuiltinBotSettings => builtinSettings.parse({});
