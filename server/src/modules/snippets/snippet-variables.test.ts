import { describe, expect, it } from 'vitest';
import { firstName } from '../workflows/definition/render-template.js';
import { renderSnippetBody, type SnippetContext } from './snippet-variables.js';

const context = (over: Partial<SnippetContext> = {}): SnippetContext => ({
  contact: { name: 'José Ñúñez Pérez', email: 'jose@example.com', phone: '+584141234567', documentNumber: 'V-12.345.678', customFields: {} },
  agent: { name: 'Georgina Cedeño', email: 'georgina@idea.test' },
  workspace: { name: 'IDEA', language: 'es' },
  conversation: { id: 42 },
  ...over,
});

const render = (body: string, over: Partial<SnippetContext> = {}) => renderSnippetBody(body, context(over));

describe('renderSnippetBody', () => {
  it('fills contact, agent, workspace and conversation variables, accents kept', () => {
    expect(render('¡Hola {{contact.first_name}}! Te escribe {{agent.first_name}} de {{workspace.name}} (caso #{{conversation.id}}).'))
      .toBe('¡Hola José! Te escribe Georgina de IDEA (caso #42).');
    expect(render('{{contact.name}} · {{contact.email}} · {{contact.phone}} · {{contact.document_number}} · {{agent.name}} <{{agent.email}}>'))
      .toBe('José Ñúñez Pérez · jose@example.com · +584141234567 · V-12.345.678 · Georgina Cedeño <georgina@idea.test>');
  });

  it('names the conversation\'s team (seed 000: "desde el departamento …"), empty without one', () => {
    expect(render('desde el departamento {{team.name}} ({{agent.name}})', { team: { name: 'Soporte' } })).toBe('desde el departamento Soporte (Georgina Cedeño)');
    expect(render('desde el departamento {{team.name}}', { team: null })).toBe('desde el departamento ');
  });

  it('allows spaces inside the braces and is tolerant of the case of built-in names', () => {
    expect(render('Hola {{ contact.first_name }} / {{Contact.First_Name}}')).toBe('Hola José / José');
  });

  it('turns missing values into empty text', () => {
    const noData = { contact: { name: '', email: null, phone: null, documentNumber: null, customFields: {} } };
    expect(render('Estimado(a) {{contact.first_name}}, su correo: {{contact.email}}.', noData)).toBe('Estimado(a) , su correo: .');
    expect(render('Le atiende {{agent.name}}', { agent: null })).toBe('Le atiende ');
  });

  it('leaves unknown variables out as empty text, but keeps text that is not a variable', () => {
    expect(render('A{{contact.apellido}}B{{nada}}C{{ }}D{ {x} }')).toBe('ABC{{ }}D{ {x} }');
  });

  it('reads custom fields by key, accented keys in either Unicode form, with typed values', () => {
    const customFields = { plan: 'Oro', 'año_ingreso': 2019, moroso: false, vip: true, 'ciudad': 'Mérida' };
    const nfd = '{{contact.an\u0303o_ingreso}}';
    expect(render(`{{contact.plan}} ${nfd} {{contact.moroso}}/{{contact.vip}} {{contact.ciudad}}`, { contact: { ...context().contact, customFields } }))
      .toBe('Oro 2019 no/sí Mérida');
    const en = render('{{contact.vip}}', { contact: { ...context().contact, customFields }, workspace: { name: 'W', language: 'en' } });
    expect(en).toBe('yes');
  });

  it('lets built-in names win over a custom field of the same key', () => {
    expect(render('{{contact.name}}', { contact: { ...context().contact, customFields: { name: 'otro' } } })).toBe('José Ñúñez Pérez');
  });

  // The API stores only text, numbers and booleans as custom values; anything else follows the shared
  // renderer's rule (render-template.ts: lists joined, objects as JSON) rather than a snippet-only one.
  it('renders other custom values by the shared rules, booleans inside lists in the workspace\'s language too', () => {
    const customFields = { obj: { a: 1 }, lista: ['a', true] };
    expect(render('[{{contact.obj}}] [{{contact.fields.lista}}]', { contact: { ...context().contact, customFields } })).toBe('[{"a":1}] [a, sí]');
  });
});

describe('firstName', () => {
  it('takes the first word, whatever the spacing', () => {
    expect(firstName('  María José   Pérez ')).toBe('María');
    expect(firstName('')).toBe('');
    expect(firstName(null)).toBe('');
  });
});
