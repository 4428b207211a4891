import { describe, expect, it } from 'vitest';
import type { BotIntent, BotTurn, BuiltinBotSettings, BuiltinBotState } from '../bot-engine.js';
import { universityMatrix } from './__fixtures__/matrix.js';
import { decideBuiltin } from './builtin-bot.js';

const settings: BuiltinBotSettings = {
  greeting: '¡Hola! Soy Eva, la asistente virtual de IDEA.',
  fallback: 'No entendí tu pregunta. ¿Puedes escribirla de otra forma?',
  threshold: 0.5,
  maxFailures: 3,
  collect: [
    { field: 'name', prompt: '¿Cómo te llamas?' },
    { field: 'email', prompt: '¿Cuál es tu correo electrónico?' },
  ],
  handoffMessage: 'Un asesor te atenderá en breve.',
};

const fresh: BuiltinBotState = { failures: 0 };
const byName = (name: string): BotIntent => universityMatrix.find((i) => i.name === name)!;
const answerOf = (name: string) => byName(name).answer;

function turn(text: string, extra: Partial<BotTurn> = {}): BotTurn {
  return {
    conversationId: 7,
    text,
    language: 'es',
    contact: { id: 3, name: null, email: null, phone: null },
    history: [],
    first: false,
    ...extra,
  };
}

const decide = (t: BotTurn, state: BuiltinBotState = fresh, s: BuiltinBotSettings = settings) =>
  decideBuiltin(s, universityMatrix, t, state);
const texts = (d: { replies: { text: string }[] }) => d.replies.map((r) => r.text);

describe('the first message', () => {
  it('a greeting alone: greets and asks the first missing field, without counting a failure', () => {
    const d = decide(turn('Hola, buenas tardes', { first: true }));
    expect(texts(d)).toEqual([settings.greeting, '¿Cómo te llamas?']);
    expect(d.outcome).toBe('answered');
    expect(d.intent).toBeNull();
    expect(d.state).toEqual({ failures: 0, awaiting: { field: 'name', attempts: 0 } });
  });

  it('a greeting alone with nothing to collect: the greeting and nothing else', () => {
    const d = decide(turn('hola', { first: true }), fresh, { ...settings, collect: [] });
    expect(texts(d)).toEqual([settings.greeting]);
    expect(d.state).toEqual({ failures: 0 });
  });

  it('a question: greets, answers, then asks the first field the contact lacks', () => {
    const contact = { id: 3, name: 'Ana', email: null, phone: null };
    const d = decide(turn('Hola, ¿cuánto cuesta la matrícula?', { first: true, contact }));
    expect(d.replies).toEqual([{ text: settings.greeting }, answerOf('Precios y matrícula'), { text: '¿Cuál es tu correo electrónico?' }]);
    expect(d.outcome).toBe('answered');
    expect(d.intent).toMatchObject({ id: 2, name: 'Precios y matrícula' });
    expect(d.state?.awaiting).toEqual({ field: 'email', attempts: 0 });
  });

  it('asks nothing when the contact has every field, and sends no greeting when there is none', () => {
    const contact = { id: 3, name: 'Ana', email: 'ana@correo.com', phone: null };
    const d = decide(turn('¿Tienen becas?', { first: true, contact }), fresh, { ...settings, greeting: '' });
    expect(d.replies).toEqual([answerOf('Becas')]);
    expect(d.state).toEqual({ failures: 0 });
  });

  it('a request for a person: greets, answers and hands off without asking anything', () => {
    const d = decide(turn('Hola, quiero hablar con un asesor', { first: true }));
    expect(texts(d)).toEqual([settings.greeting, 'Te comunico con un asesor.', settings.handoffMessage]);
    expect(d.outcome).toBe('handoff');
    expect(d.state?.awaiting).toBeUndefined();
  });
});

