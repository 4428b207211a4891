import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quickReplies, startDialogflowFake, text, type DialogflowFake } from '../../../../test/fakes/dialogflow.js';
import { BotUnavailableError } from '../bot-engine.js';
import { askDialogflow, detectIntentRequest, dialogflowDecision, type DialogflowSettings } from './dialogflow.js';
import { turn } from './__fixtures__/turn.js';

const TOKEN = 'ya29.a0AfB_fakeDialogflowAccessToken0123456789';
const PROJECT = 'universidad-bot-123';

const failure = async (p: Promise<unknown>) => {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(BotUnavailableError);
  expect((err as Error).message).not.toContain(TOKEN);
  return err as BotUnavailableError;
};

describe('Dialogflow ES: request and mapping', () => {
  const settings: DialogflowSettings = { baseUrl: 'https://dialogflow.googleapis.com/', projectId: PROJECT, accessToken: TOKEN, languageCode: 'es', handoffParameter: 'handoff' };

  it("detectIntent on the conversation's session; a tap sends its payload; text cut at Dialogflow's 256 characters", () => {
    const typed = detectIntentRequest(settings, turn({ text: 'Hola' }));
    expect(typed.url).toBe(`https://dialogflow.googleapis.com/v2/projects/${PROJECT}/agent/sessions/atiende-4711:detectIntent`);
    expect(JSON.parse(typed.body)).toEqual({ queryInput: { text: { text: 'Hola', languageCode: 'es' } } });
    expect(JSON.parse(detectIntentRequest(settings, turn({ text: 'Ver horarios', payload: 'horarios' })).body).queryInput.text.text).toBe('horarios');
    const long = JSON.parse(detectIntentRequest(settings, turn({ text: '😀'.repeat(300) })).body).queryInput.text.text;
    expect(Array.from(long)).toHaveLength(256);
  });

  it('keeps the default platform\'s messages, attaches untitled quick replies to the text before, and makes >3 a menu', () => {
    const decision = dialogflowDecision({
      queryResult: {
        fulfillmentText: 'ignorado',
        fulfillmentMessages: [
          { text: { text: ['Facebook only'] }, platform: 'FACEBOOK' },
          text('Elige una sede:'),
          quickReplies('', ['Norte', 'Sur', 'Centro', 'Virtual']),
          { card: { title: 'Campus Norte', subtitle: 'Calle 100', imageUri: 'https://cdn.test/norte.jpg', buttons: [{ text: 'Cómo llegar', postback: 'mapa_norte' }] } },
          { image: { imageUri: 'https://cdn.test/mapa.png', accessibilityText: 'Mapa' } },
        ],
        intent: { displayName: 'sedes' },
        intentDetectionConfidence: 0.81,
      },
    }, 'handoff');
    expect(decision).toEqual({
      outcome: 'answered',
      intent: { name: 'sedes', confidence: 0.81 },
      replies: [
        { text: 'Elige una sede:', menu: true, buttons: ['Norte', 'Sur', 'Centro', 'Virtual'].map((t) => ({ id: t, title: t })) },
        { text: 'Campus Norte\nCalle 100', buttons: [{ id: 'mapa_norte', title: 'Cómo llegar' }], mediaUrl: 'https://cdn.test/norte.jpg' },
        { text: 'Mapa', mediaUrl: 'https://cdn.test/mapa.png' },
      ],
    });
  });

  it('uses platform messages when the intent has no default ones, and fulfillmentText when no message has text', () => {
    expect(dialogflowDecision({ queryResult: { fulfillmentMessages: [{ text: { text: ['Solo Telegram'] }, platform: 'TELEGRAM' }], intent: { displayName: 'x' } } }, 'handoff').replies).toEqual([{ text: 'Solo Telegram' }]);
    expect(dialogflowDecision({ queryResult: { fulfillmentText: 'Texto clásico', fulfillmentMessages: [], intent: { displayName: 'x' } } }, 'handoff').replies).toEqual([{ text: 'Texto clásico' }]);
  });

  it('hands off when the parameter says yes in any documented form, or a custom payload says handoff', () => {
    for (const value of [true, 'true', 'yes', 'sí', 'Sí', 'SI']) {
      expect(dialogflowDecision({ queryResult: { parameters: { handoff: value }, intent: { displayName: 'agente' } } }, 'handoff').handoff).toEqual({ reason: 'bot' });
    }
    for (const value of [false, 'false', 'no', '', null]) {
      expect(dialogflowDecision({ queryResult: { parameters: { handoff: value }, intent: { displayName: 'agente' } } }, 'handoff').handoff).toBeUndefined();
    }
    const byPayload = dialogflowDecision({ queryResult: { fulfillmentMessages: [text('Te paso con un asesor'), { payload: { handoff: true } }], intent: { displayName: 'agente' } } }, 'handoff');
    expect(byPayload).toMatchObject({ outcome: 'handoff', handoff: { reason: 'bot' }, replies: [{ text: 'Te paso con un asesor' }] });
  });

  it('a fallback intent, or no intent at all, is the fallback outcome', () => {
    expect(dialogflowDecision({ queryResult: { fulfillmentText: '¿Perdón?', intent: { displayName: 'Default Fallback Intent', isFallback: true }, intentDetectionConfidence: 1 } }, 'handoff'))
      .toEqual({ outcome: 'fallback', intent: { name: 'Default Fallback Intent', confidence: 1 }, replies: [{ text: '¿Perdón?' }] });
    expect(dialogflowDecision({ queryResult: { queryText: 'zzz' } }, 'handoff')).toEqual({ outcome: 'fallback', intent: null, replies: [] });
  });

  it('a body without queryResult is unavailable', () => {
    expect(() => dialogflowDecision({ responseId: 'x' }, 'handoff')).toThrow(BotUnavailableError);
    expect(() => dialogflowDecision([], 'handoff')).toThrow("Dialogflow's answer has no queryResult");
  });
});

