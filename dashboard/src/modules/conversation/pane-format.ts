/** Small pure helpers of the conversation pane (unit-tested). */

/** 1536 → "1.5 KB", in the reader's language. */
export function formatBytes(bytes: number, language: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

export type AttachmentKind = 'image' | 'audio' | 'video' | 'pdf' | 'file';

/** How an attachment is previewed, by its stored content type (and the file name when the type is generic). */
export function attachmentKind(contentType: string, filename: string): AttachmentKind {
  const type = contentType.toLowerCase().split(';')[0]!.trim();
  if (/^image\/(png|jpe?g|gif|webp|avif|bmp)$/.test(type)) return 'image';
  if (type.startsWith('audio/')) return 'audio';
  if (type.startsWith('video/')) return 'video';
  if (type === 'application/pdf' || (type === 'application/octet-stream' && /\.pdf$/i.test(filename))) return 'pdf';
  return 'file';
}

/** The name shown for a contact: name, else phone, else e-mail, else its number. */
export function contactLabel(contact: { id: number; name: string; phone: string | null; email: string | null }): string {
  return contact.name.trim() || contact.phone || contact.email || `#${contact.id}`;
}

/**
 * A contact nobody has named yet (seed 004's unknown numbers): ingestion stores the phone, e-mail or
 * channel id as the name, so a name that is only a number, or the e-mail itself, is no name.
 */
export function isUnnamedContact(contact: { name: string; phone: string | null; email: string | null }): boolean {
  const name = contact.name.trim();
  if (!name) return true;
  if (contact.email && name.toLowerCase() === contact.email.toLowerCase()) return true;
  return /^\d{5,}$/.test(name.replace(/[\s\-().+/]/g, ''));
}

/**
 * Reply windows of the channels that have one (WhatsApp, Messenger and Instagram allow free-form
 * replies for 24 h after the customer's last message). The API channel has none.
 */
const replyWindows: Record<string, number> = {
  whatsapp: 24 * 3600_000,
  twilio_whatsapp: 24 * 3600_000,
  messenger: 24 * 3600_000,
  instagram: 24 * 3600_000,
};

export interface ReplyWindowState {
  remainingMs: number;
  expired: boolean;
}

export function replyWindow(channelType: string, lastInboundAt: string | null, now: number): ReplyWindowState | null {
  const duration = replyWindows[channelType];
  if (!duration) return null;
  if (!lastInboundAt) return { remainingMs: 0, expired: true };
  const remainingMs = new Date(lastInboundAt).getTime() + duration - now;
  return { remainingMs: Math.max(0, remainingMs), expired: remainingMs <= 0 };
}

/** 5 h 03 min → { hours: 5, minutes: 3 } (minutes rounded up, so "0 min" never shows while time is left). */
export function splitDuration(ms: number): { hours: number; minutes: number } {
  const totalMinutes = Math.ceil(ms / 60_000);
  return { hours: Math.floor(totalMinutes / 60), minutes: totalMinutes % 60 };
}

/** The datetime-local value (YYYY-MM-DDTHH:mm, local time) of a date. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
