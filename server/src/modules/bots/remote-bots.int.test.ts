import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createTeam, createWorkspace, type Session } from '../../../test/fixtures.js';
import { createApiChannel, inboundMessage, postInbound, type ApiChannel } from '../../../test/channel-fixtures.js';
import { createBot, frontDeskIntents } from '../../../test/bot-fixtures.js';
import { startOpenAiFake, type OpenAiFake } from '../../../test/fakes/openai-compatible.js';
import { startDialogflowFake, text, type DialogflowFake } from '../../../test/fakes/dialogflow.js';
import { startBotWebhookFake, type BotWebhookFake } from '../../../test/fakes/bot-webhook.js';
import { expireDelegatedTurn } from './expire-delegated-turn.js';

type Message = { id: number; kind: string; direction: string | null; sender: { type: string; id: number | null }; body: string; meta: Record<string, any> };

const API_KEY = 'sk-test-llm-key-0123456789';
const DIALOGFLOW_TOKEN = 'ya29.test-dialogflow-token';

describeEachDriver('remote bots answer through their endpoints, and hand off when those fail', (driver) => {
  let t: TestApp;
  let llm: OpenAiFake;
  let dialogflow: DialogflowFake;
  const webhooks: BotWebhookFake[] = [];
  let n = 0;

  const ok = async (s: Session, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) => {
    const res = await t.server.app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };
  const timeline = async (s: Session, id: number): Promise<Message[]> => (await ok(s, 'GET', `/api/v1/conversations/${id}/messages?limit=100`)).items;
  const botSaid = async (s: Session, id: number) => (await timeline(s, id)).filter((m) => m.kind === 'message' && m.sender.type === 'bot').map((m) => m.body);
  const status = async (s: Session, id: number) => (await ok(s, 'GET', `/api/v1/conversations/${id}`)).status as string;
  /** A new customer writes, or `who` writes again. */
  const writes = async (channel: ApiChannel, text: string, who?: string) => {
    n += 1;
    who ??= `r-${n}`;
    const res = await postInbound(t, channel, inboundMessage(`remote-${n}`, who, text, 'Luis'));
    expect(res.statusCode, res.body).toBe(200);
    return res.json().conversationId as number;
  };
  async function workspaceWithChannel() {
    const { owner, workspaceId } = await createWorkspace(t);
    const teamId = await createTeam(t, owner, 'Atención');
    const channel = await createApiChannel(t, owner, { defaultTeamId: teamId, botEnabled: true });
    return { owner, channel, teamId, workspaceId };
  }

  beforeAll(async () => {
    llm = await startOpenAiFake({ apiKey: API_KEY, models: ['gpt-test'] });
    dialogflow = await startDialogflowFake({ projectId: 'atiende-test', accessToken: DIALOGFLOW_TOKEN });
    t = await createTestApp(driver, { env: { DIALOGFLOW_API_URL: dialogflow.base, BOT_TIMEOUT_MS: '1000' } });
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all([llm?.close(), dialogflow?.close(), ...webhooks.map((w) => w.close())]);
  });

  it('an LLM answers from the matrix; one that invents a price, or fails, hands the conversation to people', async () => {
    const { owner, channel } = await workspaceWithChannel();
    await createBot(t, owner, { kind: 'llm', settings: { baseUrl: llm.url, model: 'gpt-test', instructions: 'Eres Eva.', handoffMessage: 'Te paso con un asesor.' }, secrets: { apiKey: API_KEY } }, { intents: frontDeskIntents, channelId: channel.id });
    llm.setReply((messages) => {
      const last = messages.at(-1)!.content;
      if (/matr[ií]cula/i.test(last)) return JSON.stringify({ answer: 'La matrícula cuesta 120 USD por trimestre.', confident: true, handoff: false });
      return JSON.stringify({ answer: 'El diplomado cuesta 300 USD.', confident: true, handoff: false });
    });
    const a = await writes(channel, '¿cuánto cuesta la matrícula?');
    await expect.poll(() => botSaid(owner, a)).toEqual(['La matrícula cuesta 120 USD por trimestre.']);
    expect(llm.requests.at(-1)!.body.messages[0].content).toContain('La matrícula cuesta 120 USD por trimestre.');

    const b = await writes(channel, '¿y el diplomado?');
    await expect.poll(() => status(owner, b)).toBe('queued');
    expect(await botSaid(owner, b)).toEqual(['Te paso con un asesor.']);

    llm.failNext(llm.openAiError(500, 'The server had an error while processing your request.', 'server_error', null));
    const c = await writes(channel, '¿cuánto cuesta la matrícula?');
    await expect.poll(() => status(owner, c)).toBe('queued');
    const turns = await ok(owner, 'GET', `/api/v1/conversations/${c}/bot-turns`);
    expect(turns.items[0]).toMatchObject({ outcome: 'error', handoffReason: 'bot_error' });
  });

  it('a Dialogflow agent answers with its fulfilment messages and hands off on its parameter; a time-out hands off too', async () => {
    const { owner, channel } = await workspaceWithChannel();
    await createBot(t, owner, { kind: 'dialogflow', settings: { projectId: 'atiende-test', handoffMessage: 'Un momento, te atiende una persona.' }, secrets: { accessToken: DIALOGFLOW_TOKEN } }, { channelId: channel.id });
    dialogflow.on(/horario/i, { intent: 'horarios', confidence: 0.9, messages: [text('Abrimos de 8 a 17.')] });
    dialogflow.on(/asesor/i, { intent: 'asesor', messages: [text('Te comunico.')], parameters: { handoff: 'true' } });
    const a = await writes(channel, 'horario', 'df-1');
    await expect.poll(() => botSaid(owner, a)).toEqual(['Abrimos de 8 a 17.']);
    expect(await status(owner, a)).toBe('bot');
    expect(dialogflow.requests.at(-1)!.session).toBe(`atiende-${a}`);

    await writes(channel, 'quiero un asesor', 'df-1');
    await expect.poll(() => status(owner, a)).toBe('queued');
    expect((await botSaid(owner, a)).at(-1)).toBe('Te comunico.');

    dialogflow.failNext('hang');
    const b = await writes(channel, 'horario');
    await expect.poll(() => status(owner, b)).toBe('queued');
    expect(await botSaid(owner, b)).toEqual(['Un momento, te atiende una persona.']);
  });

  it('an external bot gets each message signed, answers through the API with its own token, and hands off through it', async () => {
    const { owner, channel, teamId } = await workspaceWithChannel();
    const bot = await createBot(t, owner, { kind: 'webhook', settings: { url: 'http://127.0.0.1:9/bot' } }, { channelId: channel.id });
    const fake = await startBotWebhookFake({ secret: bot.credentials!.signingSecret });
    webhooks.push(fake);
    await ok(owner, 'PATCH', `/api/v1/bots/${bot.id}`, { settings: { url: fake.url } });

    const id = await writes(channel, 'Hola, quiero inscribirme');
    await expect.poll(() => fake.events().length).toBe(1);
    expect(fake.requests[0].validSignature).toBe(true);
    expect(fake.events()[0]).toMatchObject({ type: 'message', conversationId: id, message: { text: 'Hola, quiero inscribirme' }, first: true });

    const asBot = { headers: { authorization: `Bearer ${bot.credentials!.apiToken}` } } as unknown as Session;
    await ok(asBot, 'POST', `/api/v1/conversations/${id}/messages`, { body: '¡Claro! ¿A qué carrera?' });
    expect(await botSaid(owner, id)).toEqual(['¡Claro! ¿A qué carrera?']);
    expect(await status(owner, id)).toBe('bot');

    await ok(asBot, 'POST', `/api/v1/conversations/${id}/handoff`, { teamId, note: 'quiere hablar de becas' });
    expect(await status(owner, id)).toBe('queued');
  });

  it('an external bot that does not answer in time, or cannot be reached, hands off with its message', async () => {
    const { owner, channel, workspaceId } = await workspaceWithChannel();
    const bot = await createBot(t, owner, { kind: 'webhook', settings: { url: 'http://127.0.0.1:9/bot', answerWithinSeconds: 30, handoffMessage: 'Te atiende un agente.' } }, { channelId: channel.id });
    const fake = await startBotWebhookFake({ secret: bot.credentials!.signingSecret });
    webhooks.push(fake);
    await ok(owner, 'PATCH', `/api/v1/bots/${bot.id}`, { settings: { url: fake.url } });

    const silent = await writes(channel, 'hola?');
    // Delivered, and the turn stored as handed to the external bot (the job stores it after the delivery).
    await expect.poll(async () => (await ok(owner, 'GET', `/api/v1/conversations/${silent}/bot-turns`)).items.map((x: { outcome: string }) => x.outcome)).toEqual(['delegated']);
    expect(fake.events()).toHaveLength(1);
    const inbound = (await timeline(owner, silent)).find((m) => m.direction === 'inbound')!;
    // What the check job does when its 30 seconds are up.
    expect(await expireDelegatedTurn(t.ctx, { workspaceId, conversationId: silent, inboundMessageId: inbound.id })).toBe(true);
    expect(await status(owner, silent)).toBe('queued');
    expect(await botSaid(owner, silent)).toEqual(['Te atiende un agente.']);

    fake.failNext({ status: 503, body: { error: 'down' } });
    const down = await writes(channel, 'hola de nuevo', 'otro');
    await expect.poll(() => status(owner, down)).toBe('queued');
  });
});
