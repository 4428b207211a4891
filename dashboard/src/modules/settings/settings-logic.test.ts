// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../app/api-client';
import { i18n } from '../../i18n/i18n';
import { moveField, nextPosition } from './field-order';
import { serverErrors } from './form-errors';
import type { Member } from './members.api';
import {
  isHttpUrl,
  keyFromLabel,
  validateApiChannel,
  validateContactField,
  validateInvite,
  validateSnippet,
  validateTag,
  validateTeam,
  validateWorkspace,
} from './settings-validation';
import { insertAtCursor, variablesFor } from './snippet-modal';
import type { Snippet } from './snippets.api';
import { filterSnippets } from './snippets-settings';
import { filterMembers } from './users-settings';
import { timezoneOptions, workspaceChanges } from './workspace-settings';
import type { Workspace } from './workspace.api';

const t = i18n.getFixedT('es');

describe('settings validation', () => {
  it('invitations need an e-mail address', () => {
    expect(validateInvite(t, { email: 'ana@optica', name: '' })).toEqual({ email: 'Escribe un correo electrónico válido' });
    expect(validateInvite(t, { email: ' ana@optica.example ', name: '' })).toEqual({});
    expect(validateInvite(t, { email: 'ana@optica.example', name: 'x'.repeat(121) })).toEqual({ name: 'Como máximo 120 caracteres' });
  });

  it('teams need a name of at most 80 characters', () => {
    expect(validateTeam(t, { name: '  ', description: '' })).toEqual({ name: 'Este campo es obligatorio' });
    expect(validateTeam(t, { name: 'x'.repeat(81), description: '' })).toEqual({ name: 'Como máximo 80 caracteres' });
    expect(validateTeam(t, { name: 'Ventas', description: 'y'.repeat(501) })).toEqual({ description: 'Como máximo 500 caracteres' });
  });

  it('the API channel needs a name and an http(s) outbound URL', () => {
    expect(validateApiChannel(t, { name: '', outboundUrl: '' })).toEqual({ name: 'Este campo es obligatorio', outboundUrl: 'Este campo es obligatorio' });
    expect(validateApiChannel(t, { name: 'CRM', outboundUrl: 'crm.example/in' })).toEqual({ outboundUrl: 'Escribe una dirección que empiece por http:// o https://' });
    expect(validateApiChannel(t, { name: 'CRM', outboundUrl: 'https://crm.example/in' })).toEqual({});
    expect(isHttpUrl('http://127.0.0.1:9/x')).toBe(true);
    expect(isHttpUrl('javascript:alert(1)')).toBe(false);
  });

  it('tags need a #rrggbb colour', () => {
    expect(validateTag(t, { name: 'vip', color: 'red' })).toEqual({ color: 'Elige un color en formato #RRGGBB' });
    expect(validateTag(t, { name: 'vip', color: '#12b886' })).toEqual({});
  });

  it('snippet shortcuts are one word, with or without the leading slash, accents allowed', () => {
    expect(validateSnippet(t, { shortcut: 'dos palabras', title: '', body: 'Hola' })).toEqual({ shortcut: 'Una sola palabra: letras, números, -, _ o .' });
    expect(validateSnippet(t, { shortcut: '/información', title: '', body: 'Hola' })).toEqual({});
    expect(validateSnippet(t, { shortcut: 'envío_2.0-b', title: '', body: '' })).toEqual({ body: 'Este campo es obligatorio' });
    expect(validateSnippet(t, { shortcut: 'x'.repeat(51), title: '', body: 'a' })).toEqual({ shortcut: 'Como máximo 50 caracteres' });
  });

  it('contact fields: a key the API can use, options for lists and no repeats', () => {
    const base = { key: 'ciudad', label: 'Ciudad', type: 'text' as const, options: [] };
    expect(validateContactField(t, base)).toEqual({});
    expect(validateContactField(t, { ...base, key: 'Ciudad' })).toEqual({ key: 'Minúsculas sin acentos, números y _ (empieza por una letra)' });
    expect(validateContactField(t, { ...base, key: '1ciudad' })).toHaveProperty('key');
    expect(validateContactField(t, { ...base, key: 'email' })).toEqual({ key: 'Ya es un dato propio del contacto: elige otra clave' });
    expect(validateContactField(t, { ...base, key: 'a'.repeat(41) })).toEqual({ key: 'Como máximo 40 caracteres' });
    expect(validateContactField(t, { ...base, label: 'x'.repeat(81) })).toEqual({ label: 'Como máximo 80 caracteres' });
    expect(validateContactField(t, { ...base, type: 'select' })).toEqual({ options: 'Añade al menos una opción' });
    expect(validateContactField(t, { ...base, type: 'select', options: ['A', ' A '] })).toEqual({ options: 'Las opciones no pueden repetirse' });
    expect(validateContactField(t, { ...base, type: 'select', options: ['A', 'B', ''] })).toEqual({});
  });

  it('proposes a key from a label', () => {
    expect(keyFromLabel('Número de cliente')).toBe('numero_de_cliente');
    expect(keyFromLabel('  2º Teléfono (casa) ')).toBe('telefono_casa');
    expect(keyFromLabel('¿Año?')).toBe('ano');
    expect(keyFromLabel('')).toBe('');
    expect(keyFromLabel('Dirección de facturación del cliente principal')).toBe('direccion_de_facturacion_del_cliente_pri');
    expect(keyFromLabel('Código postal de la sucursal número_')).toMatch(/^[a-z][a-z0-9_]{0,39}$/);
  });

  it('workspace: a listed zone and a reopen window within 0…30 days', () => {
    const zones = ['America/Caracas', 'UTC'];
    expect(validateWorkspace(t, { name: 'Óptica', timezone: 'America/Caracas', reopenWindowMinutes: 0 }, zones)).toEqual({});
    expect(validateWorkspace(t, { name: 'Óptica', timezone: 'Mars/Olympus', reopenWindowMinutes: 43_201 }, zones)).toEqual({
      timezone: 'Elige una zona horaria de la lista',
      reopenWindowMinutes: 'Un número entero entre 0 y 43200',
    });
    expect(validateWorkspace(t, { name: 'Óptica', timezone: 'UTC', reopenWindowMinutes: '' }, zones)).toHaveProperty('reopenWindowMinutes');
  });
});

