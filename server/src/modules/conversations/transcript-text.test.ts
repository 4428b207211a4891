import { describe, expect, it } from 'vitest';
import { transcriptLanguage, transcriptMail } from './transcript-text.js';
import type { TranscriptHeader, TranscriptLine } from './transcript.repo.js';

const header: TranscriptHeader = {
  conversation_id: 42, created_at: '2026-01-05T12:00:00Z', contact_name: 'María Pérez', contact_language: null, channel_name: 'WhatsApp Ventas',
  workspace_name: 'Óptica Sol', workspace_timezone: 'America/Caracas', workspace_language: 'es',
};
const line = (over: Partial<TranscriptLine>): TranscriptLine => ({ id: 1, sender_type: 'contact', sender_name: 'María Pérez', body: 'Hola', created_at: '2026-01-05T12:00:00Z', files: null, ...over });

describe('transcript text', () => {
  it('writes each message with its time in the workspace\'s zone and its sender, files by name', () => {
    const mail = transcriptMail(header, [
      line({}),
      line({ id: 2, sender_type: 'user', sender_name: 'Ana', body: '¡Hola María!\nTe ayudo.', created_at: '2026-01-05T12:01:30Z' }),
      line({ id: 3, sender_type: 'contact', sender_name: null, body: '', files: ['receta.pdf'], created_at: '2026-01-06T03:59:00Z' }),
      line({ id: 4, sender_type: 'bot', sender_name: null, body: 'Gracias', created_at: '2026-01-06T04:00:00Z' }),
    ]);
    expect(mail.subject).toBe('Transcripción de su conversación con Óptica Sol');
    expect(mail.text).toBe([
      'Conversación #42 con Óptica Sol (WhatsApp Ventas).',
      'Horas en America/Caracas.',
      '',
      '[05/01/2026 08:00] María Pérez: Hola',
      '[05/01/2026 08:01] Ana: ¡Hola María!',
      '    Te ayudo.',
      '[05/01/2026 23:59] María Pérez: [archivo: receta.pdf]',
      '[06/01/2026 00:00] Bot: Gracias',
      '',
    ].join('\n'));
  });

  it('speaks the contact\'s language when known, else the workspace\'s', () => {
    expect(transcriptLanguage({ contact_language: 'en-US', workspace_language: 'es' })).toBe('en');
    expect(transcriptLanguage({ contact_language: 'pt', workspace_language: 'en' })).toBe('en');
    expect(transcriptLanguage({ contact_language: null, workspace_language: 'fr' })).toBe('es');
    const mail = transcriptMail({ ...header, contact_language: 'en', workspace_timezone: 'Europe/Madrid' }, [line({})]);
    expect(mail.subject).toBe('Transcript of your conversation with Óptica Sol');
    expect(mail.text).toContain('[2026-01-05 13:00] María Pérez: Hola');
  });

  it('says so when empty or cut', () => {
    expect(transcriptMail(header, []).text).toContain('(Todavía no hay mensajes en esta conversación.)');
    expect(transcriptMail(header, [line({})], { truncatedAt: 1 }).text).toContain('(Se muestran los primeros 1 mensajes.)');
  });
});
