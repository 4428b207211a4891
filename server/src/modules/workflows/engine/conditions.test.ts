import { describe, expect, it } from 'vitest';
import { condition, type Condition } from '../definition/workflow-conditions.js';
import type { BusinessHours } from '../../routing/business-hours.types.js';
import type { TemplateVars } from '../definition/render-template.js';
import { compare, conditionHolds, conditionsHold, type ConditionEnv } from './conditions.js';

const weekdays: BusinessHours = {
  timezone: 'America/Caracas',
  days: { mon: [{ from: '08:00', to: '17:00' }], tue: [{ from: '08:00', to: '17:00' }] },
  holidays: [],
  awayMessage: '',
};

const values: TemplateVars = {
  contact: {
    id: 7, name: 'María Pérez', email: 'maria@correo.com', phone: '+584121234567', documentNumber: 'V-12345678', language: 'es',
    lifecycle: 'Cliente', tags: ['VIP', 'admisión y ventas'],
    fields: { plan: 'Oro', edad: 34, 'fecha de ingreso': '2024-03-15', activo: true, 'carreras': ['Ingeniería', 'Derecho'] },
  },
  conversation: { id: 3, status: 'open', tags: ['urgente'], channel: 'whatsapp', channelId: 12, teamId: 4 },
  workspace: { name: 'Uni' },
  vars: { total: '12,5', pedido: { estado: 'Enviado' }, vacio: '' },
};

/** Monday 2026-01-05 12:00 UTC is 08:00 in Caracas (UTC−4): open. */
const monday = new Date('2026-01-05T12:00:00Z');

function env(overrides: Partial<ConditionEnv> = {}): ConditionEnv & { asked: Array<number | undefined> } {
  const asked: Array<number | undefined> = [];
  return {
    values, now: monday, timezone: 'America/Caracas', asked,
    async schedules(teamId) {
      asked.push(teamId);
      return teamId === 99 ? [null] : [weekdays];
    },
    ...overrides,
  };
}

const holds = (raw: Record<string, unknown>, e = env()) => conditionHolds(condition.parse(raw) as Condition, e);