describe('server errors on forms', () => {
  const invalid = (field: string) => new ApiError(400, 'validation_failed', 'x', [{ field, message: 'bad' }]);

  it('marks the fields the server names, mapping aliases', () => {
    expect(serverErrors(t, invalid('body.name'), ['name', 'outboundUrl'])).toEqual({ fieldErrors: { name: 'Valor no válido' }, message: null });
    expect(serverErrors(t, invalid('body.config.outboundUrl'), ['name', 'outboundUrl'], { aliases: { config: 'outboundUrl' } })).toEqual({
      fieldErrors: { outboundUrl: 'Valor no válido' },
      message: null,
    });
  });

  it('turns a conflict into "taken" on the given field, anything else into the form message', () => {
    expect(serverErrors(t, new ApiError(409, 'conflict', 'dup'), ['shortcut'], { conflictField: 'shortcut' }).fieldErrors).toEqual({ shortcut: 'Ya existe uno con este valor' });
    expect(serverErrors(t, new ApiError(403, 'forbidden', 'no'), ['name'])).toEqual({ fieldErrors: {}, message: 'No tienes permiso para hacer esto.' });
    expect(serverErrors(t, invalid('body.unknown'), ['name']).message).toBe('Revisa los campos marcados.');
  });
});

describe('contact field order', () => {
  const fields = [
    { id: 1, position: 0 },
    { id: 2, position: 1 },
    { id: 3, position: 2 },
  ];

  it('swaps with the neighbour and sends only changed positions', () => {
    expect(moveField(fields, 3, -1)).toEqual([
      { id: 3, position: 1 },
      { id: 2, position: 2 },
    ]);
    expect(moveField(fields, 1, 1)).toEqual([
      { id: 2, position: 0 },
      { id: 1, position: 1 },
    ]);
  });

  it('does nothing past the ends', () => {
    expect(moveField(fields, 1, -1)).toEqual([]);
    expect(moveField(fields, 3, 1)).toEqual([]);
    expect(moveField(fields, 9, 1)).toEqual([]);
  });

  it('renumbers fields that share a position', () => {
    const tied = [
      { id: 5, position: 0 },
      { id: 6, position: 0 },
      { id: 7, position: 0 },
    ];
    expect(moveField(tied, 7, -1)).toEqual([
      { id: 7, position: 1 },
      { id: 6, position: 2 },
    ]);
    expect(nextPosition(tied)).toBe(1);
    expect(nextPosition([])).toBe(0);
  });
});

