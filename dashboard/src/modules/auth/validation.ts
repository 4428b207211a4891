/** Mirrors the server's rules so mistakes show before a round trip; the server still decides. */
export const MIN_PASSWORD_LENGTH = 8;

export const looksLikeEmail = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());

export type FieldErrors<K extends string> = Partial<Record<K, string>>;
