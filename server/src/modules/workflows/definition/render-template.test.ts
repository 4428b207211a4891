import { describe, expect, it } from 'vitest';
import {
  booleanWords, firstName, isValidVariableName, lookupVariable, renderHeaderTemplate, renderJsonTemplate, renderTemplate, renderUrlTemplate, type TemplateVars,
} from './render-template.js';

const vars: TemplateVars = {
  contact: {
    id: 5,
    name: 'José Ñúñez Pérez',
    email: 'jose@example.com',
    phone: '+58 412 1234567',
    documentNumber: 'V-12.345.678',
    tags: ['vip', 'admision y ventas'],
    fields: { '¿subir a CRM manualmente?': 'sí', plan: 'Oro', año_ingreso: 2019, moroso: false, 'ciudad natal': 'Mérida', vacío: null },
  },
  agent: { name: 'Georgina Cedeño', email: 'georgina@idea.test' },
  team: { name: 'Ventas 2 (Maracaibo)' },
  conversation: { id: 42, channel: 'whatsapp' },
  workspace: { name: 'IDEA' },
  vars: { crm_id: 'L-77', total: 12.5, ok: true, nada: null, lead: { id: 9, owner: { name: 'Ana' } }, items: [{ sku: 'A1' }, { sku: 'B2' }], lista: ['a', 'b'] },
};

const render = (text: string, v: TemplateVars = vars) => renderTemplate(text, v);

describe('renderTemplate', () => {
  it('fills the documented variables', () => {
    expect(render('¡Hola {{contact.first_name}}! Soy {{agent.name}} de {{team.name}}, {{workspace.name}} (caso #{{conversation.id}}). Tel: {{contact.phone}}'))
      .toBe('¡Hola José! Soy Georgina Cedeño de Ventas 2 (Maracaibo), IDEA (caso #42). Tel: +58 412 1234567');
  });

  it('allows spaces inside the braces and is lenient with the case of names', () => {
    expect(render('{{ contact.first_name }}|{{  Contact.First_Name}}|{{agent.first_name }}')).toBe('José|José|Georgina');
  });

  it('reads custom fields whose keys hold spaces, accents and punctuation, in either Unicode form', () => {
    expect(render('{{contact.fields.¿subir a CRM manualmente?}} / {{contact.fields.ciudad natal}} / {{contact.fields.an\u0303o_ingreso}}')).toBe('sí / Mérida / 2019');
    expect(render('{{contact.fields.CIUDAD NATAL}}')).toBe('Mérida');
  });

  it('reads custom fields as snippets write them, built-in names first', () => {
    expect(render('{{contact.plan}} {{contact.document_number}} {{contact.name}}')).toBe('Oro V-12.345.678 José Ñúñez Pérez');
  });

  it('reads run variables bare or under vars, nested and in lists', () => {
    expect(render('{{crm_id}} {{vars.crm_id}} {{lead.owner.name}} {{vars.items.1.sku}} {{ lead.id }}')).toBe('L-77 L-77 Ana B2 9');
  });

  it('renders numbers and booleans plainly, lists joined, objects as JSON', () => {
    expect(render('{{total}} {{ok}} {{contact.fields.moroso}} {{lista}} {{contact.tags}} {{lead.owner}}'))
      .toBe('12.5 true false a, b vip, admision y ventas {"name":"Ana"}');
  });

  it('renders missing and null values as empty text, never as the placeholder', () => {
    expect(render('[{{nada}}][{{no_existe}}][{{contact.fields.vacío}}][{{contact.fields.desconocido}}][{{agent.telefono}}][{{vars}}][{{contact.fields}}x]', {}))
      .toBe('[][][][][][][x]');
    expect(render('Hola {{contact.first_name}}.', { contact: { name: null } })).toBe('Hola .');
    expect(render('Hola {{contact.first_name}} de {{team.name}}', { contact: null, team: null })).toBe('Hola  de ');
  });

  it('reads booleans as words of a language when asked (snippets), plainly otherwise (HTTP steps)', () => {
    const text = '{{contact.fields.moroso}}/{{ok}} [{{contact.moroso}}] {{vars.flags}}';
    const v: TemplateVars = { ...vars, vars: { ...vars.vars, flags: [true, false] } };
    expect(renderTemplate(text, v)).toBe('false/true [false] true, false');
    expect(renderTemplate(text, v, { language: 'es' })).toBe('no/sí [no] sí, no');
    expect(renderTemplate(text, v, { language: 'en-US' })).toBe('no/yes [no] yes, no');
    expect(renderTemplate(text, v, { language: 'pt-BR' })).toBe('não/sim [não] sim, não');
    expect(renderTemplate('{{ok}}', v, { language: 'de' })).toBe('sí');
    expect(renderTemplate('{{ok}} {{total}}', v, { language: null })).toBe('true 12.5');
    expect(booleanWords('EN')).toEqual(['yes', 'no']);
  });

  it('keeps encoding values while reading booleans as words', () => {
    expect(renderTemplate('?moroso={{contact.fields.moroso}}&ok={{ok}}', vars, { language: 'es', encode: encodeURIComponent })).toBe('?moroso=no&ok=s%C3%AD');
  });

  it('gives first names for the contact and the agent, empty without a name', () => {
    expect(render('{{contact.first_name}}|{{agent.first_name}}|{{agent.email}}')).toBe('José|Georgina|georgina@idea.test');
    expect(render('[{{agent.first_name}}][{{contact.first_name}}]', { agent: { name: '   ' }, contact: { name: '' } })).toBe('[][]');
    expect(render('[{{agent.first_name}}]', { agent: null })).toBe('[]');
    expect(firstName('  María José   Pérez ')).toBe('María');
    expect(firstName(undefined)).toBe('');
  });

  it('finds no inherited properties', () => {
    expect(render('[{{vars.constructor}}][{{toString}}][{{contact.__proto__}}][{{lead.hasOwnProperty}}]')).toBe('[][][][]');
  });

  it('leaves text that is not a placeholder alone', () => {
    expect(render('{{ }} { {x} } {solo} }} {{')).toBe('{{ }} { {x} } {solo} }} {{');
    expect(render('{{ {{crm_id}} }}')).toBe('{{ L-77 }}');
    // A placeholder never spans lines, so a stray "{{" cannot swallow a paragraph.
    expect(render('Usa {{ para abrir\ny }} para cerrar')).toBe('Usa {{ para abrir\ny }} para cerrar');
  });

  it('encodes values, not the text around them, for URLs and headers', () => {
    expect(renderUrlTemplate('https://crm.example/buscar?tel={{contact.phone}}&q={{contact.fields.ciudad natal}}&x=a b', vars))
      .toBe('https://crm.example/buscar?tel=%2B58%20412%201234567&q=M%C3%A9rida&x=a b');
    expect(renderHeaderTemplate('Bearer {{token}}', { vars: { token: 'abc\r\nX-Injected: 1' } })).toBe('Bearer abcX-Injected: 1');
  });
});

