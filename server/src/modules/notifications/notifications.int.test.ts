import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createApiToken, createMember, createWorkspace, eventsOfType, type Session } from '../../../test/fixtures.js';
import { createApiChannel, inboundMessage, postInbound, type ApiChannel } from '../../../test/channel-fixtures.js';
import { SocketClient } from '../../../test/socket-client.js';
import { queryRows } from '../../platform/db/db.js';
import { eventsAfter } from '../../platform/events/events.repo.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { notificationsSubscriber } from './notifications.subscriber.js';

type Notification = { id: number; type: string; conversationId: number; messageId: number | null; actor: { type: string; id: number | null; name: string | null }; preview: string; createdAt: string; readAt: string | null };

describeEachDriver('notifications', (driver) => {
  let t: TestApp;
  let owner: Session;
  let workspaceId: number;
  let channel: ApiChannel;
  let ana: Session; // agent, sees only what is assigned to her
  let beto: Session; // agent, sees everything
  let carla: Session; // admin
  let seq = 0;

  const http = (s: Session | { headers: Record<string, string> }, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    t.server.app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  /** Every subscriber has caught up with the log. */
  const settle = () => t.server.dispatcher!.drain();
  const bell = async (s: Session, query = ''): Promise<{ items: Notification[]; nextCursor: string | null; unreadCount: number }> => {
    const res = await http(s, 'GET', `/api/v1/notifications${query}`);
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const newConversation = async (text = 'Hola') => {
    const customer = `58412${String(++seq).padStart(7, '0')}`;
    const res = await postInbound(t, channel, inboundMessage(`n-${seq}`, customer, text, `Cliente ${seq}`));
    return { id: res.json().conversationId as number, customer, name: `Cliente ${seq}` };
  };
  const assign = async (by: Session, id: number, assigneeId: number | null) => {
    const res = await http(by, 'POST', `/api/v1/conversations/${id}/assign`, { assigneeId });
    expect(res.statusCode).toBe(200);
  };
  const notificationRows = async (conversationId: number) =>
    queryRows<{ user_id: number; type: string }>(t.ctx.db, sql`SELECT user_id, type FROM notifications WHERE conversation_id = ${conversationId} ORDER BY id`);

  beforeAll(async () => {
    t = await createTestApp(driver);
    ({ owner, workspaceId } = await createWorkspace(t));
    channel = await createApiChannel(t, owner);
    ana = await createMember(t, owner, { role: 'agent', accessLevel: 'assigned', name: 'Ana Agente' });
    beto = await createMember(t, owner, { role: 'agent', accessLevel: 'all', name: 'Beto Agente' });
    carla = await createMember(t, owner, { role: 'admin', accessLevel: 'all', name: 'Carla Admin' });
  });
  afterAll(() => t?.close());

  it('an assignment by someone else notifies the new assignee: who did it and the last message', async () => {
    const c = await newConversation('Necesito ayuda con mi pedido');
    await assign(owner, c.id, ana.userId);
    await settle();
    const { items, unreadCount } = await bell(ana);
    expect(unreadCount).toBe(1);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      type: 'assigned', conversationId: c.id, messageId: null, actor: { type: 'user', id: owner.userId, name: 'Owner' },
      preview: 'Necesito ayuda con mi pedido', readAt: null,
    });
    expect((await bell(owner)).items).toEqual([]);
    const [event] = (await eventsOfType(t, workspaceId, 'notification.created')).slice(-1);
    expect(event.payload).toEqual({ userId: ana.userId, notification: items[0] });
  });

  it('taking a conversation yourself, or changing something else, notifies nobody', async () => {
    const c = await newConversation();
    expect((await http(beto, 'POST', `/api/v1/conversations/${c.id}/take`)).statusCode).toBe(200);
    await http(owner, 'POST', `/api/v1/conversations/${c.id}/priority`, { priority: 'high' });
    await settle();
    expect(await notificationRows(c.id)).toEqual([]);
  });

  it('a transfer to another agent notifies the new one only', async () => {
    const c = await newConversation();
    await assign(owner, c.id, ana.userId);
    await assign(carla, c.id, beto.userId);
    await settle();
    expect(await notificationRows(c.id)).toEqual([{ user_id: ana.userId, type: 'assigned' }, { user_id: beto.userId, type: 'assigned' }]);
    expect((await bell(beto)).items[0]).toMatchObject({ type: 'assigned', conversationId: c.id, actor: { id: carla.userId, name: 'Carla Admin' } });
  });

  it('a customer message in an assigned conversation notifies the assignee; in an unassigned one, nobody', async () => {
    const c = await newConversation('Hola');
    await assign(owner, c.id, ana.userId);
    await postInbound(t, channel, inboundMessage(`n-again-${c.id}`, c.customer, 'Sigo esperando', c.name));
    const loose = await newConversation('Nadie me atiende');
    await postInbound(t, channel, inboundMessage(`n-loose-${loose.id}`, loose.customer, '¿Hola?', loose.name));
    await settle();
    const contactId = (await http(owner, 'GET', `/api/v1/conversations/${c.id}`)).json().contact.id;
    const newest = (await bell(ana)).items[0];
    expect(newest).toMatchObject({ type: 'new_message', conversationId: c.id, actor: { type: 'contact', id: contactId, name: c.name }, preview: 'Sigo esperando' });
    expect(newest.messageId).toEqual(expect.any(Number));
    expect(await notificationRows(loose.id)).toEqual([]);
  });

  it('a note notifies each mentioned teammate, never its author', async () => {
    const c = await newConversation();
    await assign(owner, c.id, beto.userId);
    await settle();
    const before = (await bell(beto)).unreadCount;
    const note = await http(beto, 'POST', `/api/v1/conversations/${c.id}/notes`, { body: '@Ana @Carla ¿quién conoce este caso?', mentions: [ana.userId, beto.userId, carla.userId] });
    expect(note.statusCode).toBe(201);
    await settle();
    for (const s of [ana, carla]) {
      expect((await bell(s)).items[0]).toMatchObject({
        type: 'mentioned', conversationId: c.id, messageId: note.json().id, actor: { type: 'user', id: beto.userId, name: 'Beto Agente' }, preview: '@Ana @Carla ¿quién conoce este caso?',
      });
    }
    expect((await bell(beto)).unreadCount).toBe(before);
    expect((await notificationRows(c.id)).filter((n) => n.type === 'mentioned').map((n) => n.user_id).sort()).toEqual([ana.userId, carla.userId].sort());
  });

  it('honours preferences: with in-app off for a kind, that kind makes no notification', async () => {
    const dora = await createMember(t, owner, { role: 'agent', accessLevel: 'all', name: 'Dora' });
    const off = await http(dora, 'PATCH', '/api/v1/profile', { notificationPreferences: { mentioned: { inApp: false } } });
    expect(off.json().user.notificationPreferences.mentioned).toEqual({ inApp: false, browser: true, sound: true });
    const c = await newConversation();
    await http(beto, 'POST', `/api/v1/conversations/${c.id}/notes`, { body: 'Dora, mira esto', mentions: [dora.userId] });
    await assign(owner, c.id, dora.userId);
    await settle();
    expect(await notificationRows(c.id)).toEqual([{ user_id: dora.userId, type: 'assigned' }]);
  });

  it('a member deactivated since is not notified', async () => {
    const eli = await createMember(t, owner, { role: 'agent', accessLevel: 'all' });
    const c = await newConversation();
    await assign(owner, c.id, eli.userId);
    await settle();
    expect((await http(owner, 'PATCH', `/api/v1/users/${eli.userId}`, { active: false })).statusCode).toBe(200);
    await postInbound(t, channel, inboundMessage(`n-gone-${c.id}`, c.customer, '¿Hay alguien?', c.name));
    await settle();
    expect(await notificationRows(c.id)).toEqual([{ user_id: eli.userId, type: 'assigned' }]);
  });

  it('a replayed event creates nothing twice and announces nothing twice', async () => {
    const c = await newConversation();
    await assign(owner, c.id, ana.userId);
    await http(carla, 'POST', `/api/v1/conversations/${c.id}/notes`, { body: 'Ana, ojo', mentions: [ana.userId] });
    await settle();
    const count = async () => (await queryRows<{ n: number }>(t.ctx.db, sql`SELECT count(*)::int AS n FROM notifications WHERE workspace_id = ${workspaceId}`))[0].n;
    const notified = await count();
    const announced = (await eventsOfType(t, workspaceId, 'notification.created')).length;
    // The dispatcher delivers at least once: after a crash it hands the same events again.
    const log = (await eventsAfter(t.ctx.db, 0, 10_000, workspaceId)).filter((e) => notificationsSubscriber.accepts!(e));
    expect(log.length).toBeGreaterThan(5);
    await notificationsSubscriber.handle!(t.ctx, log);
    await Promise.all([notificationsSubscriber.handle!(t.ctx, log), notificationsSubscriber.handle!(t.ctx, log)]);
    expect(await count()).toBe(notified);
    expect((await eventsOfType(t, workspaceId, 'notification.created')).length).toBe(announced);
  });

  it('lists newest first in keyset pages, only the unread on request, and marks read by ids or all', async () => {
    const fresh = await createMember(t, owner, { role: 'agent', accessLevel: 'all', name: 'Fede' });
    const convs = [];
    for (let i = 0; i < 3; i++) {
      const c = await newConversation(`Consulta ${i}`);
      await assign(owner, c.id, fresh.userId);
      convs.push(c.id);
    }
    await settle();
    const all = await bell(fresh);
    expect(all.items.map((n) => n.conversationId)).toEqual([...convs].reverse());
    expect(all.unreadCount).toBe(3);
    const first = await bell(fresh, '?limit=2');
    expect(first.items).toHaveLength(2);
    const second = await bell(fresh, `?limit=2&cursor=${first.nextCursor}`);
    expect([...first.items, ...second.items].map((n) => n.id)).toEqual(all.items.map((n) => n.id));
    expect(second.nextCursor).toBeNull();
    expect((await bell(fresh, '?unread=&cursor=&limit=30')).items).toHaveLength(3);

    const read = await http(fresh, 'POST', '/api/v1/notifications/read', { ids: [all.items[1].id] });
    expect(read.json()).toEqual({ unreadCount: 2 });
    const unread = await bell(fresh, '?unread=true');
    expect(unread.items.map((n) => n.id)).toEqual([all.items[0].id, all.items[2].id]);
    expect((await bell(fresh)).items[1].readAt).toEqual(expect.any(String));
    const [readEvent] = (await eventsOfType(t, workspaceId, 'notification.read')).slice(-1);
    expect(readEvent.payload).toEqual({ userId: fresh.userId, ids: [all.items[1].id], unreadCount: 2 });

    // Someone else's ids change nothing of theirs.
    const anaUnread = (await bell(ana)).unreadCount;
    const anaIds = (await bell(ana, '?unread=true')).items.map((n) => n.id);
    expect((await http(fresh, 'POST', '/api/v1/notifications/read', { ids: anaIds })).json()).toEqual({ unreadCount: 2 });
    expect((await bell(ana)).unreadCount).toBe(anaUnread);

    expect((await http(fresh, 'POST', '/api/v1/notifications/read', { all: true })).json()).toEqual({ unreadCount: 0 });
    expect((await http(fresh, 'GET', '/api/v1/notifications/unread-count')).json()).toEqual({ unreadCount: 0 });
    expect((await bell(fresh, '?unread=true')).items).toEqual([]);

    const nothing = await http(fresh, 'POST', '/api/v1/notifications/read', {});
    expect(nothing.statusCode).toBe(400);
    expect(nothing.json().error.details[0].field).toBe('body.ids');
    expect((await http(fresh, 'GET', '/api/v1/notifications?cursor=abc')).statusCode).toBe(400);
  });

  it('opening a conversation reads its notifications in the opener\'s bell only', async () => {
    const c = await newConversation();
    await assign(owner, c.id, ana.userId);
    await http(owner, 'POST', `/api/v1/conversations/${c.id}/notes`, { body: 'Ana y Carla, miren', mentions: [ana.userId, carla.userId] });
    await settle();
    const unreadOf = async (s: Session) => (await bell(s, '?unread=true&limit=100')).items.filter((n) => n.conversationId === c.id).length;
    expect(await unreadOf(ana)).toBe(2);
    // What POST /conversations/:id/read records when Ana opens it.
    await inTransaction(t.ctx, async (_tx, emit) => {
      emit({ workspaceId, type: 'conversation.read', conversationId: c.id, assigneeId: ana.userId, actor: { type: 'user', id: ana.userId }, payload: {} });
    });
    await settle();
    expect(await unreadOf(ana)).toBe(0);
    expect(await unreadOf(carla)).toBe(1);
  });

  it('belongs to signed-in users: an API token has no notifications', async () => {
    const token = { headers: { authorization: `Bearer ${await createApiToken(t, owner)}` } };
    expect((await http(token, 'GET', '/api/v1/notifications')).statusCode).toBe(403);
    expect((await http(token, 'POST', '/api/v1/notifications/read', { all: true })).statusCode).toBe(403);
    expect((await http({ headers: {} }, 'GET', '/api/v1/notifications')).statusCode).toBe(401);
  });

  it('the people routes are in the OpenAPI document', async () => {
    const doc = (await t.server.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    for (const path of ['/api/v1/notifications', '/api/v1/notifications/read', '/api/v1/notifications/unread-count', '/api/v1/profile', '/api/v1/profile/avatar',
      '/api/v1/profile/status', '/api/v1/presence/heartbeat', '/api/v1/users/{id}/avatar', '/api/v1/conversations/{id}/transcript']) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    expect(doc.paths['/api/v1/notifications'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['unread', 'cursor', 'limit']));
  });

  describe('live', () => {
    let base: string;
    beforeAll(async () => {
      base = await t.server.app.listen({ port: 0, host: '127.0.0.1' });
    });

    it('notification.created reaches its user on their topic, and nobody else, not even an admin listening to that topic', async () => {
      const mine = await SocketClient.open(base, ana.headers);
      const admin = await SocketClient.open(base, carla.headers);
      await mine.subscribe(['workspace', `user:${ana.userId}`]);
      await admin.subscribe(['workspace', `user:${ana.userId}`]);
      const c = await newConversation('¿Tienen lentes de contacto?');
      await assign(owner, c.id, ana.userId);
      await settle();
      const frame = await mine.waitFor((f) => f.type === 'event' && f.event.type === 'notification.created');
      const newest = (await bell(ana)).items[0];
      expect(frame).toMatchObject({ event: { conversationId: null, payload: { userId: ana.userId, notification: newest } } });
      expect(newest).toMatchObject({ type: 'assigned', conversationId: c.id, preview: '¿Tienen lentes de contacto?' });
      // A later event everyone sees: once the admin has it, everything before it was filtered for them.
      await inTransaction(t.ctx, async (_tx, emit) => emit({ workspaceId, type: 'test.sentinel', actor: { type: 'system' }, payload: {} }));
      await admin.waitFor((f) => f.type === 'event' && f.event.type === 'test.sentinel');
      expect(admin.events.some((e) => e.type === 'conversation.assigned' && e.conversationId === c.id)).toBe(true);
      expect(admin.events.filter((e) => e.type.startsWith('notification.'))).toEqual([]);
      await Promise.all([mine.close(), admin.close()]);
    });
  });
});
