import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createTeam, createWorkspace, type Session } from '../../../test/fixtures.js';
import { createApiChannel, inboundMessage, postInbound, type ApiChannel } from '../../../test/channel-fixtures.js';
import { startApiReceiver } from '../../../test/fakes/api-receiver.js';
import { createBot } from '../../../test/bot-fixtures.js';
import { ManualClock } from '../../platform/clock.js';
import type { BusinessHours } from './business-hours.types.js';
import { sendAwayMessage } from './send-away-message.js';

const CHANNEL_AWAY = 'Hola, estamos fuera de horario. Atendemos de lunes a viernes de 9:00 a 18:00.';
const TEAM_AWAY = 'El equipo de Cobranzas atiende de 9:00 a 13:00; le responderemos mañana.';
const weekdays9to18 = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ from: '09:00', to: '18:00' }]]));
// Santiago is UTC-3 in September 2026; 18 September (a Friday) is Fiestas Patrias.
const channelHours: BusinessHours = { timezone: 'America/Santiago', days: weekdays9to18, holidays: ['2026-09-18'], awayMessage: CHANNEL_AWAY };
const teamHours: BusinessHours = {
  timezone: 'America/Santiago',
  days: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ from: '09:00', to: '13:00' }]])),
  holidays: [],
  awayMessage: TEAM_AWAY,
};

const until = async <T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
};

