/** Message-ID handling (RFC 5322 §3.6.4): we store ids without their angle brackets. */

const MAX_ID_LENGTH = 900;

/** Every `<id>` in a header value (References, In-Reply-To), in order, without brackets. */
export function messageIdsIn(value: string | undefined | null): string[] {
  if (!value) return [];
  const bracketed = [...value.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]);
  const ids = bracketed.length ? bracketed : value.split(/[\s,]+/).filter((s) => s.includes('@'));
  return ids.filter((id) => id.length <= MAX_ID_LENGTH);
}

export function firstMessageId(value: string | undefined | null): string | null {
  return messageIdsIn(value)[0] ?? null;
}

export const bracketed = (id: string) => `<${id}>`;