describe('renderJsonTemplate', () => {
  it('renders strings at any depth and keeps JSON types of whole placeholders', () => {
    const body = {
      nombre: '{{contact.name}}',
      total: '{{total}}',
      ok: '{{ ok }}',
      lead: '{{lead}}',
      items: ['{{vars.items.0.sku}}', 3, null, false, { nota: 'Caso {{conversation.id}}' }],
      texto: 'Total: {{total}}',
      nada: '{{nada}}',
      falta: '{{no_existe}}',
      '{{crm_id}}': 'clave',
    };
    expect(renderJsonTemplate(body, vars)).toEqual({
      nombre: 'José Ñúñez Pérez',
      total: 12.5,
      ok: true,
      lead: { id: 9, owner: { name: 'Ana' } },
      items: ['A1', 3, null, false, { nota: 'Caso 42' }],
      texto: 'Total: 12.5',
      nada: null,
      falta: '',
      'L-77': 'clave',
    });
  });

  it('renders a top-level string body as text, and a key rendered as __proto__ stays a plain key', () => {
    expect(renderJsonTemplate('id={{crm_id}}', vars)).toBe('id=L-77');
    const out = renderJsonTemplate({ '{{k}}': { polluted: true } }, { vars: { k: '__proto__' } }) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('turns values JSON cannot hold into something it can', () => {
    const at = new Date('2026-01-05T10:00:00Z');
    expect(renderJsonTemplate(['{{d}}', '{{inf}}', '{{f}}'], { vars: { d: at, inf: Infinity, f: () => 1 } })).toEqual(['2026-01-05T10:00:00.000Z', null, '']);
  });
});

describe('lookupVariable and variable names', () => {
  it('returns raw values for conditions', () => {
    expect(lookupVariable('total', vars)).toBe(12.5);
    expect(lookupVariable('contact.fields.moroso', vars)).toBe(false);
    expect(lookupVariable('', vars)).toBeUndefined();
  });

  it('accepts identifiers that are not the names of the roots', () => {
    expect(['crm_id', '_x', 'Total2'].every(isValidVariableName)).toBe(true);
    expect(['contact', 'VARS', '2x', 'con espacio', 'a.b', ''].some(isValidVariableName)).toBe(false);
  });
});
