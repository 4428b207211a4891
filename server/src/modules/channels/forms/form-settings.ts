import { z } from 'zod';
import { randomToken } from '../../../platform/crypto/secret-box.js';
import type { Db } from '../../../platform/db/db.js';
import { invalidField } from '../../invalid-field.js';
import { domainPattern } from '../webchat/webchat-settings.js';
import { findChannel } from '../channels.repo.js';
import { contactFieldsByKeys } from '../../contacts/contact-fields.repo.js';

/** Fields that fill the contact itself (name, email, phone) or the message (subject, message); any other key is a contact custom field. */
export const OWN_FIELDS = ['name', 'email', 'phone', 'subject', 'message'] as const;
export type OwnField = (typeof OWN_FIELDS)[number];
export const isOwnField = (key: string): key is OwnField => (OWN_FIELDS as readonly string[]).includes(key);

/**
 * The hidden field people never see and bots fill. A fixed name, so no form field may take it; it reads like a
 * real field to a bot on purpose.
 */
export const HONEYPOT_FIELD = 'homepage';

/** The channel types a form can answer through: email to the contact's address, SMS to their phone. */
export const REPLY_CHANNEL_TYPES = ['email', 'twilio', 'vonage', 'messagebird'] as const;

const formField = z.strictObject({
  key: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,49}$/, 'Expected name, email, phone, subject, message or the key of a contact field')
    .refine((k) => k !== HONEYPOT_FIELD, `"${HONEYPOT_FIELD}" is reserved for the anti-spam field`),
  label: z.string().trim().min(1).max(100),
  required: z.boolean().default(false),
});
export type FormField = z.infer<typeof formField>;

export const DEFAULT_FORM_FIELDS: FormField[] = [
  { key: 'name', label: 'Nombre', required: true },
  { key: 'email', label: 'Correo electrónico', required: true },
  { key: 'phone', label: 'Teléfono', required: false },
  { key: 'subject', label: 'Asunto', required: true },
  { key: 'message', label: 'Mensaje', required: true },
];

const httpUrl = z.url({ protocol: /^https?$/, error: 'Expected an http(s) URL' });

export const formConfigSchema = z.strictObject({
  fields: z
    .array(formField)
    .min(1)
    .max(30)
    .default(DEFAULT_FORM_FIELDS)
    .superRefine((fields, issue) => {
      const seen = new Set<string>();
      fields.forEach((f, i) => {
        if (seen.has(f.key)) issue.addIssue({ code: 'custom', path: [i, 'key'], message: `"${f.key}" appears twice` });
        seen.add(f.key);
      });
      // Replies go to the contact's address or phone: a form that asks for neither could never be answered.
      if (!fields.some((f) => f.key === 'email' || f.key === 'phone')) issue.addIssue({ code: 'custom', message: 'The form must ask for an email or a phone number, so replies can reach the customer' });
    }),
  /** An email or SMS channel of the same workspace: agents' replies go out through it. */
  replyChannelId: z.number().int().positive(),
  /** Pages the form may be posted from (CORS and the Origin check); empty: any site. */
  allowedOrigins: z.array(domainPattern).max(50).default([]),
  successMessage: z.string().trim().min(1).max(500).default('¡Gracias! Recibimos tu consulta y te responderemos pronto.'),
  /** Where a plain HTML form (no JavaScript) is sent after a successful post (303); without it a short page says the success message. */
  redirectUrl: httpUrl.optional(),
  submitLabel: z.string().trim().min(1).max(60).default('Enviar'),
  /** The language of the embedded form's own texts (errors, "sending…"). */
  language: z.enum(['es', 'en']).default('es'),
  /** Submissions accepted per minute from one IP address, and for the whole form (per server node). */
  limits: z
    .strictObject({ perIpPerMinute: z.number().int().min(1).max(1000).default(5), perChannelPerMinute: z.number().int().min(1).max(10_000).default(60) })
    .default({ perIpPerMinute: 5, perChannelPerMinute: 60 }),
});
export type FormConfig = z.infer<typeof formConfigSchema>;

export const formSecretsSchema = z.strictObject({
  /**
   * For the site's own back end (a customer portal posting on its users' behalf): sent as X-Atiende-Form-Key, it
   * passes the allowed-origins check and the per-IP limit. Browsers never need it.
   */
  formKey: z.string().min(16).max(256),
});

export const FORM_KEY_HEADER = 'x-atiende-form-key';

/** The channel's config as stored (validated on write; defaults fill keys an older row lacks). */
export function formConfigOf(config: Record<string, unknown>): FormConfig {
  return formConfigSchema.parse(config);
}

/**
 * What the schema cannot see: the reply channel is an email or SMS channel of this workspace, and every custom
 * field is one of the workspace's contact fields (whose type then validates the answers).
 */
export async function checkFormConfig(db: Db, workspaceId: number, raw: Record<string, unknown>): Promise<void> {
  const config = raw as FormConfig;
  const reply = await findChannel(db, workspaceId, config.replyChannelId);
  if (!reply) throw invalidField('body.config.replyChannelId', 'No such channel in this workspace');
  if (!(REPLY_CHANNEL_TYPES as readonly string[]).includes(reply.type)) throw invalidField('body.config.replyChannelId', 'Expected an email or SMS channel');
  const custom = config.fields.filter((f) => !isOwnField(f.key));
  const defined = new Set((await contactFieldsByKeys(db, workspaceId, custom.map((f) => f.key))).map((d) => d.key));
  const missing = config.fields.findIndex((f) => !isOwnField(f.key) && !defined.has(f.key));
  if (missing >= 0) throw invalidField(`body.config.fields.${missing}.key`, 'No contact field has this key: create it in Settings › Contact fields first');
}

export const formChannelSettings = {
  config: formConfigSchema,
  secrets: formSecretsSchema,
  generateSecrets: () => ({ formKey: randomToken(24) }),
  primarySecret: 'formKey',
  checkInWorkspace: checkFormConfig,
};
