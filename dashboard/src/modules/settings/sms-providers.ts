import type { SmsProvider } from './sms-channels.api';

/** One credential of a provider: where it goes (config is shown later; secrets never are) and its shape. */
export interface SmsField {
  key: string;
  in: 'config' | 'secrets';
  /** Mirrors the server's rule so mistakes show before a round trip; the server still decides. */
  valid: (value: string) => boolean;
  optional?: boolean;
  multiline?: boolean;
}

const E164 = /^\+[1-9]\d{6,14}$/;
const hex32 = (prefix = '') => new RegExp(`^${prefix}[0-9a-fA-F]{32}$`);
const test = (re: RegExp) => (v: string) => re.test(v);

/** What each SMS provider asks for, in the order its console shows it. */
export const SMS_FIELDS: Record<SmsProvider, SmsField[]> = {
  twilio: [
    { key: 'accountSid', in: 'config', valid: test(hex32('AC')) },
    { key: 'authToken', in: 'secrets', valid: test(hex32()) },
    // A WhatsApp sender may be pasted as Twilio writes it (whatsapp:+1…): the form sends the number alone.
    { key: 'from', in: 'config', valid: (v) => E164.test(v.replace(/^whatsapp:/i, '')), optional: true },
    { key: 'messagingServiceSid', in: 'config', valid: test(hex32('MG')), optional: true },
  ],
  vonage: [
    { key: 'applicationId', in: 'config', valid: test(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i) },
    { key: 'from', in: 'config', valid: test(/^(\+?[1-9]\d{6,14}|[A-Za-z0-9]{1,11})$/) },
    { key: 'privateKey', in: 'secrets', valid: (v) => /-----BEGIN (RSA )?PRIVATE KEY-----/.test(v), multiline: true },
    { key: 'signatureSecret', in: 'secrets', valid: (v) => v.length >= 16 },
  ],
  messagebird: [
    { key: 'channelId', in: 'config', valid: test(/^[0-9a-f]{32}$/) },
    { key: 'accessKey', in: 'secrets', valid: test(/^[A-Za-z0-9_]{20,64}$/) },
    { key: 'signingKey', in: 'secrets', valid: (v) => v.length >= 16 },
  ],
};

export const SMS_PROVIDERS = Object.keys(SMS_FIELDS) as SmsProvider[];

/** The field keys of a form with a name, a team and every provider's credentials. */
export const smsFieldKeys = (provider: SmsProvider) => ['name', 'defaultTeamId', ...SMS_FIELDS[provider].map((f) => f.key)];

/** Errors by field (translation keys under settings.channels.sms.invalid), client side. */
export function validateSms(provider: SmsProvider, values: Record<string, string>): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.name?.trim()) errors.name = 'required';
  for (const field of SMS_FIELDS[provider]) {
    const value = (values[field.key] ?? '').trim();
    if (!value) {
      if (!field.optional) errors[field.key] = 'required';
    } else if (!field.valid(value)) errors[field.key] = field.key;
  }
  // Twilio sends from a number or lets a Messaging Service pick one: one of the two.
  if (provider === 'twilio' && !values.from?.trim() && !values.messagingServiceSid?.trim() && !errors.from) errors.from = 'fromOrService';
  return errors;
}