describe('conditions', () => {
  describe('contact fields: built-in by name and custom by key', () => {
    it.each([
      [{ field: 'name', operator: 'is', value: 'maria perez' }, true],
      [{ field: 'email', operator: 'contains', value: '@correo' }, true],
      [{ field: 'document_number', operator: 'is', value: 'V-12345678' }, true],
      [{ field: 'lifecycle', operator: 'is', value: 'cliente' }, true],
      [{ field: 'lifecycle', operator: 'is_not', value: 'Lead' }, true],
      [{ field: 'plan', operator: 'is', value: 'ORO' }, true],
      [{ field: 'plan', operator: 'is_not', value: 'Oro' }, false],
      [{ field: 'edad', operator: 'gt', value: 30 }, true],
      [{ field: 'edad', operator: 'lt', value: '30' }, false],
      [{ field: 'edad', operator: 'between', from: 30, to: 34 }, true],
      [{ field: 'edad', operator: 'between', from: 35, to: 40 }, false],
      [{ field: 'fecha de ingreso', operator: 'gt', value: '2024-01-01' }, true],
      [{ field: 'fecha de ingreso', operator: 'lt', value: '01/01/2024' }, false],
      [{ field: 'activo', operator: 'is', value: true }, true],
      [{ field: 'carreras', operator: 'contains', value: 'derecho' }, true],
      [{ field: 'carreras', operator: 'is', value: 'Ingenieria' }, true],
      [{ field: 'phone', operator: 'exists' }, true],
      [{ field: 'nunca escrito', operator: 'exists' }, false],
      [{ field: 'nunca escrito', operator: 'not_exists' }, true],
      [{ field: 'nunca escrito', operator: 'is_not', value: 'x' }, true],
      [{ field: 'plan', operator: 'gt', value: 'A' }, false],
    ])('%j → %s', async (c, expected) => {
      expect(await holds({ kind: 'contact_field', ...c })).toBe(expected);
    });
  });

  describe('variables, bare or under vars, with paths', () => {
    it.each([
      [{ name: 'total', operator: 'gt', value: 12 }, true],
      [{ name: 'vars.total', operator: 'lt', value: '13' }, true],
      [{ name: 'total', operator: 'is', value: 12.5 }, true],
      [{ name: 'pedido.estado', operator: 'is', value: 'enviado' }, true],
      [{ name: 'pedido.estado', operator: 'contains', value: 'VIA' }, true],
      [{ name: 'vacio', operator: 'exists' }, false],
      [{ name: 'vacio', operator: 'not_exists' }, true],
      [{ name: 'falta', operator: 'between', from: 1, to: 2 }, false],
      [{ name: 'falta', operator: 'contains', value: 'a' }, false],
    ])('%j → %s', async (c, expected) => {
      expect(await holds({ kind: 'variable', ...c })).toBe(expected);
    });
  });

  describe('tags of the contact or the conversation', () => {
    it.each([
      [{ operator: 'is', value: 'vip' }, true],
      [{ operator: 'is', value: 'Admision y Ventas' }, true],
      [{ operator: 'is_not', value: 'VIP' }, false],
      [{ operator: 'exists' }, true],
      [{ operator: 'not_exists' }, false],
      [{ scope: 'conversation', operator: 'is', value: 'urgente' }, true],
      [{ scope: 'conversation', operator: 'is', value: 'VIP' }, false],
    ])('%j → %s', async (c, expected) => {
      expect(await holds({ kind: 'tag', ...c })).toBe(expected);
    });

    it('no conversation has no tags', async () => {
      expect(await holds({ kind: 'tag', scope: 'conversation', operator: 'not_exists' }, env({ values: { ...values, conversation: null } }))).toBe(true);
    });
  });

  describe('the channel, by type or by account', () => {
    it.each([
      [{ operator: 'is', channelType: 'WhatsApp' }, true],
      [{ operator: 'is', channelType: 'webchat' }, false],
      [{ operator: 'is_not', channelType: 'webchat' }, true],
      [{ operator: 'is', channelId: 12 }, true],
      [{ operator: 'is', channelType: 'whatsapp', channelId: 13 }, false],
    ])('%j → %s', async (c, expected) => {
      expect(await holds({ kind: 'channel', ...c })).toBe(expected);
    });

    it('a run without a conversation is on no channel', async () => {
      const e = env({ values: { ...values, conversation: null } });
      expect(await holds({ kind: 'channel', operator: 'is', channelType: 'whatsapp' }, e)).toBe(false);
      expect(await holds({ kind: 'channel', operator: 'is_not', channelType: 'whatsapp' }, e)).toBe(true);
    });
  });

  describe('business hours', () => {
    it('asks for the named team\'s hours, or the conversation\'s without one, and compares open or closed now', async () => {
      const e = env();
      expect(await holds({ kind: 'business_hours', operator: 'is', value: 'open' }, e)).toBe(true);
      expect(await holds({ kind: 'business_hours', operator: 'is', value: 'closed' }, e)).toBe(false);
      expect(await holds({ kind: 'business_hours', operator: 'is_not', value: 'open' }, e)).toBe(false);
      expect(await holds({ kind: 'business_hours', operator: 'is', value: 'open', teamId: 99 }, e)).toBe(true);
      expect(e.asked).toEqual([undefined, undefined, undefined, 99]);
    });

    it('closed at night and on days without hours', async () => {
      const night = env({ now: new Date('2026-01-06T02:00:00Z') }); // Monday 22:00 in Caracas
      expect(await holds({ kind: 'business_hours', operator: 'is', value: 'closed' }, night)).toBe(true);
      const wednesday = env({ now: new Date('2026-01-07T15:00:00Z') });
      expect(await holds({ kind: 'business_hours', operator: 'is_not', value: 'open' }, wednesday)).toBe(true);
    });
  });

  describe('the current date in a timezone', () => {
    it.each([
      // 2026-01-05 02:00 UTC is still Sunday 4 January in Caracas.
      [{ operator: 'gt', value: '2026-01-04' }, false],
      [{ operator: 'gt', value: '2026-01-03' }, true],
      [{ operator: 'lt', value: '2026-01-05' }, true],
      [{ operator: 'between', from: '2026-01-04', to: '2026-01-04' }, true],
      [{ operator: 'between', from: '2026-01-01', to: '2026-01-03' }, false],
      [{ operator: 'gt', value: '2026-01-04', timezone: 'Europe/Madrid' }, true],
      [{ operator: 'gt', value: '2026-01-05T01:59:00Z' }, true],
      [{ operator: 'lt', value: '2026-01-04T23:00:00-04:00' }, true],
      [{ operator: 'between', from: '2026-01-04T21:00:00-04:00', to: '2026-01-05' }, true],
      [{ operator: 'between', from: '2026-01-04T23:00:00-04:00', to: '2026-01-05' }, false],
      [{ operator: 'gt' }, false],
    ])('%j → %s', async (c, expected) => {
      expect(await holds({ kind: 'current_date', ...c }, env({ now: new Date('2026-01-05T02:00:00Z') }))).toBe(expected);
    });
  });

  describe('matching all or any', () => {
    const yes = condition.parse({ kind: 'tag', operator: 'is', value: 'VIP' }) as Condition;
    const no = condition.parse({ kind: 'tag', operator: 'is', value: 'moroso' }) as Condition;

    it('all needs every condition, any needs one; no conditions hold either way', async () => {
      expect(await conditionsHold([yes, yes], 'all', env())).toBe(true);
      expect(await conditionsHold([yes, no], 'all', env())).toBe(false);
      expect(await conditionsHold([no, yes], 'any', env())).toBe(true);
      expect(await conditionsHold([no, no], 'any', env())).toBe(false);
      expect(await conditionsHold([], 'all', env())).toBe(true);
      expect(await conditionsHold([], 'any', env())).toBe(true);
    });

    it('stops at the first condition that decides, so the hours are not read needlessly', async () => {
      const hours = condition.parse({ kind: 'business_hours', operator: 'is', value: 'open' }) as Condition;
      const e = env();
      expect(await conditionsHold([no, hours], 'all', e)).toBe(false);
      expect(await conditionsHold([yes, hours], 'any', e)).toBe(true);
      expect(e.asked).toEqual([]);
    });
  });

  it('compares numbers written with a decimal comma and dates in either format, and nothing else by order', () => {
    expect(compare('3,5', 'gt', { value: 3 })).toBe(true);
    expect(compare('15/03/2024', 'is', { value: '2024-03-15' })).toBe(true);
    expect(compare('abc', 'lt', { value: 'abd' })).toBe(false);
    expect(compare(null, 'is', { value: '' })).toBe(true);
  });
});
