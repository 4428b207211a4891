import { AppError, ErrorCode } from '../../platform/http/errors.js';

/** Value normalisation shared by the API, the ingest path and imports, so one person is stored one way. */

const phoneFormatting = /[\s\-().\/]/g;

/**
 * E.164-ish: formatting removed, an international `00` prefix turned into `+`, digits kept with a leading `+`.
 * Anything that is not 6–15 digits without a leading 0 after that (extensions, letters, short codes with symbols) is kept as given,
 * because losing what the customer or the provider wrote is worse than an unnormalised value.
 */
export function normalizePhone(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const given = raw.trim();
  if (!given) return null;
  let compact = given.replace(phoneFormatting, '');
  if (compact.startsWith('00')) compact = `+${compact.slice(2)}`;
  const digits = compact.startsWith('+') ? compact.slice(1) : compact;
  // No country code starts with 0: a national number with its trunk 0 cannot be made international here.
  if (/^[1-9]\d{5,14}$/.test(digits)) return `+${digits}`;
  return given;
}

/** True when the text looks like a phone number someone typed into the search box. */
export function looksLikePhone(text: string): boolean {
  return /^\+?[\d\s\-().\/]{4,}$/.test(text.trim()) && /\d{3,}/.test(text.replace(phoneFormatting, ''));
}

/** Just the digits (for searching phones however they were typed). */
export const phoneDigits = (text: string) => text.replace(/\D/g, '');

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Lowercased and trimmed; null when empty. Returns undefined when the value is not an email address. */
export function normalizeEmail(raw: string | null | undefined): string | null | undefined {
  if (raw == null) return null;
  const email = raw.trim().toLowerCase();
  if (!email) return null;
  return emailPattern.test(email) && email.length <= 254 ? email : undefined;
}

/** Trimmed, non-empty, first occurrence kept, order preserved. */
export function normalizeTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of tags) {
    const tag = t.trim();
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out;
}

export type CustomFieldValue = string | number | boolean;
export type CustomFields = Record<string, CustomFieldValue>;

/** Merge semantics of PATCH: given keys overwrite, keys set to null are removed, others stay. */
export function mergeCustomFields(current: CustomFields, patch: Record<string, CustomFieldValue | null>): CustomFields {
  const next: CustomFields = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next;
}

/** The normalised email, or a 400 naming the field (use cases may be called without the route's schema). */
export function checkedEmail(raw: string | null | undefined): string | null {
  const email = normalizeEmail(raw);
  if (email === undefined) {
    throw new AppError(ErrorCode.Validation, 400, 'Invalid body.email: Expected an email address', [{ field: 'body.email', message: 'Expected an email address' }]);
  }
  return email;
}
