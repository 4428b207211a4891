import { z } from 'zod';
import { randomToken } from '../../platform/crypto/secret-box.js';
import { AppError, ErrorCode } from '../../platform/http/errors.js';
import { messagebirdSettings, twilioSettings, twilioWhatsAppSettings, vonageSettings } from './sms/sms-settings.js';
import { generateWhatsAppSecrets, whatsappConfigSchema, whatsappSecretsSchema } from './whatsapp/whatsapp-settings.js';
import { webchatConfigSchema, webchatSecretsSchema } from './webchat/webchat-settings.js';
import { emailChannelSettings } from './email/email-settings.js';
import { formChannelSettings } from './forms/form-settings.js';
import type { Db } from '../../platform/db/db.js';

/** What each channel type accepts as settings (returned by the API) and as secrets (sealed at rest, never returned). */
export interface ChannelTypeSettings {
  config: z.ZodType<Record<string, unknown>>;
  secrets: z.ZodType<Record<string, string>>;
  /** Fresh secrets for creation and rotation. */
  generateSecrets(): Record<string, string>;
  /** The secret shown once, on creation and on rotation. */
  primarySecret: string;
  /** Checks what the schema cannot (other rows of the workspace: a web form's reply channel); throws a 400 naming the field. */
  checkInWorkspace?(db: Db, workspaceId: number, config: Record<string, unknown>): Promise<void>;
}

const httpUrl = z.url({ protocol: /^https?$/, error: 'Expected an http(s) URL' });
const metaId = (what: string) => z.string().regex(/^\d{1,30}$/, `Expected ${what} (digits only)`);
const metaToken = z.string().regex(/^[A-Za-z0-9_|.-]{20,1024}$/, 'Expected the access token Meta gave (EAA… or IG…)');
const metaAppSecret = z.string().regex(/^[A-Za-z0-9]{16,128}$/, 'Expected the App Secret from the App Dashboard (Settings › Basic)');
const metaVerifyToken = z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, 'Expected 16–256 characters A-Z a-z 0-9 _ -');

export const channelTypeSettings = {
  api: {
    config: z.strictObject({
      outboundUrl: httpUrl,
      outboundTimeoutMs: z.number().int().min(100).max(120_000).optional(),
    }),
    secrets: z.strictObject({ hmacSecret: z.string().min(16, 'At least 16 characters').max(512) }),
    generateSecrets: () => ({ hmacSecret: randomToken(32) }),
    primarySecret: 'hmacSecret',
  },
  telegram: {
    config: z.strictObject({
      /** The bot's @username, shown to agents and used for t.me links. */
      botUsername: z.string().regex(/^[A-Za-z0-9_]{5,64}$/, 'Expected the bot\'s username without @').optional(),
    }),
    secrets: z.strictObject({
      /** From @BotFather: `<bot id>:<secret>`. */
      botToken: z.string().regex(/^\d{1,20}:[A-Za-z0-9_-]{20,100}$/, 'Expected the token @BotFather gave (123456:ABC…)'),
      /** Sent by Telegram in X-Telegram-Bot-Api-Secret-Token with every update (setWebhook secret_token). */
      secretToken: z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, 'Expected 16–256 characters A-Z a-z 0-9 _ -'),
    }),
    generateSecrets: () => ({ secretToken: randomToken(32) }),
    primarySecret: 'secretToken',
  },
  webchat: {
    config: webchatConfigSchema,
    secrets: webchatSecretsSchema,
    // tokenSecret is left out on purpose: its schema default creates it, and a rotation keeps it (visitors stay signed in).
    generateSecrets: () => ({ identitySecret: randomToken(32) }),
    primarySecret: 'identitySecret',
  },
  whatsapp: {
    config: whatsappConfigSchema,
    secrets: whatsappSecretsSchema,
    generateSecrets: generateWhatsAppSecrets,
    primarySecret: 'verifyToken',
  },
  messenger: {
    config: z.strictObject({
      /** The Facebook Page's numeric id: its webhook entries are this channel's. */
      pageId: metaId('the Facebook Page id'),
    }),
    secrets: z.strictObject({
      pageAccessToken: metaToken,
      /** Meta signs every webhook with it (X-Hub-Signature-256). */
      appSecret: metaAppSecret,
      /** Pasted in Meta's App Dashboard with the callback URL; echoed in the verification GET. */
      verifyToken: metaVerifyToken,
    }),
    generateSecrets: () => ({ verifyToken: randomToken(32) }),
    primarySecret: 'verifyToken',
  },
  instagram: {
    config: z.strictObject({
      /** The Instagram professional account's id (entry.id of its webhooks). */
      accountId: metaId('the Instagram account id'),
      /** `instagram`: Instagram Login (graph.instagram.com, the default); `facebook`: Facebook Login through the linked Page. */
      apiHost: z.enum(['facebook', 'instagram']).optional(),
    }),
    secrets: z.strictObject({
      /** An Instagram user token (Instagram Login) or the linked Page's token (Facebook Login). */
      accessToken: metaToken,
      appSecret: metaAppSecret,
      verifyToken: metaVerifyToken,
    }),
    generateSecrets: () => ({ verifyToken: randomToken(32) }),
    primarySecret: 'verifyToken',
  },
  twilio: twilioSettings,
  twilio_whatsapp: twilioWhatsAppSettings,
  vonage: vonageSettings,
  messagebird: messagebirdSettings,
  email: emailChannelSettings,
  form: formChannelSettings,
} satisfies Record<string, ChannelTypeSettings>;

export type ChannelType = keyof typeof channelTypeSettings;
export const channelTypeNames = Object.keys(channelTypeSettings) as [ChannelType, ...ChannelType[]];

export function settingsFor(type: string): ChannelTypeSettings {
  const settings = (channelTypeSettings as Record<string, ChannelTypeSettings>)[type];
  if (!settings) throw validationError('body.type', `Unknown channel type ${JSON.stringify(type)}`);
  return settings;
}

export function validationError(field: string, message: string) {
  return new AppError(ErrorCode.Validation, 400, `Invalid ${field}: ${message}`, [{ field, message }]);
}

/** Validates against the type's schema; a failure names the field (never echoes the value: it may be a secret). */
function parseAs<T>(schema: z.ZodType<T>, value: unknown, field: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((i) => ({ field: [field, ...i.path.map(String)].join('.'), message: i.message }));
  throw new AppError(ErrorCode.Validation, 400, `Invalid ${details[0].field}: ${details[0].message}`, details);
}

export const parseChannelConfig = (type: string, config: unknown) => parseAs(settingsFor(type).config, config, 'body.config');
export const parseChannelSecrets = (type: string, secrets: unknown) => parseAs(settingsFor(type).secrets, secrets, 'body.secrets');
