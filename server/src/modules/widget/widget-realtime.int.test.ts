import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import WebSocket from 'ws';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createMember, createWorkspace, sentMail, type Session } from '../../../test/fixtures.js';
import { SocketClient } from '../../../test/socket-client.js';
import { VisitorSockets } from '../../../test/fakes/webchat-visitor.js';
import {
  agentReplies, closeConversation, createWebchatChannel, listen, startVisitor, visitorSays, widgetGet, widgetPost, type VisitorSession, type WebchatChannel,
} from '../../../test/widget-fixtures.js';
import { queryRows } from '../../platform/db/db.js';
import { emailUnreadReplyJob } from './email-unread-replies.job.js';

const VISITOR_MESSAGE_KEYS = ['agent', 'attachments', 'body', 'clientId', 'conversationId', 'createdAt', 'from', 'id'];

describeEachDriver('widget realtime: a visitor hears their own conversation and nothing else', (driver) => {
  let t: TestApp;
  let owner: Session;
  let agent: Session;
  let channel: WebchatChannel;
  let otherChannel: WebchatChannel;
  let base: string;
  let sockets: VisitorSockets;
  let ana: VisitorSession;
  let beto: VisitorSession;
  let carla: VisitorSession;
  let anaConversation: number;
  let betoConversation: number;

  beforeAll(async () => {
    t = await createTestApp(driver);
    ({ owner } = await createWorkspace(t));
    agent = await createMember(t, owner, { role: 'agent', accessLevel: 'all', name: 'Rosa Agente' });
    channel = await createWebchatChannel(t, owner);
    otherChannel = await createWebchatChannel(t, owner, {}, 'Otro sitio');
    base = await listen(t);
    sockets = new VisitorSockets(base);
    ana = await startVisitor(t, channel);
    beto = await startVisitor(t, channel);
    carla = await startVisitor(t, otherChannel);
    anaConversation = (await visitorSays(t, ana, 'Hola, soy Ana')).conversationId;
    betoConversation = (await visitorSays(t, beto, 'Hola, soy Beto')).conversationId;
    await visitorSays(t, carla, 'Hola, soy Carla');
    await Promise.all([sockets.watch('ana', ana.visitorToken), sockets.watch('beto', beto.visitorToken), sockets.watch('carla', carla.visitorToken)]);
  });
  afterAll(async () => {
    await sockets?.close();
    await t?.close();
  });

  it('pushes the agent\'s reply, with the agent\'s name, to that visitor only; never notes, activity or agent-only data', async () => {
    await t.server.app.inject({ method: 'POST', url: `/api/v1/conversations/${anaConversation}/notes`, headers: agent.headers, payload: { body: 'NOTA: Ana debe dinero' } });
    await t.server.app.inject({ method: 'POST', url: `/api/v1/conversations/${anaConversation}/assign`, headers: agent.headers, payload: { assigneeId: agent.userId, reason: 'MOTIVO INTERNO' } });
    await t.server.app.inject({ method: 'POST', url: `/api/v1/conversations/${anaConversation}/priority`, headers: agent.headers, payload: { priority: 'high' } });
    await agentReplies(t, agent, anaConversation, 'Hola Ana, ¿en qué la ayudo?');
    await agentReplies(t, agent, betoConversation, 'Hola Beto, ya lo atiendo');

    const got = await sockets.waitFor('ana', (f) => f.type === 'message' && f.message?.body === 'Hola Ana, ¿en qué la ayudo?');
    expect(got.message!.agent).toEqual({ name: 'Rosa Agente', avatarUrl: null });
    expect(Object.keys(got.message!).sort()).toEqual(VISITOR_MESSAGE_KEYS);
    await sockets.waitFor('beto', (f) => f.type === 'message' && f.message?.body === 'Hola Beto, ya lo atiendo');
    await new Promise((r) => setTimeout(r, 500)); // anything else that was going to arrive has

    const anaSaw = JSON.stringify(sockets.framesOf('ana'));
    expect(anaSaw).not.toContain('Beto');
    expect(anaSaw).not.toContain('NOTA');
    expect(anaSaw).not.toContain('MOTIVO INTERNO');
    for (const leak of ['assigneeId', 'teamId', 'priority', 'tags', 'meta', 'deliveryStatus', 'externalId', '"sender"', 'unreadCount', 'Carla']) expect(anaSaw).not.toContain(leak);
    expect(JSON.stringify(sockets.framesOf('beto'))).not.toContain('Ana');
    expect(sockets.framesOf('carla').filter((f) => f.type !== 'ready')).toEqual([]);
    const types = new Set(sockets.framesOf('ana').map((f) => f.type));
    expect([...types].every((x) => ['ready', 'message', 'conversation'].includes(x))).toBe(true);

    const listed = JSON.stringify((await widgetGet(t, ana, '/api/v1/widget/messages')).json());
    expect(listed).not.toContain('NOTA');
    expect(listed).not.toContain('Beto');
  });

  it('tells the visitor when the conversation closes, and a deleted reply disappears', async () => {
    const reply = await agentReplies(t, agent, anaConversation, 'Mensaje equivocado');
    await sockets.waitFor('ana', (f) => f.type === 'message' && f.message?.id === reply.id);
    expect((await t.server.app.inject({ method: 'DELETE', url: `/api/v1/messages/${reply.id}`, headers: agent.headers })).statusCode).toBe(200);
    await sockets.waitFor('ana', (f) => f.type === 'message_deleted' && f.id === reply.id);
    await closeConversation(t, agent, anaConversation);
    await sockets.waitFor('ana', (f) => f.type === 'conversation' && (f.conversation as any).status === 'closed');
    expect(sockets.framesOf('beto').some((f) => f.type === 'conversation')).toBe(false);
  });

  it('typing goes both ways, ephemeral: the agent\'s by name to the visitor, the visitor\'s to agents who may see the conversation', async () => {
    const { conversationId } = await visitorSays(t, beto, 'Sigo aquí');
    const assignedOnly = await createMember(t, owner, { role: 'agent', accessLevel: 'assigned' });
    const watcher = await SocketClient.open(base, { cookie: agent.headers.cookie });
    const outsider = await SocketClient.open(base, { cookie: assignedOnly.headers.cookie });
    await watcher.subscribe(['workspace']);
    await outsider.subscribe(['workspace']);
    const eventsBefore = (await queryRows<{ n: number }>(t.ctx.db, sql`SELECT count(*)::int AS n FROM events`))[0].n;

    expect((await widgetPost(t, beto, '/api/v1/widget/typing', { typing: true })).statusCode).toBe(200);
    const seen = await watcher.waitFor((f: any) => f.type === 'typing');
    expect(seen).toMatchObject({ type: 'typing', conversationId, from: 'contact', typing: true });
    const typed = await t.server.app.inject({ method: 'POST', url: `/api/v1/conversations/${conversationId}/typing`, headers: agent.headers, payload: { typing: true } });
    expect(typed.statusCode).toBe(200);
    const toVisitor = await sockets.waitFor('beto', (f) => f.type === 'typing');
    expect(toVisitor).toEqual({ type: 'typing', conversationId, typing: true, agent: { name: 'Rosa Agente' } });
    await new Promise((r) => setTimeout(r, 300));
    expect(outsider.frames.some((f: any) => f.type === 'typing')).toBe(false);
    expect(sockets.framesOf('ana').some((f) => f.type === 'typing')).toBe(false);
    expect((await queryRows<{ n: number }>(t.ctx.db, sql`SELECT count(*)::int AS n FROM events`))[0].n).toBe(eventsBefore);
    const notMine = await t.server.app.inject({ method: 'POST', url: `/api/v1/conversations/${conversationId}/typing`, headers: assignedOnly.headers, payload: { typing: true } });
    expect(notMine.statusCode).toBe(404);
    await watcher.close();
    await outsider.close();
  });

  it('refuses a socket with a bad token', async () => {
    const ws = new WebSocket(`${base.replace('http', 'ws')}/api/v1/widget/realtime`);
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ type: 'auth', token: `${ana.visitorToken}x` }));
    const [code] = await new Promise<[number]>((r) => ws.once('close', (c) => r([c])));
    expect(code).toBe(4401);
  });

  it('mails a reply the visitor has not seen to the address they left; not one they read', async () => {
    const mails = sentMail(t);
    const dora = await startVisitor(t, channel);
    await widgetPost(t, dora, '/api/v1/widget/messages', { id: 'dora000001', text: 'Escríbanme por correo', pageUrl: 'https://optica.test/contacto' });
    const [contact] = await queryRows<{ id: number }>(t.ctx.db, sql`SELECT contact_id AS id FROM contact_identities WHERE external_id = ${dora.visitorId}`);
    await t.server.app.inject({ method: 'PATCH', url: `/api/v1/contacts/${contact.id}`, headers: agent.headers, payload: { email: 'dora@ejemplo.test' } });
    const list = (await widgetGet(t, dora, '/api/v1/widget/messages')).json();
    const conversationId = list.conversations[0].id;
    const seen = await agentReplies(t, agent, conversationId, 'Esta sí la vio');
    expect((await widgetPost(t, dora, '/api/v1/widget/read', { upToMessageId: seen.id })).statusCode).toBe(200);
    const unseen = await agentReplies(t, agent, conversationId, 'Le enviamos el presupuesto');
    // Each reply's check is scheduled (the channel's 10 minutes later); the test runs them now.
    const scheduled = async () => (await queryRows<{ id: string }>(t.ctx.db, sql`SELECT data->>'messageId' AS id FROM pgboss.job WHERE name = 'widget.email-unread-reply'`)).map((r) => Number(r.id));
    await expect.poll(scheduled, { timeout: 10_000 }).toEqual(expect.arrayContaining([seen.id, unseen.id]));
    const job = { id: 'x', retryCount: 0, retryLimit: 5 };
    await emailUnreadReplyJob.handle(t.ctx, { workspaceId: owner.workspaceId, messageId: unseen.id }, job);
    await emailUnreadReplyJob.handle(t.ctx, { workspaceId: owner.workspaceId, messageId: unseen.id }, job); // a repeat sends nothing more
    await emailUnreadReplyJob.handle(t.ctx, { workspaceId: owner.workspaceId, messageId: seen.id }, job);
    const toDora = mails.filter((m) => m.to === 'dora@ejemplo.test');
    expect(toDora).toHaveLength(1);
    expect(toDora[0].subject).toBe('Rosa Agente le respondió (Chat del sitio)');
    expect(toDora[0].text).toContain('Le enviamos el presupuesto');
    expect(toDora[0].text).toContain('https://optica.test/contacto');
    const [row] = await queryRows<{ meta: any }>(t.ctx.db, sql`SELECT meta FROM messages WHERE id = ${unseen.id}`);
    expect(row.meta.emailedAt).toBeTruthy();
  });
});