describe('snippet editor', () => {
  it('inserts at the cursor or over the selection', () => {
    expect(insertAtCursor('Hola !', 5, 5, '{{contact.first_name}}')).toEqual({ text: 'Hola {{contact.first_name}}!', cursor: 27 });
    expect(insertAtCursor('Hola XX!', 5, 7, '{{agent.name}}')).toEqual({ text: 'Hola {{agent.name}}!', cursor: 19 });
    expect(insertAtCursor('abc', 99, 99, '!')).toEqual({ text: 'abc!', cursor: 4 });
  });

  it('offers custom fields after the built-in variables, without repeating one', () => {
    const variables = variablesFor(['ciudad', 'email']);
    expect(variables[0]).toBe('contact.name');
    expect(variables).toContain('contact.ciudad');
    expect(variables.filter((v) => v === 'contact.email')).toHaveLength(1);
  });

  it('searches snippets by shortcut, title or text, ignoring accents and the slash', () => {
    const s = (id: number, shortcut: string, body: string): Snippet => ({ id, shortcut, title: '', body, scope: 'workspace', team: null, action: null, createdBy: null, updatedAt: '' });
    const list = [s(1, 'saludo', 'Hola'), s(2, 'envio', 'El envío tarda 3 días'), s(3, 'adios', 'Chao')];
    expect(filterSnippets(list, '').map((x) => x.shortcut)).toEqual(['adios', 'envio', 'saludo']);
    expect(filterSnippets(list, '/sal').map((x) => x.id)).toEqual([1]);
    expect(filterSnippets(list, 'DIAS').map((x) => x.id)).toEqual([2]);
  });
});

describe('members list', () => {
  const m = (id: number, name: string, active = true) => ({ id, name, email: `${name.toLowerCase().replace(/\s/g, '')}@x.example`, active }) as Member;

  it('puts active people first, by name, and searches name or e-mail without accents', () => {
    const list = [m(1, 'Zoe'), m(2, 'Ángel', false), m(3, 'Bruno Díaz')];
    expect(filterMembers(list, '').map((x) => x.id)).toEqual([3, 1, 2]);
    expect(filterMembers(list, 'diaz').map((x) => x.id)).toEqual([3]);
    expect(filterMembers(list, 'angel').map((x) => x.id)).toEqual([2]);
    expect(filterMembers(list, 'zoe@x').map((x) => x.id)).toEqual([1]);
  });
});

describe('workspace form', () => {
  const saved: Workspace = {
    id: 1, name: 'Óptica', timezone: 'America/Caracas', language: 'es', reopenWindowMinutes: 60, createdAt: '',
    onlyAssigneeReplies: false, closingNotePolicy: 'optional', closingMessage: null, closeResumesBot: true, closeReleasesAssignee: true, agentReplyPausesBot: true, autoAwayMinutes: 5, autoOfflineMinutes: 30,
  };

  it('sends only what changed', () => {
    expect(workspaceChanges(saved, { name: ' Óptica ', timezone: 'America/Caracas', language: 'es', reopenWindowMinutes: 60 })).toEqual({});
    expect(workspaceChanges(saved, { name: 'Óptica 2', timezone: 'UTC', language: 'en', reopenWindowMinutes: 0 })).toEqual({ name: 'Óptica 2', timezone: 'UTC', language: 'en', reopenWindowMinutes: 0 });
  });

  it('lists IANA zones with the current one present', () => {
    const zones = timezoneOptions('America/Caracas');
    expect(zones[0]).toBe('America/Caracas');
    expect(zones).toContain('Europe/Madrid');
    expect(new Set(zones).size).toBe(zones.length);
    expect(timezoneOptions('Legacy/Zone')[0]).toBe('Legacy/Zone');
  });
});
