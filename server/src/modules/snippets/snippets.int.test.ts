import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createApiToken, createMember, createTeam, createWorkspace, eventsOfType, type Session } from '../../../test/fixtures.js';
import { createApiChannel, inboundMessage, postInbound } from '../../../test/channel-fixtures.js';

describeEachDriver('snippets', (driver) => {
  let t: TestApp;
  let ws: { workspaceId: number; owner: Session };
  let admin: Session;
  let agent: Session;
  let otherAgent: Session;
  let teamA: number;
  let teamB: number;
  let seq = 0;
  let conversationId: number;

  const http = (s: Session | Record<string, string>, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    t.server.app.inject({ method, url, headers: 'headers' in s ? (s as Session).headers : (s as Record<string, string>), ...(payload === undefined ? {} : { payload: payload as object }) });
  const create = (s: Session, body: object) => http(s, 'POST', '/api/v1/snippets', body);
  const shortcuts = async (s: Session, q?: string) =>
    (await http(s, 'GET', `/api/v1/snippets${q ? `?q=${encodeURIComponent(q)}` : ''}`)).json().items.map((x: { shortcut: string; scope: string }) => `${x.scope}:${x.shortcut}`);

  beforeAll(async () => {
    t = await createTestApp(driver);
    ws = await createWorkspace(t, { name: 'IDEA Aviación' });
    teamA = await createTeam(t, ws.owner, 'Soporte');
    teamB = await createTeam(t, ws.owner, 'Ventas');
    admin = await createMember(t, ws.owner, { role: 'admin', accessLevel: 'all', name: 'Gonzalo Molina' });
    agent = await createMember(t, ws.owner, { role: 'agent', accessLevel: 'team', teamIds: [teamA], name: 'Georgina Cedeño' });
    otherAgent = await createMember(t, ws.owner, { role: 'agent', accessLevel: 'team', teamIds: [teamB], name: 'Ventas Dos' });
  });
  afterAll(() => t.close());

  it('admins create workspace snippets, everyone creates personal ones, and each member lists the workspace\'s plus their own', async () => {
    const created = await create(admin, { shortcut: 'Cierre', title: 'Cierre de caso', body: 'Estimado(a) {{contact.first_name}}, fue un placer ayudarle.', scope: 'workspace' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ shortcut: 'cierre', title: 'Cierre de caso', scope: 'workspace', createdBy: { id: admin.userId, name: 'Gonzalo Molina' } });
    expect(typeof created.json().updatedAt).toBe('string');

    expect((await create(agent, { shortcut: 'robot', body: 'x', scope: 'workspace' })).statusCode).toBe(403);
    const mine = await create(agent, { shortcut: 'demora', body: 'Seguimos investigando su caso.' });
    expect(mine.statusCode).toBe(201);
    expect(mine.json()).toMatchObject({ scope: 'personal', title: 'demora', createdBy: { id: agent.userId } });
    expect((await create(otherAgent, { shortcut: 'precios', body: 'Lista de precios', scope: 'personal' })).statusCode).toBe(201);

    expect(await shortcuts(agent)).toEqual(['workspace:cierre', 'personal:demora']);
    expect(await shortcuts(otherAgent)).toEqual(['workspace:cierre', 'personal:precios']);
    expect(await shortcuts(admin)).toEqual(['workspace:cierre']); // admins do not see others' personal snippets
  });

  it('refuses a shortcut already used in the same scope with 409, and lets a personal one shadow a workspace one', async () => {
    const dup = await create(ws.owner, { shortcut: 'CIERRE', body: 'otro', scope: 'workspace' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'conflict', details: [{ field: 'body.shortcut', message: 'already taken' }] });
    expect(dup.json().error.message).toContain('/cierre');
    expect((await create(agent, { shortcut: 'demora', body: 'otra vez' })).statusCode).toBe(409);
    // Another owner, or the personal scope, may reuse the shortcut.
    expect((await create(otherAgent, { shortcut: 'demora', body: 'la mía' })).statusCode).toBe(201);
    expect((await create(agent, { shortcut: 'cierre', body: 'Mi cierre' })).statusCode).toBe(201);
    expect(await shortcuts(agent)).toEqual(['personal:cierre', 'workspace:cierre', 'personal:demora']);
  });

  it('searches shortcut, title and text, shortcuts starting with the query first', async () => {
    await create(admin, { shortcut: 'saludo', body: 'Hola, bienvenido a IDEA', scope: 'workspace' });
    await create(admin, { shortcut: 'horario', title: 'Horario de atención', body: 'Atendemos de 8 a 5; hola a todos', scope: 'workspace' });
    expect(await shortcuts(agent, 'ho')).toEqual(['workspace:horario', 'workspace:saludo']);
    expect(await shortcuts(agent, 'atención')).toEqual(['workspace:horario']);
    expect(await shortcuts(agent, '%')).toEqual([]);
  });

  it('only admins change or delete workspace snippets; personal ones are their owner\'s, invisible to others', async () => {
    const list = (await http(agent, 'GET', '/api/v1/snippets')).json().items;
    const shared = list.find((s: any) => s.scope === 'workspace' && s.shortcut === 'cierre');
    const personal = list.find((s: any) => s.scope === 'personal' && s.shortcut === 'demora');
    expect((await http(agent, 'PATCH', `/api/v1/snippets/${shared.id}`, { body: 'cambiado' })).statusCode).toBe(403);
    expect((await http(agent, 'DELETE', `/api/v1/snippets/${shared.id}`)).statusCode).toBe(403);
    for (const who of [otherAgent, admin]) {
      expect((await http(who, 'PATCH', `/api/v1/snippets/${personal.id}`, { body: 'mío' })).statusCode).toBe(404);
      expect((await http(who, 'DELETE', `/api/v1/snippets/${personal.id}`)).statusCode).toBe(404);
    }

    const edited = await http(agent, 'PATCH', `/api/v1/snippets/${personal.id}`, { shortcut: 'Espera', body: 'Seguimos investigando, {{contact.first_name}}.' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ id: personal.id, shortcut: 'espera', body: 'Seguimos investigando, {{contact.first_name}}.', scope: 'personal' });
    expect((await http(agent, 'PATCH', `/api/v1/snippets/${personal.id}`, { shortcut: 'cierre' })).statusCode).toBe(409);

    const adminEdit = await http(admin, 'PATCH', `/api/v1/snippets/${shared.id}`, { title: 'Cierre estándar' });
    expect(adminEdit.json()).toMatchObject({ title: 'Cierre estándar', shortcut: 'cierre', createdBy: { id: admin.userId } });

    const removed = await http(agent, 'DELETE', `/api/v1/snippets/${personal.id}`);
    expect(removed.json()).toEqual({ id: personal.id, deleted: true });
    expect((await http(agent, 'DELETE', `/api/v1/snippets/${personal.id}`)).statusCode).toBe(404);
  });

  it('names the invalid field', async () => {
    const spaced = await create(admin, { shortcut: 'dos palabras', body: 'x', scope: 'workspace' });
    expect(spaced.statusCode).toBe(400);
    expect(spaced.json().error).toMatchObject({ code: 'validation_failed', details: [{ field: 'body.shortcut' }] });
    expect((await create(admin, { shortcut: 'vacio', body: '   ' })).json().error.details[0].field).toBe('body.body');
    expect((await create(admin, { shortcut: 'x', body: 'x', scope: 'department' })).json().error.details[0].field).toBe('body.scope');
    expect((await create(admin, { shortcut: 'x', body: 'x', color: 'red' })).statusCode).toBe(400);
    expect((await http(admin, 'PATCH', '/api/v1/snippets/abc', { body: 'x' })).statusCode).toBe(400);
  });

  it('emits snippet events: workspace snippets whole, personal ones by id to their owner only', async () => {
    const created = await eventsOfType(t, ws.workspaceId, 'snippet.created');
    const shared = created.find((e) => e.payload.scope === 'workspace')!;
    expect(shared.payload.snippet).toMatchObject({ shortcut: 'cierre', body: expect.stringContaining('placer') });
    const personal = created.find((e) => e.payload.scope === 'personal')!;
    expect(personal.payload).toEqual({ snippetId: expect.any(Number), scope: 'personal', ownerId: agent.userId });
    const { rows } = await t.ctx.database.executeSql(`SELECT audience FROM events WHERE workspace_id = $1 AND type = 'snippet.created' AND payload->>'scope' = 'personal' ORDER BY id LIMIT 1`, [ws.workspaceId]);
    expect(rows[0].audience).toEqual([agent.userId]);
    expect((await eventsOfType(t, ws.workspaceId, 'snippet.updated')).length).toBeGreaterThanOrEqual(2);
    expect((await eventsOfType(t, ws.workspaceId, 'snippet.deleted'))[0].payload).toMatchObject({ scope: 'personal', ownerId: agent.userId });
  });

  it('renders variables for the conversation\'s contact and the acting agent', async () => {
    const channel = await createApiChannel(t, ws.owner, { defaultTeamId: teamA });
    const res = await postInbound(t, channel, inboundMessage(`snip-${++seq}`, '584141112233', 'Hola', 'José Ñúñez Pérez'));
    conversationId = res.json().conversationId;
    const conversation = (await http(ws.owner, 'GET', `/api/v1/conversations/${conversationId}`)).json();
    await http(ws.owner, 'PATCH', `/api/v1/contacts/${conversation.contact.id}`, { email: 'jose@example.com', phone: '+58 414 111 2233', documentNumber: 'V-12345678', customFields: { plan: 'Oro', vip: true } });
    const body = 'Hola {{contact.first_name}} ({{contact.name}}, {{contact.email}}, {{contact.phone}}, {{contact.document_number}}), plan {{contact.plan}}/{{contact.vip}}{{contact.nada}}. '
      + 'Le atiende {{agent.first_name}} ({{agent.name}}, {{agent.email}}) de {{workspace.name}}. Caso #{{conversation.id}}';
    const snippet = (await create(agent, { shortcut: 'todo', body })).json();

    const rendered = await http(agent, 'POST', `/api/v1/conversations/${conversationId}/snippets/${snippet.id}/render`);
    expect(rendered.statusCode).toBe(200);
    const agentEmail = (await http(agent, 'GET', `/api/v1/users/${agent.userId}`)).json();
    const email = agentEmail.email ?? agentEmail.user?.email;
    expect(rendered.json().body).toBe(
      `Hola José (José Ñúñez Pérez, jose@example.com, +584141112233, V-12345678), plan Oro/sí. Le atiende Georgina (Georgina Cedeño, ${email}) de IDEA Aviación. Caso #${conversationId}`,
    );

    // Someone else's personal snippet, a conversation out of my view, another workspace: 404.
    expect((await http(otherAgent, 'POST', `/api/v1/conversations/${conversationId}/snippets/${snippet.id}/render`)).statusCode).toBe(404);
    const sharedId = (await http(agent, 'GET', '/api/v1/snippets?q=saludo')).json().items[0].id;
    expect((await http(otherAgent, 'POST', `/api/v1/conversations/${conversationId}/snippets/${sharedId}/render`)).statusCode).toBe(404);
    expect((await http(admin, 'POST', `/api/v1/conversations/${conversationId}/snippets/${snippet.id}/render`)).statusCode).toBe(404);
    expect((await http(admin, 'POST', `/api/v1/conversations/${conversationId}/snippets/${sharedId}/render`)).json().body).toBe('Hola, bienvenido a IDEA');
    const other = await createWorkspace(t);
    expect((await http(other.owner, 'POST', `/api/v1/conversations/${conversationId}/snippets/${sharedId}/render`)).statusCode).toBe(404);
  });

  it('another workspace sees none of these snippets and cannot touch them', async () => {
    const other = await createWorkspace(t);
    const shared = (await http(agent, 'GET', '/api/v1/snippets?q=saludo')).json().items[0];
    expect((await http(other.owner, 'GET', '/api/v1/snippets')).json().items).toEqual([]);
    expect((await http(other.owner, 'PATCH', `/api/v1/snippets/${shared.id}`, { body: 'hackeado' })).statusCode).toBe(404);
    expect((await http(other.owner, 'DELETE', `/api/v1/snippets/${shared.id}`)).statusCode).toBe(404);
    // The same shortcut is free in another workspace.
    expect((await create(other.owner, { shortcut: 'saludo', body: 'Hola', scope: 'workspace' })).statusCode).toBe(201);
  });

  it('API tokens use workspace snippets and, with an admin role, manage them; they have no personal ones', async () => {
    const token = { authorization: `Bearer ${await createApiToken(t, ws.owner, { role: 'admin' })}` };
    expect((await http(token, 'GET', '/api/v1/snippets')).json().items.every((s: any) => s.scope === 'workspace')).toBe(true);
    const personal = await http(token, 'POST', '/api/v1/snippets', { shortcut: 'bot', body: 'x' });
    expect(personal.statusCode).toBe(400);
    expect(personal.json().error.details[0].field).toBe('body.scope');
    const shared = await http(token, 'POST', '/api/v1/snippets', { shortcut: 'bot', body: 'Le paso con el robot, {{contact.first_name}}.{{agent.name}}', scope: 'workspace' });
    expect(shared.statusCode).toBe(201);
    expect(shared.json().createdBy).toBeNull();
    // No agent behind a token: agent variables are empty.
    const rendered = await http(token, 'POST', `/api/v1/conversations/${conversationId}/snippets/${shared.json().id}/render`);
    expect(rendered.json()).toEqual({ body: 'Le paso con el robot, José.' });
    const agentToken = { authorization: `Bearer ${await createApiToken(t, ws.owner, { role: 'agent' })}` };
    expect((await http(agentToken, 'DELETE', `/api/v1/snippets/${shared.json().id}`)).statusCode).toBe(403);
  });

  it('carries an action: resume_bot re-hooks the bot once sent (seed 000), null does nothing', async () => {
    const robot = await create(admin, { shortcut: 'robot', body: 'Le dejo con nuestro asistente, {{contact.first_name}}.', scope: 'workspace', action: 'resume_bot' });
    expect(robot.statusCode).toBe(201);
    expect(robot.json()).toMatchObject({ shortcut: 'robot', scope: 'workspace', action: 'resume_bot' });
    const plain = await create(agent, { shortcut: 'plano', body: 'Sin acción' });
    expect(plain.json().action).toBeNull();
    expect((await create(agent, { shortcut: 'plano2', body: 'x', action: null })).json().action).toBeNull();

    const unknown = await create(admin, { shortcut: 'cerrar', body: 'x', scope: 'workspace', action: 'close' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].field).toBe('body.action');
    expect((await http(admin, 'PATCH', `/api/v1/snippets/${robot.json().id}`, { action: 'pause_bot' })).json().error.details[0].field).toBe('body.action');

    // Listed with its action, and the workspace event carries it whole.
    const actions = async () => Object.fromEntries((await http(agent, 'GET', '/api/v1/snippets')).json().items.map((s: any) => [`${s.scope}:${s.shortcut}`, s.action]));
    expect(await actions()).toMatchObject({ 'workspace:robot': 'resume_bot', 'personal:plano': null, 'workspace:saludo': null });
    const created = (await eventsOfType(t, ws.workspaceId, 'snippet.created')).find((e) => e.payload.snippetId === robot.json().id)!;
    expect(created.payload.snippet).toMatchObject({ action: 'resume_bot' });

    // Changing other fields keeps it; null removes it; only admins change a workspace snippet's action.
    const renamed = await http(admin, 'PATCH', `/api/v1/snippets/${robot.json().id}`, { title: 'Pasar al robot' });
    expect(renamed.json()).toMatchObject({ title: 'Pasar al robot', action: 'resume_bot' });
    expect((await http(agent, 'PATCH', `/api/v1/snippets/${robot.json().id}`, { action: null })).statusCode).toBe(403);
    const cleared = await http(admin, 'PATCH', `/api/v1/snippets/${robot.json().id}`, { action: null });
    expect(cleared.json().action).toBeNull();
    expect((await actions())['workspace:robot']).toBeNull();
    const updates = (await eventsOfType(t, ws.workspaceId, 'snippet.updated')).filter((e) => e.payload.snippetId === robot.json().id);
    expect(updates.map((e) => e.payload.snippet.action)).toEqual(['resume_bot', null]);

    // A personal snippet may carry it too; an unchanged action writes nothing.
    const mine = await http(agent, 'PATCH', `/api/v1/snippets/${plain.json().id}`, { action: 'resume_bot' });
    expect(mine.json()).toMatchObject({ scope: 'personal', action: 'resume_bot' });
    const before = (await eventsOfType(t, ws.workspaceId, 'snippet.updated')).length;
    expect((await http(agent, 'PATCH', `/api/v1/snippets/${plain.json().id}`, { action: 'resume_bot' })).json().action).toBe('resume_bot');
    expect((await eventsOfType(t, ws.workspaceId, 'snippet.updated')).length).toBe(before);

    // Rendering is unchanged by the action: the composer resumes the bot after sending.
    const rendered = await http(agent, 'POST', `/api/v1/conversations/${conversationId}/snippets/${plain.json().id}/render`);
    expect(rendered.json()).toEqual({ body: 'Sin acción' });
  });

  // Last: the team snippets it adds would show in the lists the tests above compare.
  it('team snippets: admins share one with a team; its members use it, other teams\' agents do not see it', async () => {
    const shared = await create(admin, { shortcut: 'investigando', body: 'Desde el departamento {{team.name}} seguimos investigando su caso.', scope: 'team', teamId: teamA });
    expect(shared.statusCode, shared.body).toBe(201);
    expect(shared.json()).toMatchObject({ scope: 'team', team: { id: teamA, name: 'Soporte' } });
    expect((await create(agent, { shortcut: 'mio-equipo', body: 'x', scope: 'team', teamId: teamA })).statusCode).toBe(403);
    expect((await create(admin, { shortcut: 'sin-equipo', body: 'x', scope: 'team' })).json().error.details).toEqual([{ field: 'body.teamId', message: 'required' }]);
    // The same shortcut may be shared by another team.
    expect((await create(admin, { shortcut: 'investigando', body: 'Ventas investiga.', scope: 'team', teamId: teamB })).statusCode).toBe(201);
    expect((await create(admin, { shortcut: 'investigando', body: 'otra', scope: 'team', teamId: teamA })).statusCode).toBe(409);

    expect((await shortcuts(agent)).filter((x: string) => x.startsWith('team:'))).toEqual(['team:investigando']);
    const mine = (await http(agent, 'GET', '/api/v1/snippets?q=investigando')).json().items.filter((x: { scope: string }) => x.scope === 'team');
    expect(mine.map((x: { team: { name: string } }) => x.team.name)).toEqual(['Soporte']);
    expect((await shortcuts(admin)).filter((x: string) => x.startsWith('team:'))).toEqual(['team:investigando', 'team:investigando']);
    expect((await http(otherAgent, 'PATCH', `/api/v1/snippets/${shared.json().id}`, { body: 'x' })).statusCode).toBe(404);
  });
});