describeEachDriver('away message outside business hours', (driver) => {
  let t: TestApp;
  const clock = new ManualClock(new Date('2026-09-12T15:00:00Z'));
  let owner: Session;
  let teamId: number;
  let channel: ApiChannel;
  let botChannel: ApiChannel;
  let receiver: Awaited<ReturnType<typeof startApiReceiver>>;
  let seq = 0;

  const sql = async <R = any>(text: string, values: unknown[] = []) => (await t.ctx.database.executeSql(text, values)).rows as R[];
  const write = async (on: ApiChannel, customer: string, text: string) => {
    const res = await postInbound(t, on, inboundMessage(`away-${++seq}`, customer, text));
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { messageId: number; conversationId: number };
  };
  /** Waits until the away-message subscriber has been past this customer message's event. */
  const settled = async (messageId: number) => {
    const [{ id }] = await sql<{ id: number }>(`SELECT id FROM events WHERE type = 'message.created' AND (payload->'message'->>'id')::bigint = $1`, [messageId]);
    const cursor = async () => (await sql<{ last_event_id: number }>(`SELECT last_event_id FROM subscriber_cursors WHERE name = 'routing.away-message'`))[0]?.last_event_id ?? 0;
    expect(await until(cursor, (c) => Number(c) >= Number(id))).toBeGreaterThanOrEqual(Number(id));
  };
  const awayReplies = (conversationId: number) =>
    sql<{ id: number; body: string; sender_type: string; sender_id: number | null; meta: any; delivery_status: string }>(
      `SELECT id, body, sender_type, sender_id, meta, delivery_status FROM messages WHERE conversation_id = $1 AND direction = 'outbound' ORDER BY id`, [conversationId]);
  const conversation = async (id: number) => (await t.server.app.inject({ method: 'GET', url: `/api/v1/conversations/${id}`, headers: owner.headers })).json();

  beforeAll(async () => {
    t = await createTestApp(driver, { clock });
    ({ owner } = await createWorkspace(t));
    teamId = await createTeam(t, owner, 'Cobranzas');
    receiver = await startApiReceiver(() => channel.secret);
    channel = await createApiChannel(t, owner, { outboundUrl: receiver.url, defaultTeamId: teamId });
    botChannel = await createApiChannel(t, owner, { outboundUrl: receiver.url, botEnabled: true });
    await createBot(t, owner, { kind: 'builtin' }, { channelId: botChannel.id });
    for (const id of [channel.id, botChannel.id]) {
      const res = await t.server.app.inject({ method: 'PATCH', url: `/api/v1/channels/${id}`, headers: owner.headers, payload: { businessHours: channelHours } });
      expect(res.statusCode, res.body).toBe(200);
    }
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  let conversationId: number;
  let firstInbound: number;
  let mondayConversation: { messageId: number; conversationId: number };

  it('Saturday: three messages get one away message, sent through the channel, leaving the conversation waiting', async () => {
    clock.set('2026-09-12T15:00:00Z'); // Saturday 12:00 in Santiago
    const first = await write(channel, '56911110001', 'Hola, necesito ayuda con mi boleta');
    ({ conversationId } = first);
    firstInbound = first.messageId;
    await write(channel, '56911110001', '¿Hay alguien?');
    const last = await write(channel, '56911110001', 'Quedo atento');
    await settled(last.messageId);

    const replies = await awayReplies(conversationId);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ body: CHANNEL_AWAY, sender_type: 'system', sender_id: null, meta: { awayFor: firstInbound } });
    const sent = await until(async () => receiver.received.filter((r) => r.body.conversationId === conversationId), (r) => r.length > 0);
    expect(sent).toHaveLength(1);
    expect(sent[0].validSignature).toBe(true);
    expect(sent[0].body).toMatchObject({ type: 'message', id: replies[0].id, text: CHANNEL_AWAY, contact: { externalId: '56911110001' } });
    expect((await until(() => awayReplies(conversationId), (r) => r[0].delivery_status === 'sent'))[0].delivery_status).toBe('sent');

    const c = await conversation(conversationId);
    expect(c).toMatchObject({ status: 'queued', assignee: null, botActive: false, unreadCount: 3, lastMessagePreview: 'Quedo atento' });
    const [{ away_message_at }] = await sql(`SELECT away_message_at FROM conversations WHERE id = $1`, [conversationId]);
    expect(new Date(away_message_at).toISOString()).toBe('2026-09-12T15:00:00.000Z');
  });

  it('a replayed event sends nothing more, even without away_message_at (the reply is keyed on the message)', async () => {
    const replay = { workspaceId: owner.workspaceId, conversationId, inboundMessageId: firstInbound, receivedAt: new Date('2026-09-12T15:00:00Z') };
    expect(await sendAwayMessage(t.ctx, replay)).toBeNull();
    await sql(`UPDATE conversations SET away_message_at = NULL WHERE id = $1`, [conversationId]);
    expect(await sendAwayMessage(t.ctx, replay)).toBeNull();
    expect(await awayReplies(conversationId)).toHaveLength(1);
    await sql(`UPDATE conversations SET away_message_at = $2 WHERE id = $1`, [conversationId, '2026-09-12T15:00:00Z']);
  });

  it('Sunday is the same closed period: still one away message', async () => {
    clock.set('2026-09-13T14:00:00Z');
    const m = await write(channel, '56911110001', '¿Me pueden responder el lunes?');
    await settled(m.messageId);
    expect(await awayReplies(conversationId)).toHaveLength(1);
  });

  it('Monday 10:00: open, no away message', async () => {
    clock.set('2026-09-14T13:00:00Z');
    const m = await write(channel, '56911110001', 'Buenos días');
    await settled(m.messageId);
    expect(await awayReplies(conversationId)).toHaveLength(1);
    mondayConversation = await write(channel, '56911110002', 'Hola');
    await settled(mondayConversation.messageId);
    expect(await awayReplies(mondayConversation.conversationId)).toHaveLength(0);
  });

  it('the channel open but the team closed: the team\'s away message', async () => {
    await sql(`UPDATE teams SET business_hours = $2 WHERE id = $1`, [teamId, JSON.stringify(teamHours)]);
    clock.set('2026-09-15T18:00:00Z'); // Tuesday 15:00: the channel is open, the team closed at 13:00
    const m = await write(channel, '56911110001', 'Sigo esperando');
    await settled(m.messageId);
    const replies = await awayReplies(conversationId);
    expect(replies.map((r) => r.body)).toEqual([CHANNEL_AWAY, TEAM_AWAY]);
    expect(replies[1].meta).toEqual({ awayFor: m.messageId });
  });

  it('a holiday is closed all day: a new closed period, a new away message (the channel\'s)', async () => {
    clock.set('2026-09-18T13:00:00Z'); // Friday 10:00, Fiestas Patrias
    const m = await write(channel, '56911110001', '¿Atienden hoy?');
    await settled(m.messageId);
    const replies = await awayReplies(conversationId);
    expect(replies.map((r) => r.body)).toEqual([CHANNEL_AWAY, TEAM_AWAY, CHANNEL_AWAY]);
    expect(await until(async () => receiver.received.filter((r) => r.body.conversationId === conversationId).length, (n) => n === 3)).toBe(3);
  });

  it('a message read after its closed period ended gets nothing (a late replay cannot say "we are closed")', async () => {
    const late = { workspaceId: owner.workspaceId, conversationId: mondayConversation.conversationId, inboundMessageId: mondayConversation.messageId, receivedAt: new Date('2026-09-19T15:00:00Z') };
    clock.set('2026-09-21T13:00:00Z'); // Monday 10:00: open again
    expect(await sendAwayMessage(t.ctx, late)).toBeNull();
    clock.set('2026-09-20T15:00:00Z'); // the same message read on Sunday, while still closed, is answered
    expect(await sendAwayMessage(t.ctx, late)).toMatchObject({ body: CHANNEL_AWAY, sender: { type: 'system', id: null } });
  });

  it('a conversation with the bot gets no away message', async () => {
    clock.set('2026-09-19T15:00:00Z'); // Saturday
    const m = await write(botChannel, '56911110004', 'Hola');
    expect((await conversation(m.conversationId)).status).toBe('bot');
    expect(await sendAwayMessage(t.ctx, { workspaceId: owner.workspaceId, conversationId: m.conversationId, inboundMessageId: m.messageId, receivedAt: clock.now() })).toBeNull();
    // The bot answers it (its greeting), the away message does not.
    expect((await awayReplies(m.conversationId)).filter((r) => r.sender_type !== 'bot')).toHaveLength(0);
  });
});
