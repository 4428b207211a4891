import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { AppError, ErrorCode } from '../../platform/http/errors.js';
import type { BotKind } from './bot-engine.js';
import { botSecretsSchemas, botSettingsSchemas } from './bot-settings.js';

/**
 * Settings and secrets are validated by the bot's kind, which the route's schema cannot know; a failure names the
 * field (`body.settings.url`) and never echoes the value (it may be a secret). Unknown keys are refused: a typo in a
 * setting's name would otherwise be dropped silently.
 */
function parseAs(schema: z.ZodObject, value: unknown, field: string): Record<string, unknown> {
  const parsed = z.strictObject(schema.shape).safeParse(value);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((issue) => {
    const path = [field, ...issue.path.map(String), ...(issue.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [])];
    return { field: path.join('.'), message: issue.message };
  });
  throw new AppError(ErrorCode.Validation, 400, `Invalid ${details[0].field}: ${details[0].message}`, details);
}

export const parseBotSettings = (kind: BotKind, settings: unknown) => parseAs(botSettingsSchemas[kind], settings, 'body.settings');
export const parseBotSecrets = (kind: BotKind, secrets: unknown) => parseAs(botSecretsSchemas[kind], secrets, 'body.secrets');

/** A bot without secrets (the built-in one) stores none, so `hasSecrets` stays false. */
export const sealBotSecrets = (ctx: Pick<AppContext, 'secrets'>, secrets: Record<string, unknown>): string | null =>
  Object.keys(secrets).length ? ctx.secrets.seal(secrets) : null;

/** The current settings with a patch over them: a key set to null goes back to its default. */
export function mergeSettings(current: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const next = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next;
}
