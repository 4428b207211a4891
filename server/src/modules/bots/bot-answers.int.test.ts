import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createMember, createTeam, createWorkspace, type Session } from '../../../test/fixtures.js';
import { createApiChannel, inboundMessage, postInbound, type ApiChannel } from '../../../test/channel-fixtures.js';
import { createBot, frontDeskIntents } from '../../../test/bot-fixtures.js';
import { answerAsBot } from './answer-as-bot.js';

type Message = { id: number; kind: string; direction: string | null; sender: { type: string; id: number | null }; body: string; meta: Record<string, any> };
type Conversation = { id: number; status: string; botActive: boolean; team: { id: number } | null; assignee: { id: number } | null };

describeEachDriver('the built-in bot answers first and hands off well', (driver) => {
  let t: TestApp;
  let customer = 0;

  const http = (s: Session, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    t.server.app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const ok = async (s: Session, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) => {
    const res = await http(s, method, url, payload);
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };
  const conversation = (s: Session, id: number): Promise<Conversation> => ok(s, 'GET', `/api/v1/conversations/${id}`);
  const timeline = async (s: Session, id: number): Promise<Message[]> => (await ok(s, 'GET', `/api/v1/conversations/${id}/messages?limit=100`)).items;
  const botSaid = async (s: Session, id: number) => (await timeline(s, id)).filter((m) => m.kind === 'message' && m.sender.type === 'bot').map((m) => m.body);

  /** A customer of this test writes; returns the conversation id. */
  const writes = async (channel: ApiChannel, who: string, text: string) => {
    customer += 1;
    const res = await postInbound(t, channel, inboundMessage(`bot-${customer}`, who, text, 'Marta Pérez'));
    expect(res.statusCode, res.body).toBe(200);
    return res.json().conversationId as number;
  };

  async function setUp(settings: Record<string, unknown> = {}) {
    const { owner, workspaceId } = await createWorkspace(t);
    const agent = await createMember(t, owner, { role: 'agent', accessLevel: 'all' });
    const teamId = await createTeam(t, owner, `Admisión ${customer}`, [agent.userId]);
    const channel = await createApiChannel(t, owner, { defaultTeamId: teamId, botEnabled: true });
    const bot = await createBot(t, owner, { kind: 'builtin', settings: { greeting: '¡Hola! Soy Eva.', maxFailures: 2, ...settings } }, { intents: frontDeskIntents, channelId: channel.id });
    return { owner, agent, teamId, channel, bot, workspaceId };
  }

  beforeAll(async () => {
    t = await createTestApp(driver);
  });
  afterAll(() => t?.close());

  it('greets the first message and answers it from the matrix; the conversation stays with the bot, out of every queue', async () => {
    const { owner, channel } = await setUp();
    const id = await writes(channel, 'c-1', 'Buenas, ¿cual es el horario de atencion?');
    await expect.poll(() => botSaid(owner, id)).toEqual(['¡Hola! Soy Eva.', 'Atendemos de lunes a viernes de 8:00 a 17:00.']);
    expect(await conversation(owner, id)).toMatchObject({ status: 'bot', botActive: true, assignee: null });

    await writes(channel, 'c-1', 'y cuanto cuesta la matricula');
    await expect.poll(async () => (await botSaid(owner, id)).at(-1)).toBe('La matrícula cuesta 120 USD por trimestre.');
    expect(await botSaid(owner, id)).toHaveLength(3); // greeted once
  });

  it('a hand-off intent answers, says who takes over, and puts the conversation in the channel team\'s queue', async () => {
    const { owner, teamId, channel } = await setUp({ handoffMessage: 'Te paso con un asesor.' });
    const id = await writes(channel, 'c-2', 'quiero hablar con un agente por favor');
    await expect.poll(async () => (await conversation(owner, id)).status).toBe('queued');
    expect(await conversation(owner, id)).toMatchObject({ botActive: false, team: { id: teamId } });
    expect((await botSaid(owner, id)).slice(-2)).toEqual(['Claro.', 'Te paso con un asesor.']);
    const activity = (await timeline(owner, id)).find((m) => m.kind === 'activity' && m.meta.action === 'bot_handed_off');
    expect(activity?.meta).toMatchObject({ reason: 'requested' });
  });

  it('after two questions it cannot answer it hands off; the second miss sends the hand-off message, not the fallback', async () => {
    const { owner, channel } = await setUp({ fallback: 'No te entendí.', handoffMessage: 'Un agente te atenderá.' });
    const id = await writes(channel, 'c-3', 'necesito el protocolo de la tesis de grado');
    await expect.poll(async () => (await botSaid(owner, id)).at(-1)).toBe('No te entendí.');
    await writes(channel, 'c-3', 'el formato del anteproyecto de pasantías');
    await expect.poll(async () => (await conversation(owner, id)).status).toBe('queued');
    expect((await botSaid(owner, id)).at(-1)).toBe('Un agente te atenderá.');
    const review = await ok(owner, 'GET', '/api/v1/bot-review/unmatched');
    expect(review.items.map((q: { example: string }) => q.example)).toEqual(expect.arrayContaining(['necesito el protocolo de la tesis de grado']));
  });

  it('asks for the email it lacks, re-asks after an invalid one, and saves a valid one on the contact', async () => {
    const { owner, channel } = await setUp({ collect: [{ field: 'email', prompt: '¿Cuál es tu correo?' }] });
    const id = await writes(channel, 'c-4', 'hola');
    await expect.poll(() => botSaid(owner, id)).toEqual(['¡Hola! Soy Eva.', '¿Cuál es tu correo?']);
    await writes(channel, 'c-4', 'marta arroba correo');
    await expect.poll(async () => (await botSaid(owner, id)).at(-1)).toMatch(/no parece válido/);
    await writes(channel, 'c-4', 'Marta.Perez@Correo.com');
    const contactId = (await ok(owner, 'GET', `/api/v1/conversations/${id}`)).contact.id;
    await expect.poll(async () => (await ok(owner, 'GET', `/api/v1/contacts/${contactId}`)).email).toBe('marta.perez@correo.com');
  });

  it('a button tap answers the intent it names', async () => {
    const { owner, channel } = await setUp({ greeting: '' });
    const id = await writes(channel, 'c-5', '¿Qué carreras tienen?');
    await expect.poll(async () => (await timeline(owner, id)).filter((m) => m.sender.type === 'bot').at(-1)?.meta.buttons).toEqual([
      { id: 'Ingeniería', title: 'Ingeniería' }, { id: 'Administración', title: 'Administración' },
    ]);
    const res = await postInbound(t, channel, { type: 'interactive_reply', externalId: 'tap-5', contact: { externalId: 'c-5' }, payload: 'Ingeniería', title: 'Ingeniería' });
    expect(res.statusCode, res.body).toBe(200);
    await expect.poll(async () => (await botSaid(owner, id)).at(-1)).toBe('Tenemos Ingeniería de Sistemas, Civil e Industrial.');
  });

  it('an agent\'s reply pauses the bot (the workspace setting); resumed, it answers again', async () => {
    const { owner, agent, channel } = await setUp({ greeting: '' });
    const id = await writes(channel, 'c-6', '¿A qué hora abren?');
    await expect.poll(async () => (await botSaid(owner, id)).length).toBe(1);
    await ok(agent, 'POST', `/api/v1/conversations/${id}/messages`, { body: 'Hola Marta, te ayudo yo.' });
    expect(await conversation(owner, id)).toMatchObject({ status: 'open', botActive: false, assignee: { id: agent.userId } });
    await writes(channel, 'c-6', '¿y cuánto cuesta la matrícula?');
    await ok(agent, 'POST', `/api/v1/conversations/${id}/bot`, { active: true });
    await writes(channel, 'c-6', '¿qué carreras tienen?');
    await expect.poll(async () => (await botSaid(owner, id)).at(-1)).toBe('¿Qué área te interesa?');
    expect(await botSaid(owner, id)).toHaveLength(2); // the message written while paused was for the agent
  });

  it('where agents\' replies do not pause it, the bot keeps the conversation and keeps answering', async () => {
    const { owner, agent, channel } = await setUp({ greeting: '' });
    await ok(owner, 'PATCH', '/api/v1/workspace', { agentReplyPausesBot: false });
    const id = await writes(channel, 'c-7', '¿A qué hora abren?');
    await expect.poll(async () => (await botSaid(owner, id)).length).toBe(1);
    await ok(agent, 'POST', `/api/v1/conversations/${id}/messages`, { body: 'Buenos días Marta' });
    expect(await conversation(owner, id)).toMatchObject({ status: 'bot', botActive: true });
    await writes(channel, 'c-7', 'cuanto cuesta la matricula');
    await expect.poll(async () => (await botSaid(owner, id)).length).toBe(2);
  });

  it('answers each message once, however often the event is replayed', async () => {
    const { owner, channel, workspaceId } = await setUp({ greeting: '' });
    const id = await writes(channel, 'c-8', '¿A qué hora abren?');
    await expect.poll(async () => (await botSaid(owner, id)).length).toBe(1);
    const inbound = (await timeline(owner, id)).find((m) => m.direction === 'inbound')!;
    const again = await Promise.all([1, 2, 3].map(() => answerAsBot(t.ctx, { workspaceId, conversationId: id, inboundMessageId: inbound.id })));
    expect(again).toEqual(['skipped', 'skipped', 'skipped']);
    expect(await botSaid(owner, id)).toHaveLength(1);
  });

  it('a conversation whose channel has no bot configured goes to people at once', async () => {
    const { owner } = await createWorkspace(t);
    const teamId = await createTeam(t, owner, 'Soporte');
    const channel = await createApiChannel(t, owner, { defaultTeamId: teamId, botEnabled: true });
    const id = await writes(channel, 'c-9', 'hola');
    await expect.poll(async () => (await conversation(owner, id)).status).toBe('queued');
  });
});