describe('Dialogflow ES against the local agent', () => {
  let df: DialogflowFake;
  const settings = (over: Partial<DialogflowSettings> = {}): DialogflowSettings => ({ baseUrl: df.base, projectId: PROJECT, accessToken: TOKEN, languageCode: 'es', handoffParameter: 'handoff', ...over });
  const ask = (t = turn(), over: Partial<DialogflowSettings> = {}, timeoutMs = 3000) => askDialogflow(settings(over), t, { timeoutMs });

  beforeAll(async () => {
    df = await startDialogflowFake({ projectId: PROJECT, accessToken: TOKEN });
    df.on('hola', { intent: 'Default Welcome Intent', confidence: 1, messages: [text('¡Hola! ¿En qué te ayudo?'), quickReplies('', ['Horarios', 'Precios'])] });
    df.on('horarios', { intent: 'horarios', confidence: 0.93, messages: [text('De 8:00 a 18:00.')] });
    df.on(/asesor/, { intent: 'hablar_con_agente', confidence: 0.88, messages: [text('Te comunico con un asesor.')], parameters: { handoff: 'sí' } });
  });
  afterAll(() => df?.close());

  it('answers with buttons, sends the bearer token, and a tap is matched by its payload', async () => {
    expect(await ask(turn({ text: 'Hola', first: true }))).toEqual({
      outcome: 'answered', intent: { name: 'Default Welcome Intent', confidence: 1 },
      replies: [{ text: '¡Hola! ¿En qué te ayudo?', buttons: [{ id: 'Horarios', title: 'Horarios' }, { id: 'Precios', title: 'Precios' }] }],
    });
    expect(df.requests.at(-1)).toMatchObject({ project: PROJECT, session: 'atiende-4711', authorized: true });
    expect(await ask(turn({ text: 'Ver horarios', payload: 'Horarios' }))).toMatchObject({ outcome: 'answered', intent: { name: 'horarios', confidence: 0.93 }, replies: [{ text: 'De 8:00 a 18:00.' }] });
  });

  it('hands off through the parameter; an unknown question is the fallback', async () => {
    expect(await ask(turn({ text: 'quiero un asesor' }))).toMatchObject({ outcome: 'handoff', handoff: { reason: 'bot' }, replies: [{ text: 'Te comunico con un asesor.' }] });
    expect(await ask(turn({ text: '¿venden mascotas?' }))).toMatchObject({ outcome: 'fallback', intent: { name: 'Default Fallback Intent' } });
    expect(await ask(turn({ text: 'quiero un asesor' }), { handoffParameter: 'escalar' })).toMatchObject({ outcome: 'answered' });
  });

  it("a wrong token, another project and Google's errors are unavailable with status and message, never the token", async () => {
    const badToken = await failure(ask(turn(), { accessToken: 'ya29.expired' }));
    expect(badToken.status).toBe(401);
    expect(badToken.message).toMatch(/^Dialogflow answered 401 UNAUTHENTICATED: Request had invalid authentication credentials/);
    const otherProject = await failure(ask(turn(), { projectId: 'otro-proyecto' }));
    expect([otherProject.status, otherProject.message]).toEqual([403, "Dialogflow answered 403 PERMISSION_DENIED: IAM permission 'dialogflow.sessions.detectIntent' on 'projects/otro-proyecto/agent' denied."]);
    df.failNext(df.googleError(429, 'RESOURCE_EXHAUSTED', `Quota exceeded for token ${TOKEN}`), df.googleError(503, 'UNAVAILABLE', 'The service is currently unavailable.'), { status: 502, raw: '<html>Bad Gateway</html>' });
    const quota = await failure(ask());
    expect([quota.status, quota.message]).toEqual([429, 'Dialogflow answered 429 RESOURCE_EXHAUSTED: Quota exceeded for token ***']);
    expect((await failure(ask())).status).toBe(503);
    expect((await failure(ask())).message).toBe('Dialogflow answered 502');
  });

  it('a malformed 200 body is unavailable', async () => {
    df.failNext({ status: 200, raw: '{"queryResult": {"fulfillmentText": "cortado' }, { status: 200, body: { responseId: 'r-1' } });
    expect((await failure(ask())).message).toBe('Dialogflow answered with a body that is not JSON');
    expect((await failure(ask())).message).toBe("Dialogflow's answer has no queryResult");
  });

  it('times out on an agent that hangs, and cannot be reached when it is gone', async () => {
    df.failNext('hang');
    const started = performance.now();
    expect((await failure(ask(turn(), {}, 200))).message).toBe('Dialogflow did not answer within 200 ms');
    expect(performance.now() - started).toBeLessThan(1500);
    const gone = await startDialogflowFake({ projectId: PROJECT, accessToken: TOKEN });
    await gone.close();
    expect((await failure(ask(turn(), { baseUrl: gone.base }))).message).toBe('Could not reach Dialogflow: ECONNREFUSED');
  });
});
