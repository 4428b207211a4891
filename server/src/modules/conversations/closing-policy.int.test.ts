import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createMember, createTeam, createWorkspace, type Session } from '../../../test/fixtures.js';
import { createApiChannel, inboundMessage, postInbound, type ApiChannel } from '../../../test/channel-fixtures.js';
import { startApiReceiver } from '../../../test/fakes/api-receiver.js';
import { createBot } from '../../../test/bot-fixtures.js';
import { metaJson, startWhatsAppCloudFake, type WhatsAppCloudFake } from '../../../test/fakes/whatsapp-cloud.js';
import { createWhatsAppChannel, WA, type WhatsAppChannel } from '../../../test/whatsapp-fixtures.js';
import { ManualClock } from '../../platform/clock.js';
import { queryRows } from '../../platform/db/db.js';

const HOUR = 3_600_000;

const until = async <T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
};

describeEachDriver('closing: note policy, release, bot, closing message', (driver) => {
  let t: TestApp;
  let owner: Session;
  let agent: Session;
  let receiver: Awaited<ReturnType<typeof startApiReceiver>>;
  let wa: WhatsAppCloudFake;
  let plain: ApiChannel;
  let withBot: ApiChannel;
  let whatsapp: WhatsAppChannel;
  let seq = 0;
  const clock = new ManualClock(new Date());

  const http = (s: Session, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) =>
    t.server.app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const settings = async (payload: Record<string, unknown>) => {
    const res = await http(owner, 'PATCH', '/api/v1/workspace', payload);
    expect(res.statusCode).toBe(200);
  };
  const customerWrites = async (channel: ApiChannel, customer: string, text = 'Hola') =>
    (await postInbound(t, channel, inboundMessage(`close-${++seq}`, customer, text))).json().conversationId as number;
  /** A conversation from a new customer, taken by the agent (which pauses the bot, where there is one). */
  const takenConversation = async (channel: ApiChannel) => {
    const customer = `58424${String(++seq).padStart(7, '0')}`;
    const id = await customerWrites(channel, customer);
    expect((await http(agent, 'POST', `/api/v1/conversations/${id}/take`)).json()).toMatchObject({ status: 'open', botActive: false });
    return { id, customer };
  };
  const close = (id: number, payload?: Record<string, unknown>) => http(agent, 'POST', `/api/v1/conversations/${id}/close`, payload);
  const get = async (id: number) => (await http(owner, 'GET', `/api/v1/conversations/${id}`)).json();
  const timeline = async (id: number) => (await http(owner, 'GET', `/api/v1/conversations/${id}/messages`)).json().items as any[];
  const closedBy = async (id: number) => (await queryRows<{ closed_by: number | null }>(t.ctx.db, sql`SELECT closed_by FROM conversations WHERE id = ${id}`))[0].closed_by;

  beforeAll(async () => {
    wa = await startWhatsAppCloudFake({ ...WA, autoStatuses: [] });
    t = await createTestApp(driver, { clock, env: { META_GRAPH_URL: wa.base } });
    ({ owner } = await createWorkspace(t));
    agent = await createMember(t, owner, { role: 'agent', accessLevel: 'all' });
    receiver = await startApiReceiver(() => plain.secret);
    plain = await createApiChannel(t, owner, { outboundUrl: receiver.url });
    withBot = await createApiChannel(t, owner, { outboundUrl: receiver.url, botEnabled: true });
    await createBot(t, owner, { kind: 'builtin' }, { channelId: withBot.id });
    whatsapp = await createWhatsAppChannel(t, owner);
    for (const name of ['Resuelto', 'Venta']) expect((await http(owner, 'POST', '/api/v1/closing-categories', { name })).statusCode).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
    await wa?.close();
  });

  it('optional (the default): closes with or without a note', async () => {
    const a = await takenConversation(plain);
    expect((await close(a.id)).json()).toMatchObject({ status: 'closed', closingNote: null });
    const b = await takenConversation(plain);
    expect((await close(b.id, { summary: 'Sólo resumen' })).json()).toMatchObject({ status: 'closed', closingNote: { category: null, summary: 'Sólo resumen' } });
  });

  it('disabled: a closing note is refused (400 naming what was sent); closing without one works', async () => {
    await settings({ closingNotePolicy: 'disabled' });
    const { id } = await takenConversation(plain);
    const withCategory = await close(id, { category: 'Resuelto' });
    expect(withCategory.statusCode).toBe(400);
    expect(withCategory.json().error.details).toEqual([{ field: 'category', message: 'closing notes are disabled' }]);
    const both = await close(id, { category: 'Resuelto', summary: 'Listo' });
    expect(both.json().error.details.map((d: any) => d.field)).toEqual(['category', 'summary']);
    expect((await get(id)).status).toBe('open');
    expect((await close(id, { summary: '   ' })).statusCode).toBe(200); // blank is no note
    expect((await get(id)).closingNote).toBeNull();
  });

  it('category: 422 closing_note_required naming the category until one is given', async () => {
    await settings({ closingNotePolicy: 'category' });
    const { id } = await takenConversation(plain);
    for (const payload of [undefined, {}, { summary: 'Sin categoría' }]) {
      const res = await close(id, payload);
      expect(res.statusCode).toBe(422);
      expect(res.json().error).toMatchObject({ code: 'closing_note_required', details: [{ field: 'category', message: 'required' }] });
    }
    expect((await get(id)).status).toBe('open');
    expect((await close(id, { category: 'Nope' })).statusCode).toBe(400); // still one of the workspace's
    expect((await close(id, { category: 'Venta' })).json()).toMatchObject({ status: 'closed', closingNote: { category: 'Venta', summary: null } });
  });

  it('category and summary: both required, each missing one named', async () => {
    await settings({ closingNotePolicy: 'category_and_summary' });
    const { id } = await takenConversation(plain);
    const none = await close(id);
    expect(none.statusCode).toBe(422);
    expect(none.json().error.details.map((d: any) => d.field)).toEqual(['category', 'summary']);
    const noSummary = await close(id, { category: 'Resuelto', summary: ' ' });
    expect(noSummary.json().error).toMatchObject({ code: 'closing_note_required', details: [{ field: 'summary' }] });
    expect(noSummary.json().error.details).toHaveLength(1);
    expect((await close(id, { summary: 'Cambio de lentes' })).json().error.details).toEqual([{ field: 'category', message: 'required' }]);
    const ok = await close(id, { category: 'Resuelto', summary: 'Cambio de lentes' });
    expect(ok.json()).toMatchObject({ status: 'closed', closingNote: { category: 'Resuelto', summary: 'Cambio de lentes' } });
    await settings({ closingNotePolicy: 'optional' });
  });

  it('releases the assignee on close: the closed conversation stays theirs, the next customer message waits in the queue', async () => {
    const { id, customer } = await takenConversation(plain);
    const closed = await close(id);
    // Still theirs in their lists and reports.
    expect(closed.json()).toMatchObject({ status: 'closed', assignee: { id: agent.userId }, botActive: false });
    expect(await closedBy(id)).toBe(agent.userId);
    expect(await customerWrites(plain, customer, 'Una cosa más')).toBe(id);
    expect(await get(id)).toMatchObject({ status: 'queued', assignee: null });
  });

  it('resumes the bot on close where the channel has one: the next customer message goes to the bot', async () => {
    const { id, customer } = await takenConversation(withBot);
    expect((await close(id)).json()).toMatchObject({ status: 'closed', botActive: true });
    expect(await customerWrites(withBot, customer, 'Hola de nuevo')).toBe(id);
    expect(await get(id)).toMatchObject({ status: 'bot', botActive: true, assignee: null });
  });

  it('asks for the team form\'s required fields (422 form_incomplete naming each); once filled it closes', async () => {
    const teamId = await createTeam(t, owner, 'Garantías', [agent.userId]);
    const form = await http(owner, 'PUT', `/api/v1/teams/${teamId}/form`, {
      fields: [
        { key: 'pedido', label: 'Número de pedido', type: 'text', options: [], required: true },
        { key: 'motivo', label: 'Motivo', type: 'select', options: ['Cambio', 'Reparación'], required: true },
        { key: 'nota', label: 'Nota', type: 'text', options: [], required: false },
      ],
    });
    expect(form.statusCode, form.body).toBe(200);
    const { id } = await takenConversation(plain);
    expect((await http(owner, 'POST', `/api/v1/conversations/${id}/assign`, { teamId, assigneeId: agent.userId })).statusCode).toBe(200);
    const refused = await close(id);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'form_incomplete',
      details: [{ field: 'form.pedido', message: 'Número de pedido is required' }, { field: 'form.motivo', message: 'Motivo is required' }],
    });
    expect((await get(id)).status).toBe('open');
    expect((await http(agent, 'PUT', `/api/v1/conversations/${id}/form`, { values: { pedido: 'A-1001', motivo: 'Cambio' } })).statusCode).toBe(200);
    expect((await close(id)).json()).toMatchObject({ status: 'closed' });
  });

  it('with both settings off, closing keeps the assignee and the bot paused, as before', async () => {
    await settings({ closeReleasesAssignee: false, closeResumesBot: false });
    // Webhooks read the workspace's reopen rules with the channel, re-read every 2 s (hooks.routes.ts).
    await new Promise((r) => setTimeout(r, 2_100));
    const { id, customer } = await takenConversation(withBot);
    expect((await close(id)).json()).toMatchObject({ status: 'closed', assignee: { id: agent.userId }, botActive: false });
    expect(await customerWrites(withBot, customer, 'Otra pregunta')).toBe(id);
    expect(await get(id)).toMatchObject({ status: 'open', assignee: { id: agent.userId }, botActive: false });
    await settings({ closeReleasesAssignee: true, closeResumesBot: true });
  });

  it('sends the closing message once, from the closing user, without reopening or reassigning', async () => {
    await settings({ closingMessage: 'Gracias por escribir a Óptica Central. ¡Hasta pronto!' });
    const { id } = await takenConversation(plain);
    const closed = await close(id);
    expect(closed.json()).toMatchObject({ status: 'closed', assignee: { id: agent.userId }, lastMessagePreview: 'Gracias por escribir a Óptica Central. ¡Hasta pronto!' });
    const sent = (await timeline(id)).filter((m) => m.kind === 'message' && m.direction === 'outbound');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ body: 'Gracias por escribir a Óptica Central. ¡Hasta pronto!', sender: { type: 'user', id: agent.userId }, meta: { closingMessage: true } });
    const row = await until(
      async () => (await queryRows<{ delivery_status: string }>(t.ctx.db, sql`SELECT delivery_status FROM messages WHERE id = ${sent[0].id}`))[0],
      (m) => m.delivery_status === 'sent',
    );
    expect(row.delivery_status).toBe('sent');
    await new Promise((r) => setTimeout(r, 500));
    const got = receiver.received.filter((r) => r.body.conversationId === id);
    expect(got).toHaveLength(1);
    expect(got[0].body).toMatchObject({ type: 'message', text: 'Gracias por escribir a Óptica Central. ¡Hasta pronto!' });
    const after = await get(id);
    expect(after).toMatchObject({ status: 'closed', assignee: { id: agent.userId }, firstReplyAt: null });
    await settings({ closingMessage: null });
  });

  it('does not send the closing message when the reply window is closed; a timeline note says so', async () => {
    await settings({ closingMessage: 'Gracias por su compra' });
    const body = wa.customer.text({ waId: '573110000777', name: 'Camila' }, 'Hola, ¿tienen lentes de contacto?');
    const raw = metaJson(body);
    expect((await t.server.app.inject({ method: 'POST', url: `/hooks/whatsapp/${whatsapp.id}`, headers: { 'content-type': 'application/json', 'x-hub-signature-256': wa.sign(raw) }, payload: raw })).statusCode).toBe(200);
    const [conv] = await queryRows<{ id: number }>(t.ctx.db, sql`SELECT id FROM conversations WHERE channel_id = ${whatsapp.id} ORDER BY id DESC LIMIT 1`);
    await http(agent, 'POST', `/api/v1/conversations/${conv.id}/take`);
    clock.advance(25 * HOUR);
    expect((await close(conv.id)).json()).toMatchObject({ status: 'closed' });
    const entries = await timeline(conv.id);
    expect(entries.filter((m) => m.kind === 'message' && m.direction === 'outbound')).toHaveLength(0);
    expect(entries.find((m) => m.meta?.action === 'closing_message_skipped')).toMatchObject({ kind: 'activity', sender: { type: 'system' }, meta: { reason: 'reply_window_closed' } });
    await new Promise((r) => setTimeout(r, 300));
    expect(wa.sends()).toHaveLength(0);
  });
});
