import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createMember, createWorkspace, eventsOfType, sentMail, type Session } from '../../../test/fixtures.js';
import { createApiChannel, inboundMessage, postInbound, type ApiChannel } from '../../../test/channel-fixtures.js';
import { startApiReceiver } from '../../../test/fakes/api-receiver.js';
import { ManualClock } from '../../platform/clock.js';
import type { Mail } from '../../platform/mail/mailer.js';

describeEachDriver('conversation transcript by e-mail', (driver) => {
  let t: TestApp;
  const clock = new ManualClock(new Date('2026-03-10T13:00:00Z'));
  let owner: Session;
  let workspaceId: number;
  let channel: ApiChannel;
  let receiver: Awaited<ReturnType<typeof startApiReceiver>>;
  let seq = 0;

  const http = (s: Session, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    t.server.app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const newConversation = async (text: string, name: string) => {
    const customer = `58416${String(++seq).padStart(7, '0')}`;
    const res = await postInbound(t, channel, inboundMessage(`tr-${seq}`, customer, text, name));
    const id = res.json().conversationId as number;
    const contactId = (await http(owner, 'GET', `/api/v1/conversations/${id}`)).json().contact.id as number;
    return { id, contactId };
  };
  /** The mail to this address, once the dispatcher has queued the job and the job has sent it. */
  const mailTo = async (address: string, after: number): Promise<Mail> => {
    const end = Date.now() + 15_000;
    for (;;) {
      await t.server.dispatcher!.drain();
      const mail = sentMail(t).slice(after).find((m) => m.to === address);
      if (mail) return mail;
      if (Date.now() > end) throw new Error(`no mail to ${address}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  beforeAll(async () => {
    t = await createTestApp(driver, { clock });
    ({ owner, workspaceId } = await createWorkspace(t, { name: 'Óptica Sol' }));
    await http(owner, 'PATCH', '/api/v1/workspace', { timezone: 'America/Caracas', language: 'es' });
    await http(owner, 'PATCH', '/api/v1/profile', { name: 'Olga' });
    receiver = await startApiReceiver(() => channel.secret);
    channel = await createApiChannel(t, owner, { outboundUrl: receiver.url });
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  it('mails the messages (no notes, nothing deleted) to the contact, with sender names and times in the workspace\'s zone', async () => {
    const { id, contactId } = await newConversation('Hola, ¿tienen lentes de contacto?', 'María Pérez');
    clock.advance(2 * 60_000);
    expect((await http(owner, 'POST', `/api/v1/conversations/${id}/messages`, { body: 'Sí, claro.\n¿Qué graduación necesita?' })).statusCode).toBe(201);
    await http(owner, 'POST', `/api/v1/conversations/${id}/notes`, { body: 'nota interna: cliente frecuente' });
    const oops = (await http(owner, 'POST', `/api/v1/conversations/${id}/messages`, { body: 'mensaje equivocado' })).json();
    expect((await http(owner, 'DELETE', `/api/v1/messages/${oops.id}`)).statusCode).toBe(200);
    expect((await http(owner, 'PATCH', `/api/v1/contacts/${contactId}`, { email: 'maria@example.test' })).statusCode).toBe(200);

    const before = sentMail(t).length;
    const res = await http(owner, 'POST', `/api/v1/conversations/${id}/transcript`);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ to: 'maria@example.test' });
    const mail = await mailTo('maria@example.test', before);
    expect(mail.subject).toBe('Transcripción de su conversación con Óptica Sol');
    expect(mail.text).toContain(`Conversación #${id} con Óptica Sol`);
    expect(mail.text).toContain('Horas en America/Caracas.');
    expect(mail.text).toContain([
      '[10/03/2026 09:00] María Pérez: Hola, ¿tienen lentes de contacto?',
      '[10/03/2026 09:02] Olga: Sí, claro.',
      '    ¿Qué graduación necesita?',
    ].join('\n'));
    expect(mail.text).not.toContain('nota interna');
    expect(mail.text).not.toContain('mensaje equivocado');
    const [event] = (await eventsOfType(t, workspaceId, 'conversation.transcript_requested')).slice(-1);
    expect(event).toMatchObject({ actor_type: 'user', actor_id: owner.userId, payload: { to: 'maria@example.test', conversation: { id } } });
  });

  it('sends to another address when given one, in the contact\'s language when known', async () => {
    const { id, contactId } = await newConversation('Hello, do you ship abroad?', 'John Smith');
    await http(owner, 'PATCH', `/api/v1/contacts/${contactId}`, { language: 'en' });
    const before = sentMail(t).length;
    const res = await http(owner, 'POST', `/api/v1/conversations/${id}/transcript`, { to: 'Jefe@Example.test' });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ to: 'jefe@example.test' });
    const mail = await mailTo('jefe@example.test', before);
    expect(mail.subject).toBe('Transcript of your conversation with Óptica Sol');
    expect(mail.text).toMatch(/\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}\] John Smith: Hello, do you ship abroad\?/);
  });

  it('answers 400 naming `to` when the contact has no e-mail and none is given, or the address is not one', async () => {
    const { id } = await newConversation('Hola', 'Sin Correo');
    const missing = await http(owner, 'POST', `/api/v1/conversations/${id}/transcript`, {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details[0].field).toBe('body.to');
    const bad = await http(owner, 'POST', `/api/v1/conversations/${id}/transcript`, { to: 'no es un correo' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('body.to');
    expect(await eventsOfType(t, workspaceId, 'conversation.transcript_requested')).toHaveLength(2);
  });

  it('only for conversations the member can see', async () => {
    const { id } = await newConversation('Hola', 'Privado');
    const agent = await createMember(t, owner, { role: 'agent', accessLevel: 'assigned' });
    expect((await http(agent, 'POST', `/api/v1/conversations/${id}/transcript`, { to: 'fuera@example.test' })).statusCode).toBe(404);
    expect((await http(agent, 'POST', '/api/v1/conversations/999999/transcript', { to: 'fuera@example.test' })).statusCode).toBe(404);
    await http(owner, 'POST', `/api/v1/conversations/${id}/assign`, { assigneeId: agent.userId });
    expect((await http(agent, 'POST', `/api/v1/conversations/${id}/transcript`, { to: 'fuera@example.test' })).statusCode).toBe(202);
  });
});
