import { expect } from 'vitest';
import type { TestApp } from './harness.js';
import type { Session } from './fixtures.js';

type Intent = { name: string; examples: string[]; keywords?: string[]; answer: { text: string; buttons?: { id: string; title: string }[]; menu?: boolean }; handoff?: boolean };

/** A bot through the settings API, its knowledge matrix, and the channel pointed at it with the bot on. */
export async function createBot(
  t: TestApp,
  admin: Session,
  body: { name?: string; kind: string; settings?: Record<string, unknown>; secrets?: Record<string, string> },
  opts: { intents?: Intent[]; channelId?: number } = {},
): Promise<{ id: number; credentials?: { apiToken: string; signingSecret: string } }> {
  const inject = (method: 'POST' | 'PUT' | 'PATCH', url: string, payload: unknown) => t.server.app.inject({ method, url, headers: admin.headers, payload: payload as object });
  const created = await inject('POST', '/api/v1/bots', { name: 'Eva', ...body });
  expect(created.statusCode, created.body).toBe(201);
  const { bot, credentials } = created.json();
  if (opts.intents) {
    const res = await inject('PUT', `/api/v1/bots/${bot.id}/intents`, { items: opts.intents });
    expect(res.statusCode, res.body).toBe(200);
  }
  if (opts.channelId) {
    const res = await inject('PATCH', `/api/v1/channels/${opts.channelId}`, { botId: bot.id, botEnabled: true });
    expect(res.statusCode, res.body).toBe(200);
  }
  return { id: bot.id, credentials };
}

/** A small knowledge matrix of a university's front desk (seed 003). */
export const frontDeskIntents: Intent[] = [
  { name: 'Horario', examples: ['¿Cuál es el horario de atención?', '¿A qué hora abren?', 'What are your opening hours?'], keywords: ['horario', 'hours'], answer: { text: 'Atendemos de lunes a viernes de 8:00 a 17:00.' } },
  { name: 'Matrícula', examples: ['¿Cuánto cuesta la matrícula?', 'precio de la inscripción', 'How much is the tuition?'], keywords: ['matricula', 'costo', 'precio'], answer: { text: 'La matrícula cuesta 120 USD por trimestre.' } },
  { name: 'Carreras', examples: ['¿Qué carreras tienen?', 'Quiero ver las carreras'], keywords: ['carreras'], answer: { text: '¿Qué área te interesa?', buttons: [{ id: 'Ingeniería', title: 'Ingeniería' }, { id: 'Administración', title: 'Administración' }] } },
  { name: 'Ingeniería', examples: ['Ingeniería', 'carreras de ingeniería'], keywords: ['ingenieria'], answer: { text: 'Tenemos Ingeniería de Sistemas, Civil e Industrial.' } },
  { name: 'Agente', examples: ['Quiero hablar con un agente', 'hablar con una persona', 'talk to a human'], keywords: ['agente', 'asesor', 'humano'], answer: { text: 'Claro.' }, handoff: true },
];
