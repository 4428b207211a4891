import { describe, expect, it } from 'vitest';
import { readAnswer, type QuestionKind } from './question-answers.js';

const choices = [{ id: 'ventas', label: 'Ventas' }, { id: 'soporte', label: 'Soporte técnico' }, { id: 'admin', label: 'Administración' }];
// Sunday 4 January 2026, 22:00 in Caracas; already Monday in UTC.
const opts = { choices, now: new Date('2026-01-05T02:00:00Z'), timezone: 'America/Caracas' };
const read = (kind: QuestionKind, text: string, payload?: string) => readAnswer(kind, { text, payload }, opts);

describe('reading answers to questions', () => {
  it('text: anything but blank', () => {
    expect(read('text', '  Quiero inscribirme ')).toEqual({ value: 'Quiero inscribirme' });
    expect(read('text', '   ')).toBeNull();
  });

  it('number: the one number in the answer, with a decimal comma', () => {
    expect(read('number', '25')).toEqual({ value: 25 });
    expect(read('number', 'tengo 25 años')).toEqual({ value: 25 });
    expect(read('number', '3,5')).toEqual({ value: 3.5 });
    expect(read('number', '-2.75')).toEqual({ value: -2.75 });
    expect(read('number', 'entre 2 y 3')).toBeNull();
    expect(read('number', 'muchos')).toBeNull();
  });

  it('date: dd/mm/yyyy, yyyy-mm-dd, hoy and mañana in the timezone; impossible days refused', () => {
    expect(read('date', '15/03/2026')).toEqual({ value: '2026-03-15' });
    expect(read('date', '5-3-2026')).toEqual({ value: '2026-03-05' });
    expect(read('date', '2026-3-15')).toEqual({ value: '2026-03-15' });
    expect(read('date', 'hoy')).toEqual({ value: '2026-01-04' });
    expect(read('date', 'Mañana')).toEqual({ value: '2026-01-05' });
    expect(read('date', 'manana')).toEqual({ value: '2026-01-05' });
    expect(read('date', '31/02/2026')).toBeNull();
    expect(read('date', 'el martes')).toBeNull();
  });

  it('email and phone: picked out of a sentence and normalised', () => {
    expect(read('email', 'mi correo es Ana.Perez@Correo.com')).toEqual({ value: 'ana.perez@correo.com' });
    expect(read('email', 'ana arroba correo')).toBeNull();
    expect(read('phone', 'es el +58 412 123 45 67')).toEqual({ value: '+584121234567' });
    expect(read('phone', 'no tengo')).toBeNull();
  });

  it('choice: by the tapped button, by number, by label without case or accents, or a sentence naming one', () => {
    expect(read('choice', 'Soporte técnico', 'soporte')).toEqual({ value: 'Soporte técnico', choice: 1 });
    expect(read('choice', 'lo que sea', 'admin')).toEqual({ value: 'Administración', choice: 2 });
    expect(read('choice', '2')).toEqual({ value: 'Soporte técnico', choice: 1 });
    expect(read('choice', '3.')).toEqual({ value: 'Administración', choice: 2 });
    expect(read('choice', 'ADMINISTRACION')).toEqual({ value: 'Administración', choice: 2 });
    expect(read('choice', 'quiero hablar con ventas por favor')).toEqual({ value: 'Ventas', choice: 0 });
    expect(read('choice', '4')).toBeNull();
    expect(read('choice', 'ventas o soporte tecnico')).toBeNull();
    expect(read('choice', 'otra cosa', 'desconocido')).toBeNull();
  });
});
