/**
 * Cuts the quoted history off a reply, so the agent reads what the customer wrote this time. The full text is
 * kept beside it (meta.email.fullText). Conservative: only well-known reply headers and a trailing block of
 * "> " lines are cut, and never when nothing would be left above them (bottom-posting, forwards).
 */

/** "On Mon, 5 Jan 2026 at 12:00, Ana <ana@x.com> wrote:" and its translations (Gmail, Apple Mail, Thunderbird). */
const ATTRIBUTION = [
  /^On\b.{0,300}\bwrote\s*:\s*$/i,
  /^El\b.{0,300}\bescribi[óo]\s*:\s*$/i,
  /^Em\b.{0,300}\bescreveu\s*:\s*$/i,
  /^Le\b.{0,300}\ba [ée]crit\s*:\s*$/i,
  /^Am\b.{0,300}\bschrieb\b.{0,100}:\s*$/i,
  /^Il giorno\b.{0,300}\bha scritto\s*:\s*$/i,
];

/** Outlook's separators. */
const SEPARATOR = [
  /^-{2,}\s*(Original Message|Mensaje original|Mensagem original|Message d'origine|Urspr[üu]ngliche Nachricht|Messaggio originale)\s*-{2,}\s*$/i,
  /^_{10,}\s*$/,
];

/** Outlook's header block without a separator: "De: …" followed within a few lines by "Enviado: …" or "Sent: …". */
const HEADER_FROM = /^\*?(From|De|Von|Da)\s*:\*?\s+\S/i;
const HEADER_SENT = /^\*?(Sent|Date|Enviado(?: el)?|Fecha|Gesendet|Data|Inviato)\s*:\*?\s+\S/i;

function quoteStartsAt(lines: string[], i: number): boolean {
  const line = lines[i].trim();
  if (!line) return false;
  if (SEPARATOR.some((re) => re.test(line))) return true;
  // An attribution line wrapped by the sender's client ("El lun, 5 ene 2026 a las 12:00, Ana (<ana@x.com>)\nescribió:").
  const joined = [line, lines[i + 1]?.trim() ?? ''].join(' ').trim();
  if (ATTRIBUTION.some((re) => re.test(line) || re.test(joined))) return true;
  if (HEADER_FROM.test(line)) return lines.slice(i + 1, i + 5).some((l) => HEADER_SENT.test(l.trim()));
  return false;
}

/** Where a trailing block made only of "> " lines (and blank lines) begins, or -1. */
function trailingQuoteStart(lines: string[]): number {
  let start = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i].trim();
    if (line.startsWith('>')) start = i;
    else if (line !== '') break;
  }
  return start;
}

export function trimQuotedText(text: string): { text: string; trimmed: boolean } {
  const normalized = text.replace(/\r\n?/g, '\n');
  const lines = normalized.split('\n');
  let cut = lines.findIndex((_, i) => quoteStartsAt(lines, i));
  const trailing = trailingQuoteStart(lines);
  if (trailing >= 0 && (cut < 0 || trailing < cut)) cut = trailing;
  if (cut < 0) return { text: normalized.trim(), trimmed: false };
  const kept = lines.slice(0, cut).join('\n').trim();
  if (!kept) return { text: normalized.trim(), trimmed: false };
  return { text: kept, trimmed: true };
}
