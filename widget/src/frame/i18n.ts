const es = {
  placeholder: 'Escriba un mensaje…',
  send: 'Enviar',
  attach: 'Adjuntar archivo',
  emoji: 'Emojis',
  close: 'Cerrar chat',
  typing: '{name} está escribiendo…',
  earlier: 'Conversación anterior',
  loadEarlier: 'Ver mensajes anteriores',
  ended: 'La conversación terminó',
  rate: '¿Cómo le atendimos?',
  stars: '{n} de 5 estrellas',
  comment: 'Comentario (opcional)',
  sendRating: 'Enviar valoración',
  thanks: '¡Gracias por su valoración!',
  transcript: 'Enviarme la transcripción',
  yourEmail: 'Su correo electrónico',
  transcriptSent: 'Transcripción enviada a {to}',
  prechatTitle: 'Antes de empezar, cuéntenos quién es',
  start: 'Empezar a chatear',
  required: 'obligatorio',
  notAllowed: 'Este chat no está disponible en este sitio.',
  unavailable: 'El chat no está disponible ahora.',
  failed: 'No se envió. Toque para reintentar.',
  reconnecting: 'Reconectando…',
  newConversation: 'Escriba para empezar una nueva conversación.',
  remove: 'Quitar',
  you: 'Usted',
};
export type Strings = typeof es;

const en: Strings = {
  placeholder: 'Write a message…',
  send: 'Send',
  attach: 'Attach a file',
  emoji: 'Emoji',
  close: 'Close chat',
  typing: '{name} is typing…',
  earlier: 'Earlier conversation',
  loadEarlier: 'Show earlier messages',
  ended: 'This conversation has ended',
  rate: 'How did we do?',
  stars: '{n} out of 5 stars',
  comment: 'Comment (optional)',
  sendRating: 'Send rating',
  thanks: 'Thank you for your rating!',
  transcript: 'Email me the transcript',
  yourEmail: 'Your email address',
  transcriptSent: 'Transcript sent to {to}',
  prechatTitle: 'Before we start, tell us who you are',
  start: 'Start chatting',
  required: 'required',
  notAllowed: 'This chat is not available on this site.',
  unavailable: 'The chat is not available right now.',
  failed: 'Not sent. Tap to retry.',
  reconnecting: 'Reconnecting…',
  newConversation: 'Write to start a new conversation.',
  remove: 'Remove',
  you: 'You',
};

/** Spanish unless the page (data-lang) or the browser asks for English. */
export function pickLanguage(requested: string | undefined, browser: readonly string[]): 'es' | 'en' {
  for (const tag of [requested, ...browser]) {
    const lang = tag?.toLowerCase().split('-')[0];
    if (lang === 'es' || lang === 'en') return lang;
  }
  return 'es';
}

export const stringsFor = (lang: 'es' | 'en'): Strings => (lang === 'en' ? en : es);

export const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_, k) => String(values[k] ?? ''));
