import { DateTime } from 'luxon';
import type { TranscriptHeader, TranscriptLine } from './transcript.repo.js';

type Lang = 'es' | 'en';

const words = {
  es: {
    subject: (w: string) => `Transcripción de su conversación con ${w}`,
    intro: (w: string, ch: string, id: number) => `Conversación #${id} con ${w} (${ch}).`,
    zone: (tz: string) => `Horas en ${tz}.`,
    customer: 'Cliente',
    bot: 'Bot',
    file: 'archivo',
    empty: '(Todavía no hay mensajes en esta conversación.)',
    cut: (n: number) => `(Se muestran los primeros ${n} mensajes.)`,
    format: 'dd/MM/yyyy HH:mm',
  },
  en: {
    subject: (w: string) => `Transcript of your conversation with ${w}`,
    intro: (w: string, ch: string, id: number) => `Conversation #${id} with ${w} (${ch}).`,
    zone: (tz: string) => `Times in ${tz}.`,
    customer: 'Customer',
    bot: 'Bot',
    file: 'file',
    empty: '(There are no messages in this conversation yet.)',
    cut: (n: number) => `(Showing the first ${n} messages.)`,
    format: 'yyyy-MM-dd HH:mm',
  },
} as const;

/** The contact's language when we have it in Spanish or English, else the workspace's. */
export function transcriptLanguage(h: Pick<TranscriptHeader, 'contact_language' | 'workspace_language'>): Lang {
  const pick = (l: string | null) => (l?.toLowerCase().startsWith('en') ? 'en' : l?.toLowerCase().startsWith('es') ? 'es' : null);
  return pick(h.contact_language) ?? pick(h.workspace_language) ?? 'es';
}

/**
 * The transcript as a plain-text mail: a heading, then one entry per message with its time in the
 * workspace's time zone and who wrote it; the files are listed by name (links would need a session).
 */
export function transcriptMail(h: TranscriptHeader, lines: TranscriptLine[], opts: { truncatedAt?: number } = {}) {
  const lang = transcriptLanguage(h);
  const w = words[lang];
  const zone = DateTime.local().setZone(h.workspace_timezone).isValid ? h.workspace_timezone : 'UTC';
  const sender = (l: TranscriptLine) => {
    if (l.sender_type === 'contact') return l.sender_name || h.contact_name || w.customer;
    if (l.sender_type === 'user') return l.sender_name ?? h.workspace_name;
    if (l.sender_type === 'bot') return w.bot;
    return h.workspace_name;
  };
  const entries = lines.map((l) => {
    const at = DateTime.fromJSDate(new Date(l.created_at), { zone }).toFormat(w.format);
    const body = l.body.replace(/\r\n?/g, '\n').trim();
    const text = [body, ...(l.files ?? []).map((f) => `[${w.file}: ${f}]`)].filter(Boolean).join('\n');
    const [first, ...rest] = text.split('\n');
    return [`[${at}] ${sender(l)}: ${first ?? ''}`, ...rest.map((r) => `    ${r}`)].join('\n');
  });
  const text = [
    w.intro(h.workspace_name, h.channel_name, h.conversation_id),
    w.zone(zone),
    '',
    ...(entries.length ? entries : [w.empty]),
    ...(opts.truncatedAt ? ['', w.cut(opts.truncatedAt)] : []),
  ].join('\n');
  return { subject: w.subject(h.workspace_name), text: `${text}\n` };
}
