/**
 * The opt-out and opt-in words carriers and providers act on when a customer sends them as the whole message
 * (Twilio's defaults: STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT and, since 2025, OPTOUT and REVOKE; START,
 * UNSTOP and YES re-subscribe; HELP and INFO). BAJA is what Spanish-speaking customers are told to send. Providers
 * already block sends after a STOP (Twilio answers 21610); we record the word so agents see why.
 */
const KEYWORDS: Record<string, SmsKeyword> = Object.fromEntries([
  ...['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'OPTOUT', 'REVOKE', 'BAJA'].map((w) => [w, 'stop'] as const),
  ...['START', 'UNSTOP', 'YES'].map((w) => [w, 'start'] as const),
  ...['HELP', 'INFO'].map((w) => [w, 'help'] as const),
]);

export type SmsKeyword = 'stop' | 'start' | 'help';

/** The keyword a message is, if the whole message is one (case, spaces and a final period ignored). */
export function smsKeyword(text: string): SmsKeyword | null {
  const word = text.trim().replace(/[.!]+$/, '').toUpperCase();
  return KEYWORDS[word] ?? null;
}
