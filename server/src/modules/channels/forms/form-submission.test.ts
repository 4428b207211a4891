import { describe, expect, it } from 'vitest';
import { formConfigSchema } from './form-settings.js';
import { readSubmission, submissionEvent, submissionExternalId, type Submission } from './form-submission.js';
import type { FieldDefinition } from '../../contacts/contact-field-values.js';

const form = formConfigSchema.parse({
  replyChannelId: 1,
  fields: [
    { key: 'name', label: 'Nombre', required: true },
    { key: 'email', label: 'Correo', required: false },
    { key: 'phone', label: 'Teléfono' },
    { key: 'subject', label: 'Asunto' },
    { key: 'message', label: 'Mensaje', required: true },
    { key: 'contrato', label: 'N.º de contrato' },
    { key: 'acepta', label: 'Acepto las condiciones', required: true },
    { key: 'visita', label: 'Fecha de visita' },
  ],
});
const definitions: FieldDefinition[] = [
  { key: 'contrato', type: 'number', options: [], required: false },
  { key: 'acepta', type: 'checkbox', options: [], required: false },
  { key: 'visita', type: 'date', options: [], required: false },
];
const read = (body: unknown) => readSubmission(form, definitions, body);

describe('readSubmission', () => {
  it('normalises what the customer typed and keeps the custom answers in the form\'s order', () => {
    const r = read({ name: ' Marta ', email: 'MARTA@Example.com', phone: '0058 (414) 555-0101', message: 'Hola', contrato: '12,5', acepta: 'on', visita: '2026-03-01', submissionId: 'abc-1', extra: 'ignored' });
    expect(r).toEqual({
      kind: 'ok',
      submission: {
        submissionId: 'abc-1', name: 'Marta', email: 'marta@example.com', phone: '+584145550101', message: 'Hola',
        custom: { contrato: 12.5, acepta: true, visita: '2026-03-01' },
        answers: [
          { key: 'contrato', label: 'N.º de contrato', value: 12.5 },
          { key: 'acepta', label: 'Acepto las condiciones', value: true },
          { key: 'visita', label: 'Fecha de visita', value: '2026-03-01' },
        ],
      },
    });
  });

  it('names every wrong or missing field (an unticked required box is missing)', () => {
    const r = read({ name: '', email: 'nope', phone: 'call me', message: 'x'.repeat(5001), contrato: 'doce', acepta: false, visita: '2026-02-30', submissionId: 'no spaces' });
    expect(r.kind).toBe('invalid');
    const problems = r.kind === 'invalid' ? r.problems : [];
    expect(problems.map((p) => p.field).sort()).toEqual(['body.acepta', 'body.contrato', 'body.email', 'body.message', 'body.name', 'body.phone', 'body.submissionId', 'body.visita']);
    expect(problems.find((p) => p.field === 'body.name')!.message).toBe('is required');
    expect(problems.find((p) => p.field === 'body.acepta')!.message).toBe('is required');
  });

  it('refuses arrays and objects as answers, and a body that is not an object', () => {
    expect(read({ name: ['a', 'b'], message: 'x', acepta: true })).toMatchObject({ kind: 'invalid', problems: [{ field: 'body.name', message: 'expected a single value' }] });
    expect(read('name=x')).toMatchObject({ kind: 'invalid', problems: [{ field: 'body' }] });
  });

  it('takes a filled honeypot as spam before looking at anything else', () => {
    expect(read({ homepage: 'http://spam.example' })).toEqual({ kind: 'spam' });
  });
});

describe('submission ids and the stored message', () => {
  const s: Submission = { name: 'Marta', email: 'marta@example.com', subject: 'Factura', message: 'Me cobraron dos veces', custom: { contrato: 7 }, answers: [{ key: 'contrato', label: 'Contrato', value: 7 }] };
  const at = new Date('2026-03-01T10:00:10Z');

  it('is the same for a re-post within the minute, or for the same submission id at any time', () => {
    const id = submissionExternalId(5, s, at);
    expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(submissionExternalId(5, s, new Date('2026-03-01T10:00:50Z'))).toBe(id);
    expect(submissionExternalId(5, s, new Date('2026-03-01T10:01:00Z'))).not.toBe(id);
    expect(submissionExternalId(6, s, at)).not.toBe(id);
    const withId = { ...s, submissionId: 'page-1' };
    expect(submissionExternalId(5, withId, at)).toBe(submissionExternalId(5, { ...withId, message: 'otro' }, new Date('2027-01-01')));
  });

  it('is the message with the answers under it, the subject where email keeps it, the contact by address (else phone)', () => {
    const e = submissionEvent(s, { externalId: 'sha256:ab', receivedAt: at, page: 'https://tienda.example/contacto' });
    expect(e).toEqual({
      kind: 'message', externalId: 'sha256:ab', text: 'Me cobraron dos veces\n\nContrato: 7', sentAt: at,
      contact: { externalId: 'marta@example.com', name: 'Marta', email: 'marta@example.com', phone: undefined },
      meta: { email: { subject: 'Factura' }, form: { answers: s.answers, page: 'https://tienda.example/contacto' } },
    });
    const byPhone = submissionEvent({ ...s, email: undefined, phone: '+584145550101', message: undefined, answers: [] }, { externalId: 'sha256:ab', receivedAt: at });
    expect(byPhone.contact.externalId).toBe('+584145550101');
    expect(byPhone.text).toBe('Factura');
  });
});
