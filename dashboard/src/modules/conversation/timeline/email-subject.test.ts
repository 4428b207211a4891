import { describe, expect, it } from 'vitest';
import { emailSubjectOf } from './message-entry';

describe('email subject in the timeline', () => {
  it('shows the subject of an email, not of other messages, and not twice when it is the whole text', () => {
    expect(emailSubjectOf({ body: 'Hola', meta: { email: { subject: ' Envío a Maracaibo ' } } })).toBe('Envío a Maracaibo');
    expect(emailSubjectOf({ body: 'Hola', meta: {} })).toBeNull();
    expect(emailSubjectOf({ body: 'Llámenme', meta: { email: { subject: 'Llámenme' } } })).toBeNull();
    expect(emailSubjectOf({ body: 'Hola', meta: { email: { subject: '' } } })).toBeNull();
  });
});
