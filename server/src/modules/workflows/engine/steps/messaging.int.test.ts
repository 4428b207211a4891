import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../../../test/harness.js';
import { createMember, eventsOfType } from '../../../../../test/fixtures.js';
import { startApiReceiver } from '../../../../../test/fakes/api-receiver.js';
import { startHttpFake } from '../../../../../test/fakes/http-fake.js';
import { api, createScene, stepContext, stepOf, WORKFLOW_ID, type Scene } from './__fixtures__/step-scene.js';
import { sendMessageStep } from './send-message.step.js';
import { askQuestionStep } from './ask-question.step.js';
import { addNoteStep } from './conversation.step.js';

const MINUTE = 60_000;

describeEachDriver('workflow steps that talk: messages, questions and notes', (driver) => {
  let t: TestApp;
  let receiver: Awaited<ReturnType<typeof startApiReceiver>>;
  let files: Awaited<ReturnType<typeof startHttpFake>>;
  let secret = '';
  const http = () => api(t);

  /** A scene whose channel delivers to a local receiver, so sends succeed. */
  async function scene(): Promise<Scene> {
    const s = await createScene(t, { outboundUrl: receiver.url });
    secret = s.channel.secret;
    return s;
  }
  const outbound = async (s: Scene) => (await http().timeline(s.owner, s.conversationId)).filter((m) => m.kind === 'message' && m.direction === 'outbound');

  beforeAll(async () => {
    // Files are served from this machine, so the private-address guard is opened for this suite.
    t = await createTestApp(driver, { env: { WORKFLOW_HTTP_ALLOW_PRIVATE: 'true' } });
    receiver = await startApiReceiver(() => secret);
    files = await startHttpFake((req) =>
      req.path === '/folleto.png' ? { status: 200, raw: 'PNG-BYTES-0123456789', headers: { 'content-type': 'image/png' } } : { status: 404, body: { error: 'not found' } });
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
    await files?.close();
  });

  describe('send_message', () => {
    it('sends a text with the run\'s values filled in, as the workflow', async () => {
      const s = await scene();
      await http().ok(s.owner, 'PATCH', `/api/v1/contacts/${s.contactId}`, { customFields: { plan: 'Oro' } });
      const sc = await stepContext(t, s, { vars: { pedido: 'A-12' } });
      const result = await sendMessageStep.run(sc, stepOf({ type: 'send_message', message: { kind: 'text', text: 'Hola {{contact.first_name}}, plan {{contact.fields.plan}}, pedido {{pedido}}{{vars.falta}}.' } }));
      expect(result).toMatchObject({ kind: 'next', detail: { messageId: expect.any(Number) } });
      const [message] = await outbound(s);
      expect(message).toMatchObject({ body: 'Hola Ana, plan Oro, pedido A-12.', sender: { type: 'system' } });
      const created = (await eventsOfType(t, s.workspaceId, 'message.created')).filter((e) => e.payload.message.id === message.id);
      expect(created).toEqual([expect.objectContaining({ actor_type: 'workflow', actor_id: WORKFLOW_ID })]);
    });

    it('sends buttons where the channel shows them, and the channel receives them', async () => {
      const s = await scene();
      const step = stepOf({ type: 'send_message', message: { kind: 'buttons', text: '¿Qué necesitas, {{contact.first_name}}?', buttons: [{ id: 'pagar', title: 'Pagar' }, { id: 'asesor', title: 'Hablar con {{workspace.name}}' }] } });
      const sc = await stepContext(t, s);
      expect((await sendMessageStep.run(sc, step)).kind).toBe('next');
      const [message] = await outbound(s);
      const workspace = sc.values.workspace?.name;
      expect(workspace).toMatch(/^Workspace/);
      expect(message.body).toBe('¿Qué necesitas, Ana?');
      expect(message.meta.buttons).toEqual([{ id: 'pagar', title: 'Pagar' }, { id: 'asesor', title: `Hablar con ${workspace}` }]);
      await expect.poll(() => receiver.received.some((r) => JSON.stringify(r.body).includes('"pagar"'))).toBe(true);
    });

    it('downloads a file by URL into storage and sends it with its caption', async () => {
      const s = await scene();
      const step = stepOf({ type: 'send_message', message: { kind: 'media', mediaType: 'image', url: `${files.base}/folleto.png`, caption: 'Folleto para {{contact.first_name}}' } });
      expect((await sendMessageStep.run(await stepContext(t, s), step)).kind).toBe('next');
      const [message] = await outbound(s);
      expect(message.body).toBe('Folleto para Ana');
      expect(message.attachments).toEqual([expect.objectContaining({ filename: 'folleto.png', contentType: 'image/png', size: 'PNG-BYTES-0123456789'.length })]);
    });

    it('runs onFailure, with why, when the file, the channel or the conversation refuses', async () => {
      const s = await scene();
      const sc = await stepContext(t, s);
      const missing = await sendMessageStep.run(sc, stepOf({ type: 'send_message', message: { kind: 'media', mediaType: 'document', url: `${files.base}/nada.pdf` } }));
      expect(missing).toMatchObject({ kind: 'branch', path: 'onFailure', detail: { error: expect.stringContaining('HTTP 404') } });
      const template = await sendMessageStep.run(sc, stepOf({ type: 'send_message', message: { kind: 'template', name: 'bienvenida', language: 'es' } }));
      expect(template).toMatchObject({ kind: 'branch', path: 'onFailure', detail: { status: 400, error: expect.stringMatching(/no message templates/) } });

      await http().ok(s.owner, 'POST', `/api/v1/conversations/${s.conversationId}/close`, {});
      const closed = await sendMessageStep.run(await stepContext(t, s), stepOf({ type: 'send_message', message: { kind: 'text', text: 'Hola' } }));
      expect(closed).toMatchObject({ kind: 'branch', path: 'onFailure', detail: { status: 409, error: expect.stringMatching(/closed/) } });
      const alone = await sendMessageStep.run(await stepContext(t, { ...s, conversationId: null }), stepOf({ type: 'send_message', message: { kind: 'text', text: 'Hola' } }));
      expect(alone).toMatchObject({ kind: 'branch', path: 'onFailure', detail: { error: expect.stringMatching(/no conversation/) } });
      expect(await outbound(s)).toEqual([]);
    });
  });

  describe('ask_question', () => {
    const choice = () => stepOf({
      type: 'ask_question', question: '¿Con qué área, {{contact.first_name}}?', kind: 'choice', timeoutMinutes: 30,
      choices: [{ id: 'ventas', label: 'Ventas' }, { id: 'soporte', label: 'Soporte técnico' }], saveTo: { variable: 'area' },
    });

    it('asks with the choices as buttons and waits for the answer until the time-out', async () => {
      const s = await scene();
      const sc = await stepContext(t, s);
      const result = await askQuestionStep.run(sc, choice());
      expect(result).toEqual({ kind: 'wait', for: 'answer', until: new Date(sc.now.getTime() + 30 * MINUTE), state: { attempts: 0, until: new Date(sc.now.getTime() + 30 * MINUTE).toISOString() } });
      const [question] = await outbound(s);
      expect(question).toMatchObject({ body: '¿Con qué área, Ana?', meta: { buttons: [{ id: 'ventas', title: 'Ventas' }, { id: 'soporte', title: 'Soporte técnico' }] } });
    });

    it('a tap, a number or the label picks the choice: its steps run and the answer is saved to the variable', async () => {
      const s = await scene();
      const sc = await stepContext(t, s);
      const state = { attempts: 0, until: null };
      expect(await askQuestionStep.resume!(sc, choice(), { kind: 'message', messageId: 1, text: 'Soporte técnico', payload: 'soporte' }, state))
        .toEqual({ kind: 'branch', path: 'choices[1].steps', vars: { area: 'Soporte técnico' }, detail: { answer: 'Soporte técnico', attempts: 0 } });
      expect(await askQuestionStep.resume!(sc, choice(), { kind: 'message', messageId: 2, text: '1' }, state)).toMatchObject({ kind: 'branch', path: 'choices[0].steps', vars: { area: 'Ventas' } });
      expect(await askQuestionStep.resume!(sc, choice(), { kind: 'message', messageId: 3, text: 'soporte tecnico' }, state)).toMatchObject({ path: 'choices[1].steps' });
      expect(await askQuestionStep.resume!(sc, choice(), { kind: 'timer' }, state)).toMatchObject({ kind: 'branch', path: 'onTimeout' });
    });

    it('an invalid answer is asked again with the invalid message until the retries are spent, then onInvalid', async () => {
      const s = await scene();
      await http().ok(s.owner, 'POST', '/api/v1/contact-fields', { key: 'edad', label: 'Edad', type: 'number' });
      const step = stepOf({ type: 'ask_question', question: '¿Cuántos años tienes?', kind: 'number', saveTo: { contactField: 'edad' }, retries: 1, invalidMessage: 'Escríbelo con números, {{contact.first_name}}.' });
      const sc = await stepContext(t, s);
      expect(await askQuestionStep.run(sc, step)).toMatchObject({ kind: 'wait', for: 'answer', until: null, state: { attempts: 0 } });
      const again = await askQuestionStep.resume!(sc, step, { kind: 'message', messageId: 1, text: 'no sé' }, { attempts: 0, until: null });
      expect(again).toMatchObject({ kind: 'wait', for: 'answer', state: { attempts: 1 } });
      expect((await outbound(s)).map((m) => m.body)).toEqual(['¿Cuántos años tienes?', 'Escríbelo con números, Ana.']);
      expect(await askQuestionStep.resume!(sc, step, { kind: 'message', messageId: 2, text: 'muchos' }, { attempts: 1, until: null }))
        .toEqual({ kind: 'branch', path: 'onInvalid', detail: { attempts: 2, answer: 'muchos' } });

      expect(await askQuestionStep.resume!(sc, step, { kind: 'message', messageId: 3, text: 'tengo 34' }, { attempts: 1, until: null })).toMatchObject({ kind: 'next', detail: { answer: 34 } });
      expect((await http().contact(s.owner, s.contactId)).customFields).toEqual({ edad: 34 });
    });

    it('saves an email picked out of a sentence on the contact', async () => {
      const s = await scene();
      const step = stepOf({ type: 'ask_question', question: '¿Tu correo?', kind: 'email', saveTo: { contactField: 'email' } });
      const sc = await stepContext(t, s);
      expect(await askQuestionStep.resume!(sc, step, { kind: 'message', messageId: 1, text: 'es Ana.Diaz@Correo.com gracias' }, { attempts: 0, until: null })).toMatchObject({ kind: 'next' });
      expect((await http().contact(s.owner, s.contactId)).email).toBe('ana.diaz@correo.com');
    });

    it('a date answer goes to a variable as YYYY-MM-DD', async () => {
      const s = await scene();
      const step = stepOf({ type: 'ask_question', question: '¿Qué día?', kind: 'date', saveTo: { variable: 'dia' } });
      const sc = await stepContext(t, s);
      expect(await askQuestionStep.resume!(sc, step, { kind: 'message', messageId: 1, text: '07/02/2026' }, { attempts: 0, until: null })).toMatchObject({ kind: 'next', vars: { dia: '2026-02-07' } });
    });

    it('fails without a conversation to ask in', async () => {
      const s = await scene();
      expect(await askQuestionStep.run(await stepContext(t, { ...s, conversationId: null }), choice())).toMatchObject({ kind: 'fail' });
    });
  });

  describe('add_note', () => {
    it('adds a private note with its variables filled and its mentions', async () => {
      const s = await scene();
      const agent = await createMember(t, s.owner, { role: 'agent', accessLevel: 'all' });
      const step = stepOf({ type: 'add_note', text: 'Revisar a {{contact.name}}: pidió {{vars.tema}}', mentions: [agent.userId] });
      expect(await addNoteStep.run(await stepContext(t, s, { vars: { tema: 'beca' } }), step)).toMatchObject({ kind: 'next', detail: { messageId: expect.any(Number) } });
      const note = (await http().timeline(s.owner, s.conversationId)).find((m) => m.kind === 'note');
      expect(note).toMatchObject({ body: 'Revisar a Ana Díaz: pidió beca', meta: { mentions: [agent.userId] } });
      expect(await outbound(s)).toEqual([]);
    });
  });
});