describe('collecting the contact’s data', () => {
  const awaitingName: BuiltinBotState = { failures: 1, awaiting: { field: 'name', attempts: 0 } };
  const awaitingEmail: BuiltinBotState = { failures: 0, awaiting: { field: 'email', attempts: 0 }, asked: ['name'] };

  it('saves a valid answer and asks the next missing field', () => {
    const d = decide(turn('me llamo juan pérez'), awaitingName);
    expect(d.contactUpdates).toEqual({ name: 'Juan Pérez' });
    expect(texts(d)).toEqual(['¿Cuál es tu correo electrónico?']);
    expect(d.outcome).toBe('collected');
    expect(d.intent).toBeNull();
    expect(d.state).toEqual({ failures: 1, awaiting: { field: 'email', attempts: 0 }, asked: ['name'] });
  });

  it('after the last field says nothing more', () => {
    const d = decide(turn('Juan.Perez@Correo.com'), awaitingEmail);
    expect(d.contactUpdates).toEqual({ email: 'juan.perez@correo.com' });
    expect(d.replies).toEqual([]);
    expect(d.outcome).toBe('collected');
    expect(d.state).toEqual({ failures: 0, asked: ['name', 'email'] });
  });

  it('normalises a phone', () => {
    const phoneSettings = { ...settings, collect: [{ field: 'phone' as const, prompt: '¿Tu teléfono?' }] };
    const d = decide(turn('+58 (414) 123-45.67'), { failures: 0, awaiting: { field: 'phone', attempts: 0 } }, phoneSettings);
    expect(d.contactUpdates).toEqual({ phone: '+584141234567' });
  });

  it('re-asks once after an invalid answer, in Spanish unless the contact speaks something else', () => {
    const es = decide(turn('juan arroba correo'), awaitingEmail);
    expect(texts(es)).toEqual(['Ese correo no parece válido. ¿Puedes escribirlo de nuevo? Por ejemplo: nombre@correo.com']);
    expect(es.outcome).toBe('collected');
    expect(es.contactUpdates).toBeUndefined();
    expect(es.state).toEqual({ failures: 0, awaiting: { field: 'email', attempts: 1 }, asked: ['name'] });

    expect(texts(decide(turn('juan at mail', { language: undefined }), awaitingEmail))[0]).toMatch(/^Ese correo no parece válido/);
    expect(texts(decide(turn('juan at mail', { language: 'en-US' }), awaitingEmail))).toEqual([
      "That email doesn't look right. Could you type it again? For example: name@example.com",
    ]);
    expect(texts(decide(turn('123'), { failures: 0, awaiting: { field: 'phone', attempts: 0 } }))[0]).toMatch(/^Ese teléfono no parece válido/);
    expect(texts(decide(turn('R2D2'), awaitingName))[0]).toMatch(/^Ese nombre no parece válido/);
  });

  it('does not take the words naming the field for a question', () => {
    const d = decide(turn('mi correo es juan arroba gmail'), awaitingEmail);
    expect(texts(d)[0]).toMatch(/^Ese correo no parece válido/);
    const noPhone = decide(turn('no tengo teléfono'), { failures: 0, awaiting: { field: 'phone', attempts: 0 } });
    expect(noPhone.state?.awaiting).toEqual({ field: 'phone', attempts: 1 });
    // Without the field waiting, the same words do ask for the contact details.
    expect(decide(turn('mi correo es juan arroba gmail')).intent?.name).toBe('Contacto y teléfono');
  });

  it('takes "me llamo …" as a name even when its words could ask something', () => {
    expect(decide(turn('me llamo Mercedes'), awaitingName).contactUpdates).toEqual({ name: 'Mercedes' });
  });

  it('gives up on a field after two invalid answers and goes on to the next one', () => {
    const secondTry: BuiltinBotState = { failures: 0, awaiting: { field: 'name', attempts: 1 } };
    const d = decide(turn('123'), secondTry);
    expect(d.contactUpdates).toBeUndefined();
    expect(texts(d)).toEqual(['¿Cuál es tu correo electrónico?']);
    expect(d.state).toEqual({ failures: 0, awaiting: { field: 'email', attempts: 0 }, asked: ['name'] });

    const last = decide(turn('no tengo'), { failures: 0, awaiting: { field: 'email', attempts: 1 }, asked: ['name'] });
    expect(last.replies).toEqual([]);
    expect(last.outcome).toBe('collected');
    expect(last.state).toEqual({ failures: 0, asked: ['name', 'email'] });
  });

  it('answers a question asked instead, drops the field and does not count it as a failure', () => {
    const d = decide(turn('¿cuáles son los horarios de atención?'), awaitingEmail);
    expect(d.replies).toEqual([answerOf('Horarios')]);
    expect(d.outcome).toBe('answered');
    expect(d.contactUpdates).toBeUndefined();
    expect(d.state).toEqual({ failures: 0, asked: ['name', 'email'] });
  });

  it('takes a question that could pass for a name as a question', () => {
    const d = decide(turn('cuanto cuesta la carrera'), awaitingName);
    expect(d.replies).toEqual([answerOf('Precios y matrícula')]);
    expect(d.contactUpdates).toBeUndefined();
    expect(d.state).toEqual({ failures: 0, asked: ['name'] });
  });

  it('takes a button tap as a question, not as an answer', () => {
    const d = decide(turn('Becas', { payload: '6' }), awaitingName);
    expect(d.replies).toEqual([answerOf('Becas')]);
    expect(d.contactUpdates).toBeUndefined();
  });
});

