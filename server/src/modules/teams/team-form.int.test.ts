import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createMember, createTeam, createWorkspace, eventsOfType, type Session } from '../../../test/fixtures.js';

describeEachDriver('team forms', (driver) => {
  let t: TestApp;
  let ws: { workspaceId: number; owner: Session };
  let admin: Session;
  let agent: Session;
  let supervisor: Session;
  let team: number;

  const inject = (opts: object) => t.server.app.inject(opts as never);
  const put = (who: Session, id: number, fields: unknown) => inject({ method: 'PUT', url: `/api/v1/teams/${id}/form`, headers: who.headers, payload: { fields } });
  const get = (who: Session, id: number) => inject({ url: `/api/v1/teams/${id}/form`, headers: who.headers });

  const form = [
    { key: 'motivo', label: 'Motivo de la consulta', type: 'select', options: ['Venta', 'Reclamo', 'Consulta'], required: true },
    { key: 'monto', label: 'Monto', type: 'number' },
    { key: 'fecha_visita', label: 'Fecha de visita', type: 'date', options: ['ignored'] },
    { key: 'acepta_llamada', label: '¿Acepta llamada?', type: 'checkbox', required: true },
    { key: 'comentario', label: 'Comentario', type: 'text' },
  ];

  beforeAll(async () => {
    t = await createTestApp(driver);
    ws = await createWorkspace(t);
    admin = await createMember(t, ws.owner, { role: 'admin', accessLevel: 'all' });
    agent = await createMember(t, ws.owner, { role: 'agent', accessLevel: 'team' });
    supervisor = await createMember(t, ws.owner, { role: 'supervisor', accessLevel: 'all' });
    team = await createTeam(t, ws.owner, 'Ventas', [agent.userId]);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('starts empty, replaces the whole ordered list, and emits team.updated', async () => {
    expect((await get(agent, team)).json()).toEqual({ teamId: team, fields: [] });
    const res = await put(admin, team, form);
    expect(res.statusCode).toBe(200);
    const expected = [
      { key: 'motivo', label: 'Motivo de la consulta', type: 'select', options: ['Venta', 'Reclamo', 'Consulta'], required: true },
      { key: 'monto', label: 'Monto', type: 'number', options: [], required: false },
      { key: 'fecha_visita', label: 'Fecha de visita', type: 'date', options: [], required: false },
      { key: 'acepta_llamada', label: '¿Acepta llamada?', type: 'checkbox', options: [], required: true },
      { key: 'comentario', label: 'Comentario', type: 'text', options: [], required: false },
    ];
    expect(res.json()).toEqual({ teamId: team, fields: expected });
    expect((await get(agent, team)).json().fields).toEqual(expected);
    const [event] = await eventsOfType(t, ws.workspaceId, 'team.updated');
    expect(event.payload).toEqual({ teamId: team, changes: { form: true } });

    // Reordered and shortened: the new list is the whole form, in the new order.
    const reordered = await put(ws.owner, team, [form[4], form[0]]);
    expect(reordered.json().fields.map((f: { key: string }) => f.key)).toEqual(['comentario', 'motivo']);
    expect((await get(supervisor, team)).json().fields.map((f: { key: string }) => f.key)).toEqual(['comentario', 'motivo']);
    expect(await eventsOfType(t, ws.workspaceId, 'team.updated')).toHaveLength(2);
  });

  it('names the invalid field: a bad key, a select without options, a duplicate key, a long label', async () => {
    const before = (await get(admin, team)).json();
    const badKey = await put(admin, team, [{ key: 'Motivo de', label: 'Motivo', type: 'text' }]);
    expect(badKey.statusCode).toBe(400);
    expect(badKey.json().error).toMatchObject({ code: 'validation_failed', details: [{ field: 'body.fields.0.key' }] });

    const noOptions = await put(admin, team, [form[1], { key: 'canal', label: 'Canal', type: 'select', options: [] }]);
    expect(noOptions.statusCode).toBe(400);
    expect(noOptions.json().error.details).toEqual([{ field: 'body.fields.1.options', message: 'a select field needs at least one option' }]);
    const missingOptions = await put(admin, team, [{ key: 'canal', label: 'Canal', type: 'select' }]);
    expect(missingOptions.json().error.details[0].field).toBe('body.fields.0.options');

    const duplicate = await put(admin, team, [form[1], form[4], { ...form[1], label: 'Otro monto' }]);
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.json().error.details).toEqual([{ field: 'body.fields.2.key', message: '"monto" is already the key of another field' }]);

    const longLabel = await put(admin, team, [{ key: 'x', label: 'x'.repeat(81), type: 'text' }]);
    expect(longLabel.json().error.details[0].field).toBe('body.fields.0.label');
    const badType = await put(admin, team, [{ key: 'x', label: 'X', type: 'file' }]);
    expect(badType.json().error.details[0].field).toBe('body.fields.0.type');
    const tooMany = await put(admin, team, Array.from({ length: 31 }, (_, i) => ({ key: `f${i}`, label: `F${i}`, type: 'text' })));
    expect(tooMany.json().error.details[0].field).toBe('body.fields');

    // Nothing was replaced by a refused request.
    expect((await get(admin, team)).json()).toEqual(before);
  });

  it('lets every member read and only admins and owners change it', async () => {
    for (const who of [agent, supervisor]) {
      expect((await get(who, team)).statusCode).toBe(200);
      const res = await put(who, team, [form[1]]);
      expect(res.statusCode).toBe(403);
    }
    expect((await get(agent, team)).json().fields.map((f: { key: string }) => f.key)).toEqual(['comentario', 'motivo']);
    expect((await put(admin, team, [])).json()).toEqual({ teamId: team, fields: [] });
  });

  it("answers 404 for another workspace's team", async () => {
    const other = await createWorkspace(t);
    expect((await get(other.owner, team)).statusCode).toBe(404);
    expect((await put(other.owner, team, [form[1]])).statusCode).toBe(404);
    expect((await get(admin, 999_999)).statusCode).toBe(404);
  });
});
