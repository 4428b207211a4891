import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../../test/harness.js';
import type { Session } from '../../../../test/fixtures.js';
import type { ApiChannel } from '../../../../test/channel-fixtures.js';
import { bearerOf, startHttpFake, type FakeRequest } from '../../../../test/fakes/http-fake.js';
import { ManualClock } from '../../../platform/clock.js';
import { MINUTE, WEDNESDAY_AFTERNOON, templateScene } from './__fixtures__/template-scene.js';

const CRM_KEY = 'clave-del-crm-de-prueba';

/** The CRM's lead endpoint: it keeps each lead it is sent (with a valid key) and answers with the id it gave it. */
async function startCrm() {
  const leads: Array<{ id: string; body: Record<string, unknown> }> = [];
  let failNext = false;
  const fake = await startHttpFake((req: FakeRequest) => {
    if (req.method !== 'POST' || req.path !== '/api/leads') return { status: 404, body: { error: 'not found' } };
    if (bearerOf(req.headers) !== CRM_KEY) return { status: 401, body: { error: 'bad key' } };
    if (failNext) {
      failNext = false;
      return { status: 503, body: { error: 'mantenimiento' } };
    }
    const id = `lead-${leads.length + 1}`;
    leads.push({ id, body: req.json as Record<string, unknown> });
    return { status: 201, body: { data: { id } } };
  });
  return { url: `${fake.base}/api/leads`, leads, failNextUpload: () => (failNext = true), close: fake.close };
}

