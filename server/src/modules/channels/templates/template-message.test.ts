import { describe, expect, it } from 'vitest';
import { templateMessage, templateVariableCount, unsupportedTemplateReason } from './template-message.js';

const body = (text: string) => ({ type: 'BODY', text });

describe('template messages', () => {
  it('fills the body\'s {{n}} in order and sends one body parameter per variable', () => {
    const components = [{ type: 'HEADER', format: 'TEXT', text: 'Pedido' }, body('Hola {{1}}, su pedido {{2}} llega el {{3}}. {{1}}, gracias.')];
    expect(templateVariableCount(components)).toBe(3);
    expect(templateMessage(components, ['Ana', '4417', 'lunes'])).toEqual({
      text: 'Hola Ana, su pedido 4417 llega el lunes. Ana, gracias.',
      components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ana' }, { type: 'text', text: '4417' }, { type: 'text', text: 'lunes' }] }],
    });
    expect(templateMessage([body('Sin variables')], [])).toEqual({ text: 'Sin variables', components: [] });
  });

  it('refuses variables WhatsApp refuses, naming the one', () => {
    const components = [body('Hola {{1}} {{2}}')];
    expect(() => templateMessage(components, ['Ana'])).toThrow(/takes 2 variables, got 1/);
    expect(() => templateMessage(components, ['Ana', ' '])).toThrow(/template.variables.1: must not be empty/);
    expect(() => templateMessage(components, ['Ana', 'a\nb'])).toThrow(/new lines/);
    expect(() => templateMessage(components, ['Ana', 'a     b'])).toThrow(/four spaces/);
  });

  it('says which templates need more than body variables', () => {
    expect(unsupportedTemplateReason([{ type: 'HEADER', format: 'IMAGE' }, body('x')])).toBe('its header is image media');
    expect(unsupportedTemplateReason([{ type: 'HEADER', format: 'TEXT', text: 'Hola {{1}}' }, body('x')])).toBe('its header has a variable');
    expect(unsupportedTemplateReason([body('Hola {{nombre}}')])).toBe('it uses named variables');
    expect(unsupportedTemplateReason([body('x'), { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Ver', url: 'https://x.example/{{1}}' }] }])).toBe('a button needs a parameter');
    expect(unsupportedTemplateReason([body('x'), { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Sí' }] }])).toBeNull();
    expect(() => templateMessage([{ type: 'HEADER', format: 'VIDEO' }, body('x')], [])).toThrow(/cannot be sent from the inbox yet/);
  });
});
