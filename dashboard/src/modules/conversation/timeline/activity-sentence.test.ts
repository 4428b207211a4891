import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { mergedLocales } from '../../../i18n/locales';
import { activitySentence, type ActivityContext } from './activity-sentence';

let es: TFunction;
let en: TFunction;

beforeAll(async () => {
  const resources = Object.fromEntries(Object.entries(mergedLocales()).map(([lng, tree]) => [lng, { translation: tree }]));
  const make = async (lng: string) => {
    const instance = i18next.createInstance();
    await instance.init({ resources, lng, fallbackLng: false, interpolation: { escapeValue: false } });
    return instance.t;
  };
  es = await make('es');
  en = await make('en');
});

const users: Record<number, string> = { 1: 'Ana', 2: 'Bruno' };
const teams: Record<number, string> = { 5: 'Ventas' };
const ctx = (language: string): ActivityContext => ({
  userName: (id) => users[id] ?? null,
  teamName: (id) => teams[id] ?? null,
  language,
  formatDate: (iso) => `<${iso.slice(0, 10)}>`,
});
const byAna: { type: string; id: number | null } = { type: 'user', id: 1 };
const entry = (meta: Record<string, unknown>, sender = byAna) => ({ meta, sender });

describe('activitySentence', () => {
  it('names who took the conversation, and from whom', () => {
    expect(activitySentence(es, entry({ action: 'taken', userId: 1, previousAssigneeId: null }), ctx('es'))).toBe('Ana tomó la conversación');
    expect(activitySentence(en, entry({ action: 'taken', userId: 1, previousAssigneeId: 2 }), ctx('en'))).toBe('Ana took over the conversation from Bruno');
  });

  it('describes assignments and transfers with their reason', () => {
    const assigned = entry({ action: 'assigned', from: { assigneeId: null, teamId: 5 }, to: { assigneeId: 2, teamId: 5 }, reason: 'turno de tarde' });
    expect(activitySentence(es, assigned, ctx('es'))).toBe('Ana asignó la conversación a Bruno — Motivo: turno de tarde');
    const toTeam = entry({ action: 'transferred', from: { assigneeId: 1, teamId: null }, to: { assigneeId: null, teamId: 5 }, reason: null });
    expect(activitySentence(en, toTeam, ctx('en'))).toBe('Ana transferred the conversation to the Ventas queue');
    const toAgent = entry({ action: 'transferred', from: { assigneeId: 1, teamId: null }, to: { assigneeId: 2, teamId: 5 } });
    expect(activitySentence(es, toAgent, ctx('es'))).toBe('Ana transfirió la conversación a Bruno (Ventas)');
    const unassigned = entry({ action: 'assigned', from: { assigneeId: 2, teamId: 5 }, to: { assigneeId: null, teamId: 5 } });
    expect(activitySentence(en, unassigned, ctx('en'))).toBe('Ana unassigned Bruno');
  });

  it('tells automatic assignments and why routing put a conversation back in the queue', () => {
    const system = { type: 'system', id: null };
    expect(activitySentence(es, entry({ action: 'assigned', auto: true, from: { assigneeId: null, teamId: 5 }, to: { assigneeId: 2, teamId: 5 } }, system), ctx('es'))).toBe('Asignada automáticamente a Bruno');
    expect(activitySentence(es, entry({ action: 'released', reason: 'unanswered', minutes: 5, previousAssigneeId: 1 }, system), ctx('es'))).toBe('Ana no respondió en 5 minutos: la conversación volvió a la cola');
    expect(activitySentence(en, entry({ action: 'released', reason: 'offline', previousAssigneeId: 2 }, system), ctx('en'))).toBe('Bruno went offline: the conversation went back to the queue');
    expect(activitySentence(es, entry({ action: 'released', reason: 'deactivated', previousAssigneeId: 2 }, system), ctx('es'))).toBe('Bruno ya no está activo: la conversación volvió a la cola');
  });

  it('reads tags as a list with the right plural', () => {
    expect(activitySentence(es, entry({ action: 'tagged', added: ['vip'], removed: [] }), ctx('es'))).toBe('Ana agregó la etiqueta “vip”');
    expect(activitySentence(en, entry({ action: 'tagged', added: ['vip', 'ventas', 'nuevo'], removed: [] }), ctx('en'))).toBe(
      'Ana added the tags “vip”, “ventas”, and “nuevo”',
    );
    expect(activitySentence(es, entry({ action: 'tagged', added: ['a'], removed: ['b', 'c'] }), ctx('es'))).toBe('Ana agregó “a” y quitó “b” y “c”');
  });

  it('translates statuses and priorities', () => {
    expect(activitySentence(es, entry({ action: 'priority_changed', from: 'none', to: 'urgent' }), ctx('es'))).toBe(
      'Ana cambió la prioridad de Sin prioridad a Urgente',
    );
    expect(activitySentence(en, entry({ action: 'status_changed', from: 'queued', to: 'open' }), ctx('en'))).toBe('Ana changed the status from Queued to Open');
  });

  it('covers snooze, close, reopen and the bot, with non-human actors', () => {
    expect(activitySentence(es, entry({ action: 'snoozed', option: 'until_reply', until: null }), ctx('es'))).toBe(
      'Ana pospuso la conversación hasta que el cliente responda',
    );
    expect(activitySentence(en, entry({ action: 'snoozed', option: 'tomorrow', until: '2030-01-02T09:00:00.000Z' }), ctx('en'))).toBe(
      'Ana snoozed the conversation until <2030-01-02>',
    );
    expect(activitySentence(es, entry({ action: 'woken' }, { type: 'system', id: null }), ctx('es'))).toBe('La conversación volvió de la espera');
    expect(activitySentence(es, entry({ action: 'closed', category: 'Resuelto', summary: 'ok' }), ctx('es'))).toBe('Ana cerró la conversación (Resuelto)');
    expect(activitySentence(en, entry({ action: 'reopened', assigneeId: 1 }), ctx('en'))).toBe('Ana reopened the conversation');
    expect(activitySentence(es, entry({ action: 'closing_message_skipped', reason: 'reply_window_closed' }, { type: 'system', id: null }), ctx('es'))).toBe(
      'No se envió el mensaje de cierre: la ventana de respuesta del canal está cerrada',
    );
    expect(activitySentence(en, entry({ action: 'closing_message_skipped', reason: 'channel_unavailable' }, { type: 'system', id: null }), ctx('en'))).toBe(
      'The closing message was not sent: the channel is not available',
    );
    expect(activitySentence(en, entry({ action: 'bot_paused' }, { type: 'api', id: 3 }), ctx('en'))).toBe('An integration paused the bot');
    expect(activitySentence(es, entry({ action: 'bot_resumed' }, { type: 'bot', id: null }), ctx('es'))).toBe('El bot reactivó el bot');
    const bot = { type: 'bot', id: 3 };
    expect(activitySentence(es, entry({ action: 'bot_handed_off', reason: 'requested' }, bot), ctx('es'))).toBe('El bot pasó la conversación a las personas (pidió un agente)');
    expect(activitySentence(en, entry({ action: 'bot_handed_off', reason: 'failures' }, bot), ctx('en'))).toBe('The bot handed the conversation to people (it did not understand several times)');
    expect(activitySentence(es, entry({ action: 'bot_handed_off', reason: 'bot_error', note: 'Dialogflow no respondió' }, { type: 'system', id: null }), ctx('es'))).toBe(
      'El bot pasó la conversación a las personas (el bot falló o no respondió) — Motivo: Dialogflow no respondió',
    );
    expect(activitySentence(en, entry({ action: 'bot_handed_off', reason: 'something_new' }, bot), ctx('en'))).toBe('The bot handed the conversation to people');
  });

  it('names unknown teammates generically and keeps unknown actions readable', () => {
    expect(activitySentence(en, entry({ action: 'taken', userId: 99 }, { type: 'user', id: 99 }), ctx('en'))).toBe('A teammate took the conversation');
    expect(activitySentence(en, entry({ action: 'form_submitted' }), ctx('en'))).toBe('Ana: form submitted');
  });
});
