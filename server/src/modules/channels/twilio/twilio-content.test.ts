import { describe, expect, it } from 'vitest';
import { contentComponents, contentVariables } from './twilio-content.js';
import { channelTemplateDto } from '../templates/channel-template-dto.js';

/** What the inbox makes of a Content template: its body, variable count, and whether an agent can send it. */
const asTemplate = (types: unknown, status = 'APPROVED') =>
  channelTemplateDto({ id: 1, workspaceId: 1, channelId: 1, externalId: 'HX', name: 'x', language: 'es', category: null, status, components: contentComponents(types), syncedAt: new Date(0) } as never);

describe('Twilio Content templates', () => {
  it('takes the body of a text, media or quick-reply content, with its variables', () => {
    expect(asTemplate({ 'twilio/text': { body: 'Hola {{1}}, pedido {{2}}' } })).toMatchObject({ body: 'Hola {{1}}, pedido {{2}}', variables: 2, sendable: true });
    expect(asTemplate({ 'twilio/media': { body: 'Su factura', media: ['https://x.example/f.pdf'] } })).toMatchObject({ body: 'Su factura', variables: 0, sendable: true });
    const quick = asTemplate({ 'twilio/quick-reply': { body: '¿Confirma el {{1}}?', actions: [{ title: 'Sí', id: 'y' }, { title: 'No', id: 'n' }] }, 'twilio/text': { body: '¿Confirma el {{1}}? Responda SÍ o NO' } });
    expect(quick).toMatchObject({ body: '¿Confirma el {{1}}?', variables: 1, sendable: true });
    expect(quick.components).toContainEqual({ type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Sí' }, { type: 'QUICK_REPLY', text: 'No' }] });
    expect(asTemplate({ 'twilio/card': { title: 'Hola {{1}}', subtitle: 'Gracias' } })).toMatchObject({ body: 'Hola {{1}}\nGracias', variables: 1, sendable: true });
  });

  it('is not sendable from the inbox when a variable sits outside the body, or the template needs a code', () => {
    expect(asTemplate({ 'twilio/call-to-action': { body: 'Envío {{1}}', actions: [{ type: 'URL', title: 'Ver', url: 'https://x.example/{{2}}' }] } }))
      .toMatchObject({ sendable: false, unsupportedReason: 'a button needs a parameter' });
    expect(asTemplate({ 'twilio/media': { body: 'Su factura', media: ['https://x.example/{{1}}.pdf'] } })).toMatchObject({ sendable: false, unsupportedReason: 'its header has a variable' });
    expect(asTemplate({ 'whatsapp/authentication': { add_security_recommendation: true, actions: [{ type: 'COPY_CODE', copy_code_text: 'Copiar' }] } })).toMatchObject({ sendable: false });
    expect(asTemplate({ 'twilio/text': { body: 'Hola {{1}}' } }, 'PENDING')).toMatchObject({ sendable: false });
  });

  it('ContentVariables: the body values keyed by their placeholder number', () => {
    expect(contentVariables([{ type: 'body', parameters: [{ type: 'text', text: 'Ana' }, { type: 'text', text: '4417' }] }])).toBe('{"1":"Ana","2":"4417"}');
    expect(contentVariables([])).toBe('{}');
  });
});
