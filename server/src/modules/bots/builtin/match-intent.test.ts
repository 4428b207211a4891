import { describe, expect, it } from 'vitest';
import type { BotIntent } from '../bot-engine.js';
import { universityMatrix } from './__fixtures__/matrix.js';
import { editDistance, matchIntent } from './match-intent.js';

function intent(id: number, name: string, examples: string[], keywords: string[] = []): BotIntent {
  return { id, name, examples, keywords, answer: { text: name }, handoff: false };
}

describe('matchIntent', () => {
  it('matches an example written differently (case, accents, plurals, fillers) with high confidence', () => {
    const result = matchIntent(universityMatrix, 'HOLA, QUISIERA SABER QUE FORMAS DE PAGOS ACEPTAN', 0.5);
    expect(result.intent?.name).toBe('Formas de pago');
    expect(result.confidence).toBeGreaterThan(0.9);
  });

  it('takes a keyword alone as enough evidence', () => {
    const intents = [intent(1, 'Pagos', ['¿Qué formas de pago aceptan?'], ['zelle'])];
    expect(matchIntent(intents, 'zelle', 0.5).intent?.name).toBe('Pagos');
  });

  it('tolerates one typo in words of 4 to 7 letters, two in longer ones, none in shorter ones', () => {
    const intents = [intent(1, 'Tarjeta', [], ['tarjeta']), intent(2, 'Inscripción', [], ['inscripcion']), intent(3, 'GPS', [], ['gps'])];
    expect(matchIntent(intents, 'tarjta', 0.4).intent?.id).toBe(1);
    expect(matchIntent(intents, 'trajeta', 0.4).intent?.id).toBe(1); // a transposition is one typo
    expect(matchIntent(intents, 'trjta', 0.4).intent).toBeNull();
    expect(matchIntent(intents, 'insrcipcon', 0.4).intent?.id).toBe(2);
    expect(matchIntent(intents, 'insrcipcn', 0.4).intent).toBeNull();
    expect(matchIntent(intents, 'gpz', 0.4).intent).toBeNull();
  });

  it('does not match a greeting alone to a business intent', () => {
    for (const text of ['hola', 'Buenas tardes', 'hi!']) {
      expect(matchIntent(universityMatrix, text, 0.1)).toEqual({ intent: null, confidence: 0, best: null });
    }
    expect(matchIntent(universityMatrix, 'buenas tardes, ¿tienen becas?', 0.5).intent?.name).toBe('Becas');
  });

  it('reports the best candidate below the threshold without matching it', () => {
    const below = matchIntent(universityMatrix, 'are you open on saturdays?', 0.5);
    expect(below.intent).toBeNull();
    expect(below.best?.name).toBe('Horarios');
    expect(below.confidence).toBeGreaterThan(0);
    expect(below.confidence).toBeLessThan(0.5);
    expect(matchIntent(universityMatrix, 'are you open on saturdays?', below.confidence).intent?.name).toBe('Horarios');
  });

  it('has no candidate at all for words no intent knows', () => {
    expect(matchIntent(universityMatrix, 'venden pizza?', 0.5)).toEqual({ intent: null, confidence: 0, best: null });
    expect(matchIntent([], 'precio', 0.5).best).toBeNull();
  });

  it('prefers the intent with more evidence when two share a keyword', () => {
    const intents = [
      intent(1, 'Formas de pago', ['¿Con qué puedo pagar?'], ['pago']),
      intent(2, 'Devoluciones', ['Quiero la devolución de mi pago'], ['pago', 'devolucion']),
    ];
    expect(matchIntent(intents, 'devolución del pago', 0.5).intent?.name).toBe('Devoluciones');
    expect(matchIntent(intents, 'con que puedo hacer el pago', 0.5).intent?.name).toBe('Formas de pago');
  });

  it('keeps the first intent on an exact tie', () => {
    const intents = [intent(1, 'A', ['horario de la biblioteca']), intent(2, 'B', ['horario de la biblioteca'])];
    expect(matchIntent(intents, 'horario de la biblioteca', 0.5).intent?.id).toBe(1);
  });

  it('weighs words many intents share less than words of one intent', () => {
    const intents = [
      intent(1, 'Becas de carrera', ['becas de la carrera']),
      intent(2, 'Precio de carrera', ['precio de la carrera']),
      intent(3, 'Duración de carrera', ['duracion de la carrera']),
    ];
    const result = matchIntent(intents, 'becas para la carrera de piloto', 0.5);
    expect(result.intent?.id).toBe(1);
  });
});

describe('editDistance', () => {
  it('counts a transposition as one edit', () => {
    expect(editDistance('tramite', 'tramtie')).toBe(1);
    expect(editDistance('beca', 'becas')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});
