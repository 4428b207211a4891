import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../app/api-client';
import { closeErrors } from './close-errors';

describe('closeErrors', () => {
  it('marks the closing-note fields a 422 closing_note_required names', () => {
    const err = new ApiError(422, 'closing_note_required', 'Closing needs…', [{ field: 'category', message: 'required' }, { field: 'summary', message: 'required' }]);
    expect(closeErrors(err)).toEqual({ category: true, summary: true, form: [] });
  });

  it("lists the team form's missing fields of a 422 form_incomplete, in order", () => {
    const err = new ApiError(422, 'form_incomplete', 'Form incomplete', [
      { field: 'form.motivo', message: 'Motivo is required' },
      { field: 'form.numero_pedido', message: 'Número de pedido is required' },
    ]);
    expect(closeErrors(err)).toEqual({ category: false, summary: false, form: ['Motivo is required', 'Número de pedido is required'] });
  });

  it('reads body-prefixed fields, and nothing from other errors', () => {
    expect(closeErrors(new ApiError(400, 'bad_request', 'x', [{ field: 'body.category', message: 'unknown' }])).category).toBe(true);
    expect(closeErrors(new ApiError(409, 'invalid_transition', 'x', { from: 'closed', to: 'closed' }))).toEqual({ category: false, summary: false, form: [] });
    expect(closeErrors(new Error('boom'))).toEqual({ category: false, summary: false, form: [] });
  });
});
