/** A phone number in E.164: `+`, a country code that does not start with 0, up to 15 digits in all. */
const E164 = /^\+[1-9]\d{6,14}$/;

export const isE164 = (value: string) => E164.test(value);

/**
 * The customer's address as an SMS provider gives it, in one form for every provider: E.164 when it is a phone
 * number (Twilio sends `+14155550100`, Vonage `447700900001`, MessageBird either), as given otherwise (a short
 * code or an alphanumeric sender such as `Movistar`, which cannot be answered anyway).
 */
export function normalisePhone(raw: string): string {
  const trimmed = raw.trim();
  const compact = trimmed.replace(/[\s().-]/g, '').replace(/^00/, '+');
  const candidate = /^\d+$/.test(compact) ? `+${compact}` : compact;
  return isE164(candidate) ? candidate : trimmed;
}

/** Vonage wants numbers without the `+`. */
export const withoutPlus = (e164: string) => e164.replace(/^\+/, '');
