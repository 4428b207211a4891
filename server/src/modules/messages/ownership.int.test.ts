import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createApiToken, createMember, createWorkspace, type Session } from '../../../test/fixtures.js';
import { createApiChannel, inboundMessage, postInbound, type ApiChannel } from '../../../test/channel-fixtures.js';
import { queryRows } from '../../platform/db/db.js';

type Who = { headers: Record<string, string> };

describeEachDriver('ownership: only the assignee replies', (driver) => {
  let t: TestApp;
  let owner: Session;
  let admin: Session;
  let supervisor: Session;
  let ana: Session;
  let beto: Session;
  let token: Who;
  let channel: ApiChannel;
  let seq = 0;

  const http = (s: Who, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    t.server.app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const onlyAssignee = async (on: boolean) => expect((await http(owner, 'PATCH', '/api/v1/workspace', { onlyAssigneeReplies: on })).statusCode).toBe(200);
  const newConversation = async () => (await postInbound(t, channel, inboundMessage(`own-${++seq}`, `58416${String(seq).padStart(7, '0')}`))).json().conversationId as number;
  const reply = (s: Who, id: number, body: string) => http(s, 'POST', `/api/v1/conversations/${id}/messages`, { body });
  const assignee = async (id: number) => (await http(owner, 'GET', `/api/v1/conversations/${id}`)).json().assignee?.id ?? null;
  const stored = async (body: string) => (await queryRows<{ n: number }>(t.ctx.db, sql`SELECT count(*)::int AS n FROM messages WHERE body = ${body}`))[0].n;

  beforeAll(async () => {
    t = await createTestApp(driver);
    ({ owner } = await createWorkspace(t));
    admin = await createMember(t, owner, { role: 'admin', accessLevel: 'all' });
    supervisor = await createMember(t, owner, { role: 'supervisor', accessLevel: 'all' });
    ana = await createMember(t, owner, { role: 'agent', accessLevel: 'all' });
    beto = await createMember(t, owner, { role: 'agent', accessLevel: 'all' });
    token = { headers: { authorization: `Bearer ${await createApiToken(t, owner, { role: 'agent' })}` } };
    channel = await createApiChannel(t, owner);
  });
  afterAll(() => t?.close());

  it('off (the default): anyone in view replies; a reply to an unassigned conversation takes it', async () => {
    const id = await newConversation();
    expect((await reply(ana, id, 'Hola, soy Ana')).statusCode).toBe(201);
    expect(await assignee(id)).toBe(ana.userId);
    expect((await reply(beto, id, 'Te ayudo yo también')).statusCode).toBe(201);
    expect(await assignee(id)).toBe(ana.userId);
  });

  it("on: an agent's reply to another agent's conversation is 403 not_assignee and stores nothing; notes still go", async () => {
    await onlyAssignee(true);
    const id = await newConversation();
    await http(owner, 'POST', `/api/v1/conversations/${id}/assign`, { assigneeId: ana.userId });
    const res = await reply(beto, id, 'Respuesta de Beto');
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'not_assignee', details: { assigneeId: ana.userId } });
    expect(await stored('Respuesta de Beto')).toBe(0);
    expect((await http(beto, 'POST', `/api/v1/conversations/${id}/notes`, { body: 'Ana, el cliente es VIP' })).statusCode).toBe(201);
    expect((await reply(ana, id, 'Respuesta de Ana')).statusCode).toBe(201);
  });

  it('on: an unassigned conversation must be taken first (403 instead of the reply taking it)', async () => {
    await onlyAssignee(true);
    const id = await newConversation();
    const res = await reply(ana, id, 'Sin tomar');
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'not_assignee', details: { assigneeId: null } });
    expect(await assignee(id)).toBeNull();
    expect((await http(ana, 'POST', `/api/v1/conversations/${id}/take`)).statusCode).toBe(200);
    expect((await reply(ana, id, 'Ya tomada')).statusCode).toBe(201);
  });

  it('on: supervisors, admins, owners and API tokens reply over the assignee without taking it', async () => {
    await onlyAssignee(true);
    const id = await newConversation();
    await http(owner, 'POST', `/api/v1/conversations/${id}/assign`, { assigneeId: ana.userId });
    for (const [who, body] of [[supervisor, 'Supervisora'], [admin, 'Admin'], [owner, 'Dueño'], [token, 'Integración']] as const) {
      expect((await reply(who, id, body)).statusCode, body).toBe(201);
    }
    expect(await assignee(id)).toBe(ana.userId);
    const unassigned = await newConversation();
    expect((await reply(token, unassigned, 'Bot externo')).statusCode).toBe(201);
  });

  it('off again: the old behaviour is back', async () => {
    await onlyAssignee(false);
    const id = await newConversation();
    await http(owner, 'POST', `/api/v1/conversations/${id}/assign`, { assigneeId: ana.userId });
    expect((await reply(beto, id, 'Beto, sin regla')).statusCode).toBe(201);
    const unassigned = await newConversation();
    expect((await reply(beto, unassigned, 'Beto toma al responder')).statusCode).toBe(201);
    expect(await assignee(unassigned)).toBe(beto.userId);
  });
});
