/** The picture formats an avatar may have, recognised by their first bytes (never by the name or the declared type). */
const formats = [
  { type: 'image/png', ext: 'png', test: (b: Buffer) => b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/jpeg', ext: 'jpg', test: (b: Buffer) => b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/gif', ext: 'gif', test: (b: Buffer) => b.length >= 6 && ['GIF87a', 'GIF89a'].includes(b.subarray(0, 6).toString('latin1')) },
  { type: 'image/webp', ext: 'webp', test: (b: Buffer) => b.length >= 12 && b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
] as const;

export type AvatarFormat = { type: string; ext: string };

export const AVATAR_MAX_BYTES = 2 * 1_048_576;

export function sniffAvatar(bytes: Buffer): AvatarFormat | null {
  const f = formats.find((x) => x.test(bytes));
  return f ? { type: f.type, ext: f.ext } : null;
}

/** The content type an avatar is served with, from the extension we gave its stored file. */
export function avatarContentType(storageKey: string): string | null {
  const ext = storageKey.split('.').pop();
  return formats.find((f) => f.ext === ext)?.type ?? null;
}