describe('answering', () => {
  it('selects the intent a button names, by id or by name, with full confidence', () => {
    const byId = decide(turn('Formas de pago', { payload: '5' }));
    expect(byId.replies).toEqual([answerOf('Formas de pago')]);
    expect(byId.intent).toEqual({ id: 5, name: 'Formas de pago', confidence: 1 });
    expect(decide(turn('ver becas', { payload: 'Becas' })).intent).toEqual({ id: 6, name: 'Becas', confidence: 1 });
  });

  it('matches the words when the payload names no intent', () => {
    const d = decide(turn('quisiera saber de las becas deportivas', { payload: 'menu-7' }));
    expect(d.intent?.name).toBe('Becas');
    expect(d.intent?.confidence).toBeLessThan(1);
  });

  it('answers a match and resets the failures', () => {
    const d = decide(turn('¿dónde quedan?'), { failures: 2 });
    expect(d.replies).toEqual([answerOf('Ubicación')]);
    expect(d.outcome).toBe('answered');
    expect(d.handoff).toBeUndefined();
    expect(d.state).toEqual({ failures: 0 });
  });

  it('hands off on a hand-off intent, after its answer and the hand-off message', () => {
    const d = decide(turn('quiero hablar con una persona'), { failures: 1 });
    expect(texts(d)).toEqual(['Te comunico con un asesor.', settings.handoffMessage]);
    expect(d.outcome).toBe('handoff');
    expect(d.handoff).toEqual({ reason: 'requested' });
    expect(d.intent).toMatchObject({ id: 11, name: 'Hablar con un agente' });
    expect(d.state).toEqual({ failures: 0 });
    expect(texts(decide(turn('hablar con agente'), fresh, { ...settings, handoffMessage: '' }))).toEqual(['Te comunico con un asesor.']);
  });

  it('falls back and counts the failure, reporting the best candidate below the threshold', () => {
    const d = decide(turn('are you open on saturdays?'), { failures: 0 });
    expect(texts(d)).toEqual([settings.fallback]);
    expect(d.outcome).toBe('fallback');
    expect(d.handoff).toBeUndefined();
    expect(d.intent).toMatchObject({ id: 1, name: 'Horarios' });
    expect(d.intent!.confidence).toBeLessThan(settings.threshold);
    expect(d.state).toEqual({ failures: 1 });
  });

  it('reports no intent when nothing is even close', () => {
    const d = decide(turn('venden pizza?'), { failures: 1 });
    expect(d.intent).toBeNull();
    expect(d.state).toEqual({ failures: 2 });
  });

  it('hands off after maxFailures misses in a row, with the hand-off message only', () => {
    const d = decide(turn('venden pizza?'), { failures: 2 });
    expect(texts(d)).toEqual([settings.handoffMessage]);
    expect(d.outcome).toBe('handoff');
    expect(d.handoff).toEqual({ reason: 'failures' });
    expect(d.state).toEqual({ failures: 0 });
    expect(decide(turn('venden pizza?'), { failures: 2 }, { ...settings, handoffMessage: '' }).replies).toEqual([]);
  });

  it('never hands off for misses when maxFailures is 0', () => {
    const d = decide(turn('venden pizza?'), { failures: 40 }, { ...settings, maxFailures: 0 });
    expect(d.outcome).toBe('fallback');
    expect(d.state).toEqual({ failures: 41 });
  });

  it('applies the threshold: the same question matches at a low one and falls back at a high one', () => {
    const question = turn('como llego a la universidad');
    const low = decide(question, fresh, { ...settings, threshold: 0.5 });
    expect(low.outcome).toBe('answered');
    const high = decide(question, fresh, { ...settings, threshold: 0.9 });
    expect(high.outcome).toBe('fallback');
    expect(high.intent).toEqual(low.intent);
  });

  it('falls back on a greeting after the first message', () => {
    expect(decide(turn('hola')).outcome).toBe('fallback');
  });
});
