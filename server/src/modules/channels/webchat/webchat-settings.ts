import { z } from 'zod';
import { randomToken } from '../../../platform/crypto/secret-box.js';

/**
 * A domain the widget may be embedded on: `example.com`, `*.example.com` (any subdomain) or `localhost`, with
 * an optional port. No scheme, no path: pages on http and https of that host are allowed.
 */
export const domainPattern = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(:\d{1,5})?$/, 'Expected a domain such as example.com or *.example.com (no scheme, no path)');

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected HH:MM (24 h)');

/** Open hours: ISO weekdays (1 = Monday) with from–to times in the channel's time zone. */
export const businessHoursSchema = z.strictObject({
  timezone: z.string().min(1).max(64).refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'Expected an IANA time zone such as America/Caracas'),
  schedule: z.array(z.strictObject({ day: z.number().int().min(1).max(7), from: time, to: time })).max(50),
});
export type BusinessHours = z.infer<typeof businessHoursSchema>;

const prechatField = z.strictObject({
  /** `name`, `email` and `phone` fill the contact's own fields; any other key a custom contact field. */
  key: z.string().regex(/^[a-z][a-z0-9_]{0,49}$/, 'Expected a lower-case key such as name, email, phone or a custom field key'),
  label: z.string().trim().min(1).max(100),
  type: z.enum(['text', 'email', 'tel', 'number', 'date', 'select', 'checkbox']).default('text'),
  options: z.array(z.string().max(100)).max(50).optional(),
  required: z.boolean().default(false),
});
export type PrechatField = z.infer<typeof prechatField>;

const campaign = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'Expected 1–40 characters A-Z a-z 0-9 _ -'),
  message: z.string().trim().min(1).max(500),
  /** Matched against the page's full URL; `*` stands for anything. */
  urlPattern: z.string().max(500).default('*'),
  secondsOnPage: z.number().int().min(0).max(3600).default(0),
  businessHoursOnly: z.boolean().default(false),
  enabled: z.boolean().default(true),
});
export type Campaign = z.infer<typeof campaign>;

export const webchatConfigSchema = z.strictObject({
  /** Names the channel in the embed snippet: public by design (it is in every page's HTML), so not a secret. */
  publicToken: z.string().regex(/^wc_[A-Za-z0-9_-]{16,64}$/, 'Expected wc_ followed by 16–64 characters').default(() => `wc_${randomToken(18)}`),
  /** Pages the widget may run on; empty: any site. */
  allowedDomains: z.array(domainPattern).max(50).default([]),
  greeting: z.string().trim().max(1000).default(''),
  prechat: z.strictObject({ enabled: z.boolean().default(false), message: z.string().trim().max(500).default(''), fields: z.array(prechatField).max(20).default([]) }).default({ enabled: false, message: '', fields: [] }),
  campaigns: z.array(campaign).max(20).default([]),
  /** When on, a visitor id given by the site must come with HMAC-SHA256(identitySecret, id) in hex. */
  identityVerification: z.boolean().default(false),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Expected a colour such as #1c7ed6').default('#1c7ed6'),
  position: z.enum(['right', 'left']).default('right'),
  businessHours: businessHoursSchema.optional(),
  /** An agent reply the visitor has not seen after this many minutes is also e-mailed (when they left an address); null: never. */
  emailUnreadAfterMinutes: z.number().int().min(1).max(10_080).nullable().default(10),
});
export type WebchatConfig = z.infer<typeof webchatConfigSchema>;

export const webchatSecretsSchema = z.strictObject({
  /** Given to the site's back end to sign its user ids (identity verification); shown once. */
  identitySecret: z.string().min(16, 'At least 16 characters').max(512),
  /**
   * Signs visitor tokens. Never shown; generated on creation and kept by a rotation of the identity secret, so
   * rotating does not sign every visitor out (replacing all secrets by hand does).
   */
  tokenSecret: z.string().min(32).max(512).default(() => randomToken(32)),
});

/** The channel's config as stored (it was validated on write; defaults fill keys of older rows). */
export function webchatConfigOf(config: Record<string, unknown>): WebchatConfig {
  const parsed = webchatConfigSchema.safeParse(config);
  if (parsed.success) return parsed.data;
  return webchatConfigSchema.parse({ publicToken: config.publicToken });
}
