import { z } from 'zod';
import { randomToken } from '../../../platform/crypto/secret-box.js';

const graphId = (what: string) => z.string().trim().regex(/^\d{5,25}$/, `Expected the ${what} (digits, from WhatsApp Manager or the App Dashboard)`);

/** The number and business account, from the App Dashboard's WhatsApp → API Setup page. */
export const whatsappConfigSchema = z.strictObject({
  phoneNumberId: graphId('phone number ID'),
  /** The WhatsApp Business Account (WABA) id: its templates are synchronised, its webhooks subscribed. */
  businessAccountId: graphId('WhatsApp Business Account ID'),
  /** As the customer sees it, e.g. "+57 300 1234567" (shown to agents). */
  displayPhoneNumber: z.string().trim().min(3).max(40).optional(),
});

export const whatsappSecretsSchema = z.strictObject({
  /** A system user's permanent access token (whatsapp_business_messaging and whatsapp_business_management). */
  accessToken: z.string().trim().min(20, 'Expected the access token from Meta (EAA…)').max(1024),
  /** App Dashboard → Settings → Basic: the key of X-Hub-Signature-256. */
  appSecret: z.string().trim().regex(/^[A-Za-z0-9]{16,128}$/, 'Expected the app secret (32 hexadecimal characters)'),
  /** What Meta sends in hub.verify_token when the callback URL is set; ours, pasted into the App Dashboard. */
  verifyToken: z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, 'Expected 16–256 characters A-Z a-z 0-9 _ -'),
});

export const generateWhatsAppSecrets = () => ({ verifyToken: randomToken(32) });