/** Seed 000's "INGRESO A CRM": the three templates of the hand-off, published together in one workspace. */
describeEachDriver('the CRM hand-off templates run end to end', (driver) => {
  let t: TestApp;
  let crm: Awaited<ReturnType<typeof startCrm>>;
  const clock = new ManualClock(WEDNESDAY_AFTERNOON);
  const s = templateScene(() => t, clock);

  beforeAll(async () => {
    crm = await startCrm();
    t = await createTestApp(driver, { clock, env: { WORKFLOW_HTTP_ALLOW_PRIVATE: 'true' } });
  });
  beforeEach(() => clock.set(WEDNESDAY_AFTERNOON));
  afterAll(async () => {
    await t?.close();
    await crm?.close();
  });

  /** The fields and tags the hand-off uses, created as an admin would before publishing; then the three templates. */
  async function setUp() {
    const owner = await s.workspace();
    await s.ok(owner, 'POST', '/api/v1/contact-fields', { key: 'crm_id', label: 'ID en el CRM', type: 'text' });
    await s.ok(owner, 'POST', '/api/v1/contact-fields', { key: 'subir_a_crm_manualmente', label: '¿Subir a CRM manualmente?', type: 'select', options: ['sí', 'no'] });
    await s.ok(owner, 'POST', '/api/v1/tags', { name: 'bienvenida' });
    const channel = await s.channel(owner);
    const settings = { crm: { url: crm.url, key: CRM_KEY } };
    const workflows = {
      afterClose: await s.fromTemplate(owner, 'crm-handoff-after-close', settings),
      tagAdded: await s.fromTemplate(owner, 'crm-handoff-tag-added', settings),
      fieldSet: await s.fromTemplate(owner, 'crm-handoff-field-set', settings),
    };
    return { owner, channel, workflows };
  }

  /** A customer's conversation, answered and closed by the owner; tagged "bienvenida" (a welcome event) when asked. */
  async function closedConversation(owner: Session, channel: ApiChannel, who: string, opts: { welcome: boolean }) {
    const id = await s.writes(channel, 'Hola, quiero información de los cursos', who);
    await s.ok(owner, 'POST', `/api/v1/conversations/${id}/take`);
    if (opts.welcome) await s.ok(owner, 'POST', `/api/v1/conversations/${id}/tags`, { add: ['bienvenida'] });
    await s.ok(owner, 'POST', `/api/v1/conversations/${id}/close`, {});
    return id;
  }

  const leadsOf = (name: string) => crm.leads.filter((l) => l.body.name === name).map((l) => l.body);
  const crmIdOf = (name: string) => crm.leads.find((l) => l.body.name === name)?.id;
  const newContact = async (owner: Session, body: Record<string, unknown>): Promise<number> => (await s.ok(owner, 'POST', '/api/v1/contacts', body)).id;

  it('after-close: an hour after a welcome conversation closes, it tags the contact, asks for the missing phone and email, uploads the contact and closes again', async () => {
    const { owner, channel, workflows } = await setUp();
    const id = await closedConversation(owner, channel, 'crm-1', { welcome: true });
    const contactId = await s.contactOf(owner, id);
    const [run] = await s.settledRuns(owner, workflows.afterClose, id);
    expect(run.status).toBe('waiting');

    await s.advance(59 * MINUTE);
    expect(await s.sent(owner, id)).toEqual([]);
    await s.advance(2 * MINUTE);
    expect((await s.contact(owner, contactId)).tags).toEqual(['admision y ventas']);
    expect(await s.conversation(owner, id)).toMatchObject({ status: 'open', assignee: { id: owner.userId } });
    expect(await s.sent(owner, id)).toEqual(['Ana, para que un asesor de admisión te contacte, ¿nos indicas tu número de teléfono?']);

    await s.writes(channel, 'no tengo', 'crm-1');
    await expect.poll(async () => (await s.sent(owner, id)).at(-1)).toBe('Ese número no parece válido; escríbelo con el código de país, por ejemplo +58 412 1234567.');
    await s.writes(channel, 'Es el +58 412 1234567', 'crm-1');
    await expect.poll(async () => (await s.sent(owner, id)).at(-1)).toBe('¿Y tu correo electrónico? Así te enviamos la información de los cursos.');
    await s.writes(channel, 'ana.diaz@correo.com', 'crm-1');
    await expect.poll(async () => (await s.conversation(owner, id)).status).toBe('closed');

    expect(leadsOf('Ana Díaz')).toEqual([{ name: 'Ana Díaz', phone: '+584121234567', email: 'ana.diaz@correo.com', conversation: id, tags: ['admision y ventas'] }]);
    expect(await s.contact(owner, contactId)).toMatchObject({ phone: '+584121234567', email: 'ana.diaz@correo.com', customFields: { crm_id: crmIdOf('Ana Díaz') }, tags: ['admision y ventas'] });
    expect(await s.log(owner, run.id)).toMatchObject({
      status: 'completed',
      steps: [
        ['wait-an-hour', 'waiting'], ['wait-an-hour', 'ok'], ['had-welcome', 'branch'], ['tag-lead', 'ok'],
        ['missing-phone', 'branch'], ['reopen-to-ask-phone', 'ok'], ['ask-phone', 'waiting'], ['ask-phone', 'waiting'], ['ask-phone', 'ok'],
        ['missing-email', 'branch'], ['reopen-to-ask-email', 'ok'], ['ask-email', 'waiting'], ['ask-email', 'ok'],
        ['upload-to-crm', 'ok'], ['save-crm-id', 'ok'], ['close-again', 'ok'],
      ],
      vars: { crm_id: crmIdOf('Ana Díaz') },
    });
    // The workflow tagged the contact and wrote its fields: neither the tag's hand-off nor the field's starts a second one.
    expect(await s.runs(owner, workflows.tagAdded)).toEqual([]);
    expect(await s.runs(owner, workflows.fieldSet)).toEqual([]);
  });

  it('after-close: a conversation without the welcome tag is left alone; a contact with phone and email is uploaded without a word', async () => {
    const { owner, channel, workflows } = await setUp();
    const plain = await closedConversation(owner, channel, 'crm-2', { welcome: false });
    const known = await closedConversation(owner, channel, 'crm-3', { welcome: true });
    const knownContact = await s.contactOf(owner, known);
    await s.ok(owner, 'PATCH', `/api/v1/contacts/${knownContact}`, { name: 'Bruno Silva', phone: '+58 414 7654321', email: 'bruno@correo.com' });
    const [plainRun] = await s.settledRuns(owner, workflows.afterClose, plain);
    const [knownRun] = await s.settledRuns(owner, workflows.afterClose, known);
    await s.advance(61 * MINUTE);

    expect(await s.log(owner, plainRun.id)).toMatchObject({ status: 'completed', steps: [['wait-an-hour', 'waiting'], ['wait-an-hour', 'ok'], ['had-welcome', 'branch']] });
    expect((await s.contact(owner, await s.contactOf(owner, plain))).tags).toEqual([]);
    expect(await s.conversation(owner, plain)).toMatchObject({ status: 'closed' });

    expect(await s.log(owner, knownRun.id)).toMatchObject({
      status: 'completed',
      steps: [
        ['wait-an-hour', 'waiting'], ['wait-an-hour', 'ok'], ['had-welcome', 'branch'], ['tag-lead', 'ok'],
        ['missing-phone', 'branch'], ['missing-email', 'branch'], ['upload-to-crm', 'ok'], ['save-crm-id', 'ok'], ['close-again', 'ok'],
      ],
    });
    expect(leadsOf('Bruno Silva')).toMatchObject([{ phone: '+584147654321', email: 'bruno@correo.com', conversation: known }]);
    expect(await s.conversation(owner, known)).toMatchObject({ status: 'closed' });
    for (const id of [plain, known]) expect(await s.sent(owner, id)).toEqual([]);
  });

  it('after-close: when the CRM fails, the contact is tagged pending and a note asks the team to upload it by hand', async () => {
    const { owner, channel, workflows } = await setUp();
    const id = await closedConversation(owner, channel, 'crm-4', { welcome: true });
    const contactId = await s.contactOf(owner, id);
    await s.ok(owner, 'PATCH', `/api/v1/contacts/${contactId}`, { name: 'Carmen Ruiz', phone: '+58 416 5550000', email: 'carmen@correo.com' });
    const [run] = await s.settledRuns(owner, workflows.afterClose, id);
    crm.failNextUpload();
    await s.advance(61 * MINUTE);

    expect(await s.log(owner, run.id)).toMatchObject({
      status: 'completed',
      steps: [
        ['wait-an-hour', 'waiting'], ['wait-an-hour', 'ok'], ['had-welcome', 'branch'], ['tag-lead', 'ok'], ['missing-phone', 'branch'],
        ['missing-email', 'branch'], ['upload-to-crm', 'branch'], ['tag-pending', 'ok'], ['note-upload-failed', 'ok'], ['end-upload-failed', 'ok'],
      ],
    });
    expect(await s.notes(owner, id)).toEqual(['La carga al CRM de Carmen Ruiz falló: súbelo a mano con el snippet y la encuesta.']);
    expect(await s.contact(owner, contactId)).toMatchObject({ tags: ['admision y ventas', 'crm pendiente'], customFields: {} });
    expect(leadsOf('Carmen Ruiz')).toEqual([]);
  });

  it('tag-added: an agent tagging a contact uploads it once; one without phone or email is asked in their conversation first', async () => {
    const { owner, channel, workflows } = await setUp();
    const diana = await newContact(owner, { name: 'Diana Mora', phone: '+58 412 5551111', email: 'diana@correo.com' });
    await s.ok(owner, 'POST', `/api/v1/contacts/${diana}/tags`, { tags: ['admision y ventas'] });
    const [run] = await s.settledRuns(owner, workflows.tagAdded, null);
    expect(await s.log(owner, run.id)).toMatchObject({
      status: 'completed',
      steps: [['missing-phone', 'branch'], ['missing-email', 'branch'], ['upload-to-crm', 'ok'], ['save-crm-id', 'ok']],
    });
    expect(leadsOf('Diana Mora')).toEqual([{ name: 'Diana Mora', phone: '+584125551111', email: 'diana@correo.com', conversation: '', tags: ['admision y ventas'] }]);
    expect((await s.contact(owner, diana)).customFields).toEqual({ crm_id: crmIdOf('Diana Mora') });

    // Already in the CRM: tagging again starts nothing.
    await s.ok(owner, 'DELETE', `/api/v1/contacts/${diana}/tags/${encodeURIComponent('admision y ventas')}`);
    await s.ok(owner, 'POST', `/api/v1/contacts/${diana}/tags`, { tags: ['admision y ventas'] });
    await s.ok(owner, 'GET', '/api/v1/conversations'); // a request later, the workflows have had their turn
    expect(await s.runs(owner, workflows.tagAdded)).toHaveLength(1);

    const id = await s.writes(channel, 'Hola, me interesa la maestría', 'crm-5');
    const eduardo = await s.contactOf(owner, id);
    await s.ok(owner, 'PATCH', `/api/v1/contacts/${eduardo}`, { name: 'Eduardo León' });
    await s.ok(owner, 'POST', `/api/v1/contacts/${eduardo}/tags`, { tags: ['admision y ventas'] });
    await expect.poll(() => s.sent(owner, id)).toEqual(['Eduardo, para que un asesor de admisión te contacte, ¿nos indicas tu número de teléfono?']);
    await s.writes(channel, '+58 424 5553333', 'crm-5');
    await expect.poll(async () => (await s.sent(owner, id)).at(-1)).toBe('¿Y tu correo electrónico? Así te enviamos la información de los cursos.');
    await s.writes(channel, 'eduardo@correo.com', 'crm-5');
    const [asked] = await s.finishedRuns(owner, workflows.tagAdded, id);
    expect(await s.log(owner, asked.id)).toMatchObject({
      status: 'completed',
      steps: [
        ['missing-phone', 'branch'], ['reopen-to-ask-phone', 'ok'], ['ask-phone', 'waiting'], ['ask-phone', 'ok'],
        ['missing-email', 'branch'], ['reopen-to-ask-email', 'ok'], ['ask-email', 'waiting'], ['ask-email', 'ok'],
        ['upload-to-crm', 'ok'], ['save-crm-id', 'ok'],
      ],
    });
    expect(leadsOf('Eduardo León')).toEqual([{ name: 'Eduardo León', phone: '+584245553333', email: 'eduardo@correo.com', conversation: id, tags: ['admision y ventas'] }]);
    expect(await s.contact(owner, eduardo)).toMatchObject({ customFields: { crm_id: crmIdOf('Eduardo León') }, tags: ['admision y ventas'] });
    expect(await s.conversation(owner, id)).toMatchObject({ status: 'queued' });
  });

  it('tag-added: when the CRM fails, the contact is tagged pending and a note in their conversation asks the team to upload it by hand', async () => {
    const { owner, channel, workflows } = await setUp();
    const id = await s.writes(channel, 'Hola', 'crm-6');
    const gabriela = await s.contactOf(owner, id);
    await s.ok(owner, 'PATCH', `/api/v1/contacts/${gabriela}`, { name: 'Gabriela Paz', phone: '+58 412 5554444', email: 'gabriela@correo.com' });
    crm.failNextUpload();
    await s.ok(owner, 'POST', `/api/v1/contacts/${gabriela}/tags`, { tags: ['admision y ventas'] });
    const [run] = await s.settledRuns(owner, workflows.tagAdded, id);
    expect(await s.log(owner, run.id)).toMatchObject({
      status: 'completed',
      steps: [['missing-phone', 'branch'], ['missing-email', 'branch'], ['upload-to-crm', 'branch'], ['tag-pending', 'ok'], ['note-upload-failed', 'ok'], ['end-upload-failed', 'ok']],
    });
    expect(await s.contact(owner, gabriela)).toMatchObject({ tags: ['admision y ventas', 'crm pendiente'], customFields: {} });
    expect(await s.notes(owner, id)).toEqual(['La carga al CRM de Gabriela Paz falló: súbelo a mano con el snippet y la encuesta.']);
    expect(await s.sent(owner, id)).toEqual([]);
  });

  it('field-set: an agent setting «¿subir a CRM manualmente?» to sí uploads the contact at once; no, or a contact already in the CRM, does nothing', async () => {
    const { owner, workflows } = await setUp();
    const felipe = await newContact(owner, { name: 'Felipe Castro', email: 'felipe@correo.com' });
    const setManual = (value: string) => s.ok(owner, 'PATCH', `/api/v1/contacts/${felipe}`, { customFields: { subir_a_crm_manualmente: value } });
    await setManual('no');
    await s.ok(owner, 'GET', '/api/v1/conversations');
    expect(await s.runs(owner, workflows.fieldSet)).toEqual([]);

    await setManual('sí');
    const [run] = await s.settledRuns(owner, workflows.fieldSet, null);
    expect((await s.contact(owner, felipe)).customFields).toEqual({ subir_a_crm_manualmente: 'sí', crm_id: crmIdOf('Felipe Castro') });
    expect(await s.log(owner, run.id)).toMatchObject({ status: 'completed', steps: [['upload-to-crm', 'ok'], ['save-crm-id', 'ok']] });
    expect(leadsOf('Felipe Castro')).toEqual([{ name: 'Felipe Castro', phone: null, email: 'felipe@correo.com', conversation: '', tags: [] }]);

    await setManual('no');
    await setManual('sí');
    await s.ok(owner, 'GET', '/api/v1/conversations');
    expect(await s.runs(owner, workflows.fieldSet)).toHaveLength(1);
    expect(await s.runs(owner, workflows.tagAdded)).toEqual([]);
  });
});
