import { z } from 'zod';
import path from 'node:path';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Every environment variable the server reads, in one validated schema (documented in the README). */
export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.url().optional(),
  ROLE: z.enum(['all', 'web', 'worker']).default('all'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').optional(),
  SECRET_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
  MAIL_FROM: z.string().default('Atiende <no-reply@atiende.local>'),
  STORAGE_DIR: z.string().optional(),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  UPLOAD_LIMIT_BYTES: z.coerce.number().int().min(1024).default(25 * 1_048_576),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).default(24 * 14),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  SECURE_COOKIES: bool.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DASHBOARD_DIR: z.string().optional(),
  /** The built web chat widget (loader.js, frame.html); default widget/dist beside the server. */
  WIDGET_DIR: z.string().optional(),
  OUTBOUND_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  TELEGRAM_API_URL: z.url({ protocol: /^https?$/ }).default('https://api.telegram.org'),
  /** Meta's Graph API (WhatsApp Cloud API, Messenger), its version, and Instagram's Graph host. */
  META_GRAPH_URL: z.url({ protocol: /^https?$/ }).default('https://graph.facebook.com'),
  META_GRAPH_VERSION: z.string().regex(/^v\d+\.\d+$/, 'must look like v23.0').default('v23.0'),
  INSTAGRAM_GRAPH_URL: z.url({ protocol: /^https?$/ }).default('https://graph.instagram.com'),
  TWILIO_API_URL: z.url({ protocol: /^https?$/ }).default('https://api.twilio.com'),
  /** Twilio's Content API (WhatsApp templates); unset: content.twilio.com, or TWILIO_API_URL when that is not Twilio's. */
  TWILIO_CONTENT_URL: z.url({ protocol: /^https?$/ }).optional(),
  VONAGE_API_URL: z.url({ protocol: /^https?$/ }).default('https://api.nexmo.com'),
  MESSAGEBIRD_API_URL: z.url({ protocol: /^https?$/ }).default('https://conversations.messagebird.com'),
  /** Dialogflow ES, for bots that do not name their own endpoint (a regional one, or a local fake). */
  DIALOGFLOW_API_URL: z.url({ protocol: /^https?$/ }).default('https://dialogflow.googleapis.com'),
  /** How long a remote bot (webhook, Dialogflow, LLM) may take to answer before the conversation goes to people. */
  BOT_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(15_000),
  /** Lets workflow HTTP steps call private, loopback and link-local addresses (an intranet CRM, local tests). */
  WORKFLOW_HTTP_ALLOW_PRIVATE: bool.default(false),
});

/** The providers' base URLs (and Meta's API version): adapters read them from here, so local fakes can stand in. */
export type ProviderUrls = Pick<Config, 'TELEGRAM_API_URL' | 'META_GRAPH_URL' | 'META_GRAPH_VERSION' | 'INSTAGRAM_GRAPH_URL' | 'TWILIO_API_URL' | 'TWILIO_CONTENT_URL' | 'VONAGE_API_URL' | 'MESSAGEBIRD_API_URL'>;

export type Config = z.infer<typeof configSchema> & { dataDir: string; storageDir: string; publicUrl: string };

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([k, v]) => k in configSchema.shape && v !== ''));
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  if (c.DATABASE_URL && !c.SECRET_KEY) {
    throw new ConfigError('Invalid configuration:\n  SECRET_KEY: required when DATABASE_URL is set (every node must share the key that encrypts channel secrets)');
  }
  const dataDir = path.resolve(c.DATA_DIR);
  return {
    ...c,
    dataDir,
    storageDir: path.resolve(c.STORAGE_DIR ?? path.join(dataDir, 'files')),
    publicUrl: (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, ''),
  };
}
