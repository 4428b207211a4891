import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createMember, createTeam, createWorkspace, eventsOfType, type Session } from '../../../test/fixtures.js';
import { createApiChannel, inboundMessage, postInbound, type ApiChannel } from '../../../test/channel-fixtures.js';
import { withActor } from '../use-case.js';
import type { Actor } from '../auth/permissions.js';
import { findMissingRequiredFields } from './conversation-form.repo.js';
import { exportConversations } from './export-conversations.js';

describeEachDriver('conversation forms and the CSV export', (driver) => {
  let t: TestApp;
  let owner: Session;
  let workspaceId: number;
  let ventas: number;
  let soporte: number;
  let channel: ApiChannel;
  let agentVentas: Session;
  let agentSoporte: Session;
  let seq = 0;

  const http = (s: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.server.app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const newConversation = async (name = `Cliente ${seq + 1}`) => {
    const message = inboundMessage(`form-${++seq}`, `ext-${seq}`, 'Hola', name);
    const res = await postInbound(t, channel, { ...message, contact: { ...message.contact, phone: `+51987${String(seq).padStart(6, '0')}` } });
    return res.json().conversationId as number;
  };
  const saveForm = (s: Session, id: number, values: Record<string, unknown>, teamId?: number) =>
    http(s, 'PUT', `/api/v1/conversations/${id}/form`, { values, ...(teamId ? { teamId } : {}) });
  const missing = (id: number, teamId: number | null) => findMissingRequiredFields(t.ctx.db, workspaceId, id, teamId);
  const exportCsv = async (s: Session, query = '') => {
    const res = await http(s, 'GET', `/api/v1/conversations/export.csv${query}`);
    expect(res.statusCode).toBe(200);
    return res;
  };
  /** A small CSV reader for the test: quoted cells with doubled quotes and line breaks. */
  const parseCsv = (text: string, delimiter = ',') => {
    const rows: string[][] = [];
    let row: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (quoted) {
        if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
        else if (ch === '"') quoted = false;
        else cell += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === delimiter) row.push(cell), (cell = '');
      else if (ch === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
      else cell += ch;
    }
    return rows;
  };

  beforeAll(async () => {
    t = await createTestApp(driver);
    const ws = await createWorkspace(t);
    owner = ws.owner;
    workspaceId = ws.workspaceId;
    ventas = await createTeam(t, owner, 'Ventas');
    soporte = await createTeam(t, owner, 'Soporte');
    channel = await createApiChannel(t, owner, { defaultTeamId: ventas });
    agentVentas = await createMember(t, owner, { role: 'agent', accessLevel: 'team', teamIds: [ventas] });
    agentSoporte = await createMember(t, owner, { role: 'agent', accessLevel: 'team', teamIds: [soporte] });
    expect((await http(owner, 'POST', '/api/v1/tags', { name: 'vip' })).statusCode).toBe(201);
    const ok = async (team: number, fields: unknown[]) => expect((await http(owner, 'PUT', `/api/v1/teams/${team}/form`, { fields })).statusCode).toBe(200);
    await ok(ventas, [
      { key: 'producto', label: 'Producto', type: 'select', options: ['Lentes', 'Monturas'], required: true },
      { key: 'monto', label: 'Monto', type: 'number' },
      { key: 'entrega', label: 'Fecha de entrega', type: 'date' },
      { key: 'factura', label: 'Requiere factura', type: 'checkbox', required: true },
      { key: 'nota', label: 'Nota', type: 'text', required: true },
    ]);
    await ok(soporte, [{ key: 'ticket', label: 'N.º de ticket', type: 'text', required: true }]);
  });
  afterAll(() => t.close());

  it("shows the team's form, validates values by type and merges them, with a conversation.form_updated event", async () => {
    const id = await newConversation();
    const empty = (await http(agentVentas, 'GET', `/api/v1/conversations/${id}/form`)).json();
    expect(empty.current).toMatchObject({ teamId: ventas, values: {} });
    expect(empty.current.fields.map((f: { key: string }) => f.key)).toEqual(['producto', 'monto', 'entrega', 'factura', 'nota']);
    expect(empty.earlier).toEqual([]);

    const saved = await saveForm(agentVentas, id, { producto: 'Lentes', monto: '149,90', entrega: '2025-03-01', factura: false, nota: '  Cliente frecuente ' });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().current.values).toEqual({ producto: 'Lentes', monto: 149.9, entrega: '2025-03-01', factura: false, nota: 'Cliente frecuente' });
    // A later save merges: given keys overwrite, null and empty text clear, the rest stays.
    const merged = await saveForm(agentVentas, id, { factura: true, entrega: null, nota: '' });
    expect(merged.json().current.values).toEqual({ producto: 'Lentes', monto: 149.9, factura: true });

    const events = await eventsOfType(t, workspaceId, 'conversation.form_updated');
    expect(events).toHaveLength(2);
    expect(events[1]!.payload).toMatchObject({ teamId: ventas, keys: ['factura', 'entrega', 'nota'], conversation: { id, teamId: ventas } });
    expect(events[1]!.actor_id).toBe(agentVentas.userId);

    const refuse = async (values: Record<string, unknown>, field: string) => {
      const res = await saveForm(agentVentas, id, values);
      expect(res.statusCode, JSON.stringify(values)).toBe(400);
      expect(res.json().error.details[0].field).toBe(field);
    };
    await refuse({ producto: 'Gafas' }, 'body.values.producto');
    await refuse({ monto: 'mucho' }, 'body.values.monto');
    await refuse({ entrega: '01/03/2025' }, 'body.values.entrega');
    await refuse({ entrega: '2025-02-30' }, 'body.values.entrega');
    await refuse({ factura: 'sí' }, 'body.values.factura');
    await refuse({ nota: 12 }, 'body.values.nota');
    await refuse({ nota: 'x'.repeat(2001) }, 'body.values.nota');
    await refuse({ color: 'rojo' }, 'body.values.color');
    expect((await http(owner, 'GET', `/api/v1/conversations/${id}/form`)).json().current.values).toEqual({ producto: 'Lentes', monto: 149.9, factura: true });
    expect(await eventsOfType(t, workspaceId, 'conversation.form_updated')).toHaveLength(2);
  });

  it('authorises like a reply: out of view 404, closed 409; another workspace never sees it', async () => {
    const id = await newConversation();
    expect((await http(agentSoporte, 'GET', `/api/v1/conversations/${id}/form`)).statusCode).toBe(404);
    expect((await saveForm(agentSoporte, id, { nota: 'x' })).statusCode).toBe(404);
    const other = await createWorkspace(t);
    expect((await http(other.owner, 'GET', `/api/v1/conversations/${id}/form`)).statusCode).toBe(404);
    expect((await saveForm(other.owner, id, { nota: 'x' })).statusCode).toBe(404);
    expect((await http(owner, 'POST', `/api/v1/conversations/${id}/close`)).json().error.code).toBe('form_incomplete');
    expect((await saveForm(agentVentas, id, { producto: 'Lentes', factura: true, nota: 'Listo' })).statusCode).toBe(200);
    expect((await http(owner, 'POST', `/api/v1/conversations/${id}/close`)).statusCode).toBe(200);
    expect((await saveForm(agentVentas, id, { nota: 'x' })).statusCode).toBe(409);
    expect((await http(agentVentas, 'GET', `/api/v1/conversations/${id}/form`)).statusCode).toBe(200);
  });

  it("keeps the first team's values under earlier after a transfer, and fills the new team's form apart", async () => {
    const id = await newConversation();
    await saveForm(agentVentas, id, { producto: 'Monturas', nota: 'Pasa a soporte' });
    const moved = await http(owner, 'POST', `/api/v1/conversations/${id}/assign`, { teamId: soporte, reason: 'Garantía' });
    expect(moved.statusCode).toBe(200);

    const form = (await http(agentSoporte, 'GET', `/api/v1/conversations/${id}/form`)).json();
    expect(form.current).toMatchObject({ teamId: soporte, values: {}, fields: [{ key: 'ticket', label: 'N.º de ticket', type: 'text', required: true }] });
    expect(form.earlier).toHaveLength(1);
    expect(form.earlier[0]).toMatchObject({ teamId: ventas, teamName: 'Ventas', values: { producto: 'Monturas', nota: 'Pasa a soporte' } });
    expect(form.earlier[0].fields.map((f: { key: string }) => f.key)).toEqual(['producto', 'monto', 'entrega', 'factura', 'nota']);

    // The default team is now Soporte: Ventas' keys are unknown there, Soporte's are accepted.
    expect((await saveForm(agentSoporte, id, { producto: 'Lentes' })).json().error.details[0].field).toBe('body.values.producto');
    const filled = await saveForm(agentSoporte, id, { ticket: 'T-0042' });
    expect(filled.json().current.values).toEqual({ ticket: 'T-0042' });
    expect(filled.json().earlier[0].values).toEqual({ producto: 'Monturas', nota: 'Pasa a soporte' });
    // Naming the team fills an earlier team's form (seed 004: fill it before or after transferring).
    const earlier = await saveForm(owner, id, { monto: 80 }, ventas);
    expect(earlier.json().earlier[0].values).toEqual({ producto: 'Monturas', nota: 'Pasa a soporte', monto: 80 });
  });

  it('findMissingRequiredFields: absent, empty and unchecked required fields of that team only', async () => {
    const id = await newConversation();
    const all = [{ key: 'producto', label: 'Producto' }, { key: 'factura', label: 'Requiere factura' }, { key: 'nota', label: 'Nota' }];
    expect(await missing(id, ventas)).toEqual(all);
    await saveForm(agentVentas, id, { producto: 'Lentes', factura: false, monto: 10 });
    expect(await missing(id, ventas)).toEqual([{ key: 'factura', label: 'Requiere factura' }, { key: 'nota', label: 'Nota' }]);
    await saveForm(agentVentas, id, { factura: true, nota: 'Listo' });
    expect(await missing(id, ventas)).toEqual([]);
    await saveForm(agentVentas, id, { nota: '   ' });
    expect(await missing(id, ventas)).toEqual([{ key: 'nota', label: 'Nota' }]);
    // Values of one team do not count for another; no team means no form.
    expect(await missing(id, soporte)).toEqual([{ key: 'ticket', label: 'N.º de ticket' }]);
    expect(await missing(id, null)).toEqual([]);
    const other = await createWorkspace(t);
    expect(await findMissingRequiredFields(t.ctx.db, other.workspaceId, id, ventas)).toEqual([]);
  });

  it('exports the filtered inbox as CSV with a BOM, escaped cells and one column per form field', async () => {
    const a = await newConversation('José "Pepe" Núñez');
    const b = await newConversation('=HYPERLINK("http://x")');
    await saveForm(agentVentas, a, { producto: 'Lentes', monto: 1250.5, factura: true, nota: 'Entregar en tienda, por la tarde\nllamar antes' });
    await http(owner, 'POST', `/api/v1/conversations/${a}/tags`, { add: ['vip'] });
    await http(owner, 'POST', `/api/v1/conversations/${a}/assign`, { teamId: soporte });
    await saveForm(owner, a, { ticket: 'T-7' });
    await http(owner, 'POST', `/api/v1/conversations/${a}/priority`, { priority: 'high' });

    const res = await exportCsv(owner, `?teamId=${soporte}`);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="conversaciones-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.body.startsWith('\uFEFFID,Creada (')).toBe(true);
    const [header, ...rows] = parseCsv(res.body.slice(1));
    expect(header!.slice(3, 13)).toEqual(['Estado', 'Canal', 'Contacto', 'Teléfono', 'Equipo', 'Asignada a', 'Prioridad', 'Etiquetas', 'Categoría de cierre', 'Resumen de cierre']);
    // Every team's fields, teams by name: Soporte before Ventas.
    expect(header!.slice(13)).toEqual(['Soporte: N.º de ticket', 'Ventas: Producto', 'Ventas: Monto', 'Ventas: Fecha de entrega', 'Ventas: Requiere factura', 'Ventas: Nota']);
    const soporteIds = rows.map((r) => Number(r[0]));
    expect(soporteIds).toContain(a);
    expect(soporteIds).not.toContain(b);
    const rowA = rows.find((r) => Number(r[0]) === a)!;
    expect(rowA.slice(3)).toEqual([
      'En cola', expect.any(String), 'José "Pepe" Núñez', expect.stringMatching(/^\+51987\d{6}$/), 'Soporte', '', 'Alta', 'vip', '', '',
      'T-7', 'Lentes', '1250.5', '', 'Sí', 'Entregar en tienda, por la tarde\nllamar antes',
    ]);
    expect(rowA[1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

    // The inbox's other filters apply, and a formula from a customer's name is made literal.
    const byTag = parseCsv((await exportCsv(owner, '?tag=vip&status=queued,open')).body.slice(1));
    expect(byTag.slice(1).map((r) => Number(r[0]))).toEqual([a]);
    const search = parseCsv((await exportCsv(owner, `?q=${encodeURIComponent('HYPERLINK')}`)).body.slice(1));
    expect(search.slice(1).map((r) => [Number(r[0]), r[5]])).toEqual([[b, `'=HYPERLINK("http://x")`]]);
    const none = parseCsv((await exportCsv(owner, `?teamId=${soporte}&priority=urgent`)).body.slice(1));
    expect(none).toHaveLength(1);

    // English headers, semicolons and decimal commas for spreadsheets set that way.
    const en = await exportCsv(owner, `?teamId=${soporte}&lang=en&delimiter=semicolon`);
    const [enHeader, ...enRows] = parseCsv(en.body.slice(1), ';');
    expect(enHeader!.slice(3, 6)).toEqual(['Status', 'Channel', 'Contact']);
    expect(enRows.find((r) => Number(r[0]) === a)!.slice(3, 4).concat(enRows.find((r) => Number(r[0]) === a)!.slice(14, 18))).toEqual(['Queued', 'Lentes', '1250,5', '', 'Yes']);

    // Access level: an agent of Ventas exports only what the list shows them.
    const agentRows = parseCsv((await exportCsv(agentVentas, '?status=open,queued,bot,snoozed,closed')).body.slice(1)).slice(1).map((r) => Number(r[0]));
    const listed = (await http(agentVentas, 'GET', '/api/v1/conversations?limit=100&status=open,queued,bot,snoozed,closed')).json().items.map((c: { id: number }) => c.id);
    expect(agentRows).toEqual(listed);
    expect(agentRows).not.toContain(a);
    expect(agentRows).toContain(b);

    expect((await http(owner, 'GET', '/api/v1/conversations/export.csv?delimiter=tab')).json().error.details[0].field).toBe('querystring.delimiter');
  });

  it('stops at the row cap, newest activity first like the inbox', async () => {
    const ids = [await newConversation(), await newConversation(), await newConversation()];
    const actor: Actor = { type: 'user', workspaceId, userId: owner.userId, role: 'owner', accessLevel: 'all', teamIds: [] };
    const file = await exportConversations(withActor(t.ctx, actor), {}, { lang: 'es', delimiter: ',', maxRows: 2 });
    let text = '';
    for await (const chunk of file.lines) text += chunk;
    const rows = parseCsv(text.slice(1)).slice(1);
    expect(rows.map((r) => Number(r[0]))).toEqual([ids[2], ids[1]]);
  });
});
