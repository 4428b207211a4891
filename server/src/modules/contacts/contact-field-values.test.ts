import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.js';
import { checkCustomFieldValues, isIsoDate, type FieldDefinition } from './contact-field-values.js';

const defs: FieldDefinition[] = [
  { key: 'plan', type: 'select', options: ['Oro', 'Plata'], required: false },
  { key: 'edad', type: 'number', options: [], required: false },
  { key: 'nacimiento', type: 'date', options: [], required: false },
  { key: 'vip', type: 'checkbox', options: [], required: false },
  { key: 'ciudad', type: 'text', options: [], required: false },
  { key: 'cedula', type: 'text', options: [], required: true },
];

function failure(values: Record<string, string | number | boolean | null>) {
  try {
    checkCustomFieldValues(defs, values);
  } catch (err) {
    if (err instanceof AppError) return { status: err.status, code: err.code, details: err.details as Array<{ field: string; message: string }> };
    throw err;
  }
  throw new Error('expected a validation error');
}

describe('checkCustomFieldValues', () => {
  it('accepts and normalises values of each type', () => {
    expect(checkCustomFieldValues(defs, { plan: 'Oro', edad: '3,5', nacimiento: '2000-02-29', vip: true, ciudad: ' Mérida ', cedula: 'V-1' }))
      .toEqual({ plan: 'Oro', edad: 3.5, nacimiento: '2000-02-29', vip: true, ciudad: 'Mérida', cedula: 'V-1' });
    expect(checkCustomFieldValues(defs, { edad: 42 })).toEqual({ edad: 42 });
    expect(checkCustomFieldValues(defs, { edad: '-7' })).toEqual({ edad: -7 });
  });

  it('passes keys that have no definition as given', () => {
    expect(checkCustomFieldValues(defs, { libre: 'x', otro: 3 })).toEqual({ libre: 'x', otro: 3 });
  });

  it('turns emptied values into removals, and refuses to clear a required field', () => {
    expect(checkCustomFieldValues(defs, { ciudad: '', plan: null, edad: '  ' })).toEqual({ ciudad: null, plan: null, edad: null });
    expect(failure({ cedula: null })).toEqual({ status: 400, code: 'validation_failed', details: [{ field: 'body.customFields.cedula', message: 'is required' }] });
    expect(failure({ cedula: '' }).details).toEqual([{ field: 'body.customFields.cedula', message: 'is required' }]);
  });

  it('names the field and the expected form on a wrong value', () => {
    expect(failure({ plan: 'Bronce' }).details).toEqual([{ field: 'body.customFields.plan', message: 'expected one of: Oro, Plata' }]);
    expect(failure({ edad: 'doce' }).details).toEqual([{ field: 'body.customFields.edad', message: 'expected a number' }]);
    expect(failure({ nacimiento: '29/02/2000' }).details).toEqual([{ field: 'body.customFields.nacimiento', message: 'expected a date as YYYY-MM-DD' }]);
    expect(failure({ nacimiento: '2023-02-29' }).details[0].field).toBe('body.customFields.nacimiento');
    expect(failure({ vip: 'sí' }).details).toEqual([{ field: 'body.customFields.vip', message: 'expected true or false' }]);
    expect(failure({ ciudad: 12 }).details).toEqual([{ field: 'body.customFields.ciudad', message: 'expected text' }]);
  });
});

describe('isIsoDate', () => {
  it.each([['2024-02-29', true], ['2023-02-29', false], ['2024-13-01', false], ['2024-1-01', false], ['2024-04-31', false], ['1999-12-31', true]])('%s → %s', (text, ok) => {
    expect(isIsoDate(text)).toBe(ok);
  });
});
