import { describe, expect, it } from 'vitest';
import { contentTokens, foldText, isOnlyGreeting, questionKey, stem } from './normalize.js';

const stems = (text: string) => contentTokens(text).map((t) => t.stem);

describe('foldText', () => {
  it('lower-cases, drops accents and punctuation, and squeezes stretched letters', () => {
    expect(foldText('¡Hola, ¿CÓMO estás?!')).toBe('hola como estas');
    expect(foldText('Olvidé mi contraseña...')).toBe('olvide mi contrasena');
    expect(foldText('holaaaa   gracias!!!')).toBe('hola gracias');
    expect(foldText('  ¿?  ')).toBe('');
  });
});

describe('stem', () => {
  it('folds Spanish plurals and gender', () => {
    expect(stem('becas')).toBe(stem('beca'));
    expect(stem('carreras')).toBe(stem('carrera'));
    expect(stem('clases')).toBe(stem('clase'));
    expect(stem('profesores')).toBe(stem('profesor'));
    expect(stem('nuevos')).toBe(stem('nueva'));
  });

  it('folds -ción and -ciones', () => {
    expect(stem('inscripciones')).toBe(stem('inscripcion'));
    expect(stem('sesiones')).toBe(stem('sesion'));
  });

  it('folds common Spanish verb forms', () => {
    expect(stem('inscribirme')).toBe(stem('inscribir'));
    expect(stem('inscribo')).toBe(stem('inscribir'));
    expect(stem('pagar')).toBe(stem('pago'));
  });

  it('folds English plurals, -ing and -ed', () => {
    expect(stem('universities')).toBe(stem('university'));
    expect(stem('prices')).toBe(stem('price'));
    expect(stem('classes')).toBe(stem('class'));
    expect(stem('paying')).toBe('pay');
    expect(stem('charged')).toBe(stem('charge'));
    expect(stem('applied')).toBe('apply');
  });

  it('leaves short words, numbers and -s that is not a plural alone', () => {
    expect(stem('mes')).toBe('mes');
    expect(stem('2024')).toBe('2024');
    expect(stem('status')).toBe('status');
    expect(stem('address')).toBe(stem('addresses'));
  });
});

describe('contentTokens', () => {
  it('drops the stop words of both languages and keeps where, when and how much words', () => {
    expect(stems('Quisiera saber el precio de la matrícula, por favor')).toEqual([stem('precio'), stem('matricula')]);
    expect(stems('What is the tuition fee?')).toEqual(['tuition', 'fee']);
    expect(stems('¿Dónde quedan?')).toEqual([stem('donde'), stem('quedan')]);
    expect(contentTokens('Olvidé mi CONTRASEÑA')[1]).toEqual({ word: 'contrasena', stem: 'contrasen' });
  });

  it('drops greetings', () => {
    expect(stems('hola buenas tardes, ¿tienen becas?')).toEqual([stem('becas')]);
  });
});

describe('isOnlyGreeting', () => {
  it('knows a greeting and nothing else, in both languages', () => {
    for (const text of ['hola', 'Buenas tardes!', 'Holaaa, ¿cómo estás?', 'hi there', 'Good morning', 'hey']) {
      expect(isOnlyGreeting(text), text).toBe(true);
    }
  });

  it('is false when the message asks something, or says nothing', () => {
    expect(isOnlyGreeting('hola, ¿cuánto cuesta la matrícula?')).toBe(false);
    expect(isOnlyGreeting('hi, I need a transcript')).toBe(false);
    expect(isOnlyGreeting('')).toBe(false);
    expect(isOnlyGreeting('👍')).toBe(false);
  });
});

describe('questionKey', () => {
  it('is the same for the same question written with other accents, case, plurals and fillers', () => {
    expect(questionKey('¿Cuánto cuestan las BECAS?')).toBe(questionKey('hola, quisiera saber cuanto cuesta la beca'));
    expect(questionKey('¿Cuánto cuestan las becas?')).not.toBe(questionKey('¿Dónde quedan las becas?'));
  });
});
