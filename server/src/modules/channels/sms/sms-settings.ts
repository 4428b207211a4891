import crypto from 'node:crypto';
import { z } from 'zod';
import type { ChannelTypeSettings } from '../channel-settings.js';

/**
 * The settings of the SMS channel types. Every secret is the provider's, pasted by the admin (none is generated
 * here): the primary one is what verifies the provider's webhooks.
 */
const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'Expected a number in E.164 form, such as +14155550100');

const twilioConfig = (from: z.ZodType<string | undefined>) =>
  z
    .strictObject({
      accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'Expected the Account SID (AC and 32 hexadecimal characters)'),
      /** The Twilio number replies come from; or a Messaging Service picks one (messagingServiceSid). */
      from,
      messagingServiceSid: z.string().regex(/^MG[0-9a-fA-F]{32}$/, 'Expected a Messaging Service SID (MG and 32 hexadecimal characters)').optional(),
    })
    .refine((c) => c.from || c.messagingServiceSid, { message: 'Expected the Twilio number (from) or a Messaging Service SID', path: ['from'] });

export const twilioSettings = {
  config: twilioConfig(e164.optional()),
  secrets: z.strictObject({
    /** Authenticates our API calls and signs Twilio's webhooks (X-Twilio-Signature). */
    authToken: z.string().regex(/^[0-9a-fA-F]{32}$/, 'Expected the 32-character auth token of the account'),
  }),
  generateSecrets: () => ({}),
  primarySecret: 'authToken',
} satisfies ChannelTypeSettings;

/**
 * WhatsApp through Twilio: the same account credentials; `from` is the WhatsApp sender's number, kept in E.164
 * (the adapter writes `whatsapp:` in front when sending, and a pasted `whatsapp:+1…` is taken as the number).
 */
export const twilioWhatsAppSettings = {
  ...twilioSettings,
  config: twilioConfig(z.preprocess((v) => (typeof v === 'string' ? v.trim().replace(/^whatsapp:/i, '') : v), e164.optional())),
} satisfies ChannelTypeSettings;

function isPrivateKey(pem: string) {
  try {
    return crypto.createPrivateKey(pem).asymmetricKeyType === 'rsa';
  } catch {
    return false;
  }
}

export const vonageSettings = {
  config: z.strictObject({
    /** The Vonage application whose inbound and status URLs point at our webhook; our API calls are signed as it. */
    applicationId: z.uuid({ error: 'Expected the application ID (a UUID)' }),
    /** The Vonage number (E.164, + optional) or an alphanumeric sender ID of up to 11 characters where allowed. */
    from: z.string().regex(/^(\+?[1-9]\d{6,14}|[A-Za-z0-9]{1,11})$/, 'Expected your Vonage number or an alphanumeric sender of up to 11 letters and digits'),
  }),
  secrets: z.strictObject({
    /** The application's private key (PEM), for the RS256 token of each API call. */
    privateKey: z.string().refine(isPrivateKey, 'Expected the application\'s RSA private key in PEM form'),
    /** The account's signature secret: Vonage signs its webhooks with it (JWT HS256 in Authorization: Bearer). */
    signatureSecret: z.string().min(16, 'At least 16 characters').max(512),
  }),
  generateSecrets: () => ({}),
  primarySecret: 'signatureSecret',
} satisfies ChannelTypeSettings;

export const messagebirdSettings = {
  config: z.strictObject({
    /** The MessageBird channel (the SMS number's channel in Channels) replies are sent from. */
    channelId: z.string().regex(/^[0-9a-f]{32}$/, 'Expected the channel ID (32 hexadecimal characters)'),
  }),
  secrets: z.strictObject({
    /** A live API access key (Authorization: AccessKey …). */
    accessKey: z.string().regex(/^[A-Za-z0-9_]{20,64}$/, 'Expected an access key of letters and digits'),
    /** The signing key: MessageBird signs its webhooks with it (MessageBird-Signature-JWT). */
    signingKey: z.string().min(16, 'At least 16 characters').max(512),
  }),
  generateSecrets: () => ({}),
  primarySecret: 'signingKey',
} satisfies ChannelTypeSettings;
