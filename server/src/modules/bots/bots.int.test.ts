import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createMember, createWorkspace, eventsOfType, type Session } from '../../../test/fixtures.js';

const DIALOGFLOW_TOKEN = 'ya29.dialogflow-access-token-7f3a9c';
const LLM_KEY = 'sk-llm-api-key-4be1d2a0';
const NEW_LLM_KEY = 'sk-llm-api-key-rotated-99c0';

function multipart(filename: string, contentType: string, content: Buffer) {
  const boundary = '----atiende-bots-test';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describeEachDriver('bots settings API', (driver) => {
  let t: TestApp;
  let ws: { workspaceId: number; owner: Session };
  let other: { workspaceId: number; owner: Session };
  let admin: Session;
  let supervisor: Session;
  let agent: Session;
  const bots: Record<'builtin' | 'webhook' | 'dialogflow' | 'llm', number> = { builtin: 0, webhook: 0, dialogflow: 0, llm: 0 };
  let webhookCredentials: { apiToken: string; signingSecret: string };
  /** Every body the API answered in this file: none may carry a secret. */
  const answered: string[] = [];

  type Who = Session | { headers: Record<string, string> };
  const http = async (who: Who, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) => {
    const res = await t.server.app.inject({ method, url, headers: who.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
    answered.push(res.body);
    return res;
  };
  const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
  const fieldOf = (res: { json(): any }) => res.json().error?.details?.[0]?.field;
  const sealedSecrets = async (botId: number) => {
    const { rows } = await t.ctx.database.executeSql('SELECT secrets_ciphertext FROM bots WHERE id = $1', [botId]);
    return rows[0].secrets_ciphertext === null ? null : t.ctx.secrets.open<Record<string, string>>(rows[0].secrets_ciphertext);
  };
  const upload = async (who: Session) => {
    const file = multipart('horario.png', 'image/png', Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex'));
    const res = await t.server.app.inject({ method: 'POST', url: '/api/v1/attachments', headers: { ...who.headers, ...file.headers }, payload: file.body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };
  const intent = (name: string, examples: string[], answer: object = { text: `Respuesta de ${name}` }, extra: object = {}) => ({ name, examples, answer, ...extra });

  beforeAll(async () => {
    t = await createTestApp(driver);
    ws = await createWorkspace(t, { name: 'Universidad Nueva Esparta' });
    other = await createWorkspace(t, { name: 'Otra' });
    admin = await createMember(t, ws.owner, { role: 'admin', accessLevel: 'all', name: 'Gonzalo Molina' });
    supervisor = await createMember(t, ws.owner, { role: 'supervisor', accessLevel: 'all', name: 'Supervisora' });
    agent = await createMember(t, ws.owner, { role: 'agent', accessLevel: 'all', name: 'Agente' });
  });
  afterAll(() => t.close());

  it('admins create a bot of each kind, with defaults filled in and secrets sealed, never answered', async () => {
    const builtin = await http(admin, 'POST', '/api/v1/bots', { name: 'Eva', kind: 'builtin', settings: { greeting: 'Hola, soy Eva', threshold: 0.4 } });
    expect(builtin.statusCode, builtin.body).toBe(201);
    expect(builtin.json()).toEqual({
      bot: {
        id: expect.any(Number), name: 'Eva', kind: 'builtin', hasSecrets: false, channels: [], intentCount: 0,
        settings: expect.objectContaining({ greeting: 'Hola, soy Eva', threshold: 0.4, maxFailures: 2, collect: [], fallback: expect.stringContaining('No entendí') }),
        createdAt: expect.any(String), updatedAt: expect.any(String),
      },
    });
    bots.builtin = builtin.json().bot.id;
    expect(await sealedSecrets(bots.builtin)).toBeNull();

    const dialogflow = await http(admin, 'POST', '/api/v1/bots', { name: 'Dialogflow', kind: 'dialogflow', settings: { projectId: 'une-agent' }, secrets: { accessToken: DIALOGFLOW_TOKEN } });
    expect(dialogflow.statusCode, dialogflow.body).toBe(201);
    expect(dialogflow.json().bot).toMatchObject({ kind: 'dialogflow', hasSecrets: true, settings: { projectId: 'une-agent', languageCode: 'es', handoffParameter: 'handoff' } });
    bots.dialogflow = dialogflow.json().bot.id;
    expect(await sealedSecrets(bots.dialogflow)).toEqual({ accessToken: DIALOGFLOW_TOKEN });

    const llm = await http(ws.owner, 'POST', '/api/v1/bots', { name: 'Asistente', kind: 'llm', settings: { baseUrl: 'http://127.0.0.1:9/v1', model: 'qwen-7b', instructions: 'Responde breve.' }, secrets: { apiKey: LLM_KEY } });
    expect(llm.statusCode, llm.body).toBe(201);
    expect(llm.json().bot).toMatchObject({ kind: 'llm', hasSecrets: true, settings: { model: 'qwen-7b', instructions: 'Responde breve.' } });
    expect(llm.json()).not.toHaveProperty('credentials');
    bots.llm = llm.json().bot.id;
    expect(await sealedSecrets(bots.llm)).toEqual({ apiKey: LLM_KEY });

    const webhook = await http(admin, 'POST', '/api/v1/bots', { name: 'Rasa', kind: 'webhook', settings: { url: 'https://bots.example.com/atiende' } });
    expect(webhook.statusCode, webhook.body).toBe(201);
    const { bot, credentials } = webhook.json();
    expect(bot).toMatchObject({ kind: 'webhook', hasSecrets: true, settings: { url: 'https://bots.example.com/atiende', answerWithinSeconds: 60 } });
    expect(credentials.apiToken).toMatch(/^atd_/);
    expect(credentials.signingSecret).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
    bots.webhook = bot.id;
    webhookCredentials = credentials;
    expect(await sealedSecrets(bots.webhook)).toEqual({ signingSecret: credentials.signingSecret });
    const { rows: tokens } = await t.ctx.database.executeSql('SELECT name, role, access_level, created_by, revoked_at FROM api_tokens WHERE bot_id = $1', [bots.webhook]);
    expect(tokens).toEqual([{ name: 'Bot: Rasa', role: 'agent', access_level: 'all', created_by: admin.userId, revoked_at: null }]);

    const list = await http(supervisor, 'GET', '/api/v1/bots');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((b: any) => [b.name, b.kind])).toEqual([['Eva', 'builtin'], ['Dialogflow', 'dialogflow'], ['Asistente', 'llm'], ['Rasa', 'webhook']]);
    for (const secret of [DIALOGFLOW_TOKEN, LLM_KEY, credentials.signingSecret]) expect(list.body).not.toContain(secret);
    expect(list.body).not.toContain('ciphertext');
    expect((await http(supervisor, 'GET', `/api/v1/bots/${bots.dialogflow}`)).json()).toMatchObject({ id: bots.dialogflow, hasSecrets: true });

    const created = await eventsOfType(t, ws.workspaceId, 'bot.created');
    expect(created.map((e) => e.payload.bot.name)).toEqual(['Eva', 'Dialogflow', 'Asistente', 'Rasa']);
    expect(created[0]).toMatchObject({ actor_type: 'user', actor_id: admin.userId, payload: { botId: bots.builtin } });
  });

  it('names the invalid field, settings and secrets included', async () => {
    const create = (body: object) => http(admin, 'POST', '/api/v1/bots', body);
    const cases: [object, string][] = [
      [{ name: 'W', kind: 'webhook' }, 'body.settings.url'],
      [{ name: 'W', kind: 'webhook', settings: { url: 'ftp://bots.example.com' } }, 'body.settings.url'],
      [{ name: 'B', kind: 'builtin', settings: { threshold: 2 } }, 'body.settings.threshold'],
      [{ name: 'B', kind: 'builtin', settings: { greting: 'typo' } }, 'body.settings.greting'],
      [{ name: 'B', kind: 'builtin', settings: { collect: [{ field: 'address', prompt: '¿Dirección?' }] } }, 'body.settings.collect.0.field'],
      [{ name: 'D', kind: 'dialogflow', settings: { projectId: 'p' } }, 'body.secrets.accessToken'],
      [{ name: 'D', kind: 'dialogflow', secrets: { accessToken: 'x' } }, 'body.settings.projectId'],
      [{ name: 'L', kind: 'llm', settings: { baseUrl: 'http://127.0.0.1:9/v1', model: 'm' } }, 'body.secrets.apiKey'],
      [{ name: 'L', kind: 'llm', settings: { baseUrl: 'http://127.0.0.1:9/v1', model: 'm' }, secrets: { apiKey: '' } }, 'body.secrets.apiKey'],
      [{ name: 'W', kind: 'webhook', settings: { url: 'https://x.example.com' }, secrets: { signingSecret: 'mine' } }, 'body.secrets.signingSecret'],
      [{ name: 'R', kind: 'rasa' }, 'body.kind'],
      [{ name: '  ', kind: 'builtin' }, 'body.name'],
    ];
    for (const [body, field] of cases) {
      const res = await create(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
      expect(fieldOf(res), JSON.stringify(body)).toBe(field);
    }
    expect((await create({ name: 'B', kind: 'builtin', color: 'red' })).statusCode).toBe(400);
    expect((await http(admin, 'GET', '/api/v1/bots')).json().items).toHaveLength(4);
  });

  it('lets supervisors read bots but not change them, and keeps agents out of both', async () => {
    expect((await http(supervisor, 'POST', '/api/v1/bots', { name: 'X', kind: 'builtin' })).statusCode).toBe(403);
    expect((await http(supervisor, 'PATCH', `/api/v1/bots/${bots.builtin}`, { name: 'X' })).statusCode).toBe(403);
    expect((await http(supervisor, 'DELETE', `/api/v1/bots/${bots.builtin}`)).statusCode).toBe(403);
    expect((await http(supervisor, 'POST', `/api/v1/bots/${bots.webhook}/rotate-credentials`)).statusCode).toBe(403);
    expect((await http(supervisor, 'POST', `/api/v1/bots/${bots.builtin}/intents`, intent('x', ['x']))).statusCode).toBe(403);
    expect((await http(supervisor, 'GET', `/api/v1/bots/${bots.builtin}/intents`)).statusCode).toBe(200);
    for (const [method, url] of [
      ['GET', '/api/v1/bots'], ['GET', `/api/v1/bots/${bots.builtin}`], ['GET', `/api/v1/bots/${bots.builtin}/intents`],
      ['POST', '/api/v1/bots'], ['PATCH', `/api/v1/bots/${bots.builtin}`], ['DELETE', `/api/v1/bots/${bots.builtin}`],
    ] as const) {
      const body = { GET: undefined, DELETE: undefined, POST: { name: 'X', kind: 'builtin' }, PATCH: { name: 'X' } }[method];
      expect((await http(agent, method, url, body)).statusCode, `${method} ${url}`).toBe(403);
    }
    // Another workspace's bots do not exist for this one.
    expect((await http(other.owner, 'GET', `/api/v1/bots/${bots.builtin}`)).statusCode).toBe(404);
    expect((await http(other.owner, 'PATCH', `/api/v1/bots/${bots.builtin}`, { name: 'Mía' })).statusCode).toBe(404);
    expect((await http(other.owner, 'GET', '/api/v1/bots')).json().items).toEqual([]);
  });

  it('gives a webhook bot a token that works on the API as an agent, and rotation revokes the old one', async () => {
    const asBot = bearer(webhookCredentials.apiToken);
    expect((await http(asBot, 'GET', '/api/v1/conversations')).statusCode).toBe(200);
    expect((await http(asBot, 'GET', '/api/v1/bots')).statusCode).toBe(403); // an agent's reach, no settings

    const rotated = await http(admin, 'POST', `/api/v1/bots/${bots.webhook}/rotate-credentials`);
    expect(rotated.statusCode, rotated.body).toBe(200);
    const { bot, credentials } = rotated.json();
    expect(bot).toMatchObject({ id: bots.webhook, hasSecrets: true });
    expect(credentials.apiToken).not.toBe(webhookCredentials.apiToken);
    expect(credentials.signingSecret).not.toBe(webhookCredentials.signingSecret);
    expect((await http(asBot, 'GET', '/api/v1/conversations')).statusCode).toBe(401);
    expect((await http(bearer(credentials.apiToken), 'GET', '/api/v1/conversations')).statusCode).toBe(200);
    expect(await sealedSecrets(bots.webhook)).toEqual({ signingSecret: credentials.signingSecret });
    const { rows } = await t.ctx.database.executeSql('SELECT count(*)::int AS live FROM api_tokens WHERE bot_id = $1 AND revoked_at IS NULL', [bots.webhook]);
    expect(rows[0].live).toBe(1);
    webhookCredentials = credentials;

    expect((await http(admin, 'POST', `/api/v1/bots/${bots.builtin}/rotate-credentials`)).statusCode).toBe(409);
    expect((await http(admin, 'POST', `/api/v1/bots/${bots.llm}/rotate-credentials`)).statusCode).toBe(409);
    expect(await eventsOfType(t, ws.workspaceId, 'bot.credentials_rotated')).toHaveLength(1);
    expect((await eventsOfType(t, ws.workspaceId, 'apitoken.revoked')).map((e) => e.payload.botId)).toEqual([bots.webhook]);
  });

  it('merges settings over the stored ones, replaces secrets only when given, and says what changed', async () => {
    const patched = await http(admin, 'PATCH', `/api/v1/bots/${bots.builtin}`, { settings: { fallback: 'No entendí, ¿puedes repetirlo?' } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().settings).toMatchObject({ fallback: 'No entendí, ¿puedes repetirlo?', greeting: 'Hola, soy Eva', threshold: 0.4 });
    const reset = await http(admin, 'PATCH', `/api/v1/bots/${bots.builtin}`, { settings: { threshold: null } });
    expect(reset.json().settings).toMatchObject({ threshold: 0.5, fallback: 'No entendí, ¿puedes repetirlo?' });
    expect(fieldOf(await http(admin, 'PATCH', `/api/v1/bots/${bots.builtin}`, { settings: { maxFailures: -1 } }))).toBe('body.settings.maxFailures');
    expect(fieldOf(await http(admin, 'PATCH', `/api/v1/bots/${bots.webhook}`, { settings: { url: 'no es una url' } }))).toBe('body.settings.url');

    const before = (await eventsOfType(t, ws.workspaceId, 'bot.updated')).length;
    const unchanged = await http(admin, 'PATCH', `/api/v1/bots/${bots.builtin}`, { name: 'Eva', settings: { threshold: 0.5 } });
    expect(unchanged.statusCode).toBe(200);
    expect(await eventsOfType(t, ws.workspaceId, 'bot.updated')).toHaveLength(before);

    const rekeyed = await http(admin, 'PATCH', `/api/v1/bots/${bots.llm}`, { secrets: { apiKey: NEW_LLM_KEY } });
    expect(rekeyed.statusCode, rekeyed.body).toBe(200);
    expect(rekeyed.body).not.toContain(NEW_LLM_KEY);
    expect(await sealedSecrets(bots.llm)).toEqual({ apiKey: NEW_LLM_KEY });
    const renamed = await http(admin, 'PATCH', `/api/v1/bots/${bots.llm}`, { name: 'Asistente IA' });
    expect(renamed.json()).toMatchObject({ name: 'Asistente IA', hasSecrets: true });
    expect(await sealedSecrets(bots.llm)).toEqual({ apiKey: NEW_LLM_KEY });
    expect(fieldOf(await http(admin, 'PATCH', `/api/v1/bots/${bots.llm}`, { secrets: {} }))).toBe('body.secrets.apiKey');
    expect(fieldOf(await http(admin, 'PATCH', `/api/v1/bots/${bots.webhook}`, { secrets: { signingSecret: 'x' } }))).toBe('body.secrets.signingSecret');
    expect(await sealedSecrets(bots.webhook)).toEqual({ signingSecret: webhookCredentials.signingSecret });
    expect((await http(admin, 'PATCH', `/api/v1/bots/${bots.llm}`, { kind: 'builtin' })).statusCode).toBe(400);

    const updated = await eventsOfType(t, ws.workspaceId, 'bot.updated');
    expect(updated.map((e) => e.payload.changes)).toEqual([['settings'], ['settings'], ['secrets'], ['name']]);
  });

  it('keeps the knowledge matrix: add, change, remove, in order, with files of this workspace only', async () => {
    const url = `/api/v1/bots/${bots.builtin}/intents`;
    const horario = await http(admin, 'POST', url, {
      name: 'Horario',
      examples: [' ¿Cuál es el horario de atención? ', '¿cuál es el horario de atención?', 'A qué hora abren'],
      keywords: ['horario', 'Horario', 'hora'],
      answer: { text: 'Atendemos de lunes a viernes de 8:00 a 17:00.' },
    });
    expect(horario.statusCode, horario.body).toBe(201);
    expect(horario.json()).toMatchObject({
      name: 'Horario', examples: ['¿Cuál es el horario de atención?', 'A qué hora abren'], keywords: ['horario', 'hora'], handoff: false, position: 0,
    });

    const options = [1, 2, 3, 4].map((n) => ({ id: `carrera-${n}`, title: `Carrera ${n}` }));
    expect(fieldOf(await http(admin, 'POST', url, intent('Carreras', ['qué carreras tienen'], { text: 'Elige', buttons: options })))).toBe('body.answer.menu');
    const carreras = await http(admin, 'POST', url, intent('Carreras', ['qué carreras tienen', 'oferta académica'], { text: 'Elige una carrera', buttons: options, menu: true }));
    expect(carreras.statusCode, carreras.body).toBe(201);
    expect(carreras.json()).toMatchObject({ position: 1, answer: { buttons: options, menu: true } });

    const invalid: [object, string][] = [
      [intent('Vacío', []), 'body.examples'],
      [intent('Blanco', ['   ']), 'body.examples.0'],
      [intent('Sin texto', ['hola'], { text: ' ' }), 'body.answer.text'],
      [intent('Largo', ['hola'], { text: 'x', buttons: [{ id: 'a', title: 'Un título demasiado largo' }] }), 'body.answer.buttons.0.title'],
      [intent('Repetido', ['hola'], { text: 'x', buttons: [{ id: 'a', title: 'A' }, { id: 'a', title: 'B' }] }), 'body.answer.buttons.1.id'],
      [intent('Muchos', Array.from({ length: 101 }, (_, i) => `ejemplo ${i}`)), 'body.examples'],
      [{ ...intent('Claves', ['hola']), keywords: Array.from({ length: 51 }, (_, i) => `k${i}`) }, 'body.keywords'],
      [intent('', ['hola']), 'body.name'],
      [intent('Archivo', ['hola'], { text: 'x', attachmentId: 999_999 }), 'body.answer.attachmentId'],
    ];
    for (const [body, field] of invalid) expect(fieldOf(await http(admin, 'POST', url, body)), field).toBe(field);

    const ours = await upload(admin);
    const theirs = await upload(other.owner);
    expect(fieldOf(await http(admin, 'POST', url, intent('Mapa', ['dónde quedan'], { text: 'Aquí', attachmentId: theirs })))).toBe('body.answer.attachmentId');
    const mapa = await http(admin, 'POST', url, intent('Mapa', ['dónde quedan', 'dirección de la sede'], { text: 'Estamos en Los Naranjos.', attachmentId: ours }));
    expect(mapa.statusCode, mapa.body).toBe(201);
    expect(mapa.json()).toMatchObject({ position: 2, answer: { attachmentId: ours } });

    const changed = await http(admin, 'PATCH', `${url}/${carreras.json().id}`, { handoff: true, answer: { text: 'Te paso con admisiones' } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ name: 'Carreras', examples: ['qué carreras tienen', 'oferta académica'], handoff: true, answer: { text: 'Te paso con admisiones' } });
    expect(changed.json().answer).not.toHaveProperty('buttons');
    expect(fieldOf(await http(admin, 'PATCH', `${url}/${mapa.json().id}`, { answer: { text: 'x', attachmentId: theirs } }))).toBe('body.answer.attachmentId');
    expect((await http(admin, 'PATCH', `/api/v1/bots/${bots.llm}/intents/${mapa.json().id}`, { name: 'x' })).statusCode).toBe(404);

    const listed = await http(supervisor, 'GET', url);
    expect(listed.json().items.map((i: any) => [i.name, i.position])).toEqual([['Horario', 0], ['Carreras', 1], ['Mapa', 2]]);
    expect((await http(supervisor, 'GET', `/api/v1/bots/${bots.builtin}`)).json().intentCount).toBe(3);

    expect((await http(admin, 'DELETE', `${url}/${mapa.json().id}`)).json()).toEqual({ id: mapa.json().id, deleted: true });
    expect((await http(admin, 'DELETE', `${url}/${mapa.json().id}`)).statusCode).toBe(404);
    expect((await http(admin, 'GET', url)).json().items.map((i: any) => i.name)).toEqual(['Horario', 'Carreras']);

    // An LLM reads the matrix too; the remote kinds have none.
    expect((await http(admin, 'POST', `/api/v1/bots/${bots.llm}/intents`, intent('Precios', ['cuánto cuesta']))).statusCode).toBe(201);
    for (const kind of ['webhook', 'dialogflow'] as const) {
      expect((await http(admin, 'POST', `/api/v1/bots/${bots[kind]}/intents`, intent('x', ['x']))).statusCode).toBe(409);
      expect((await http(admin, 'GET', `/api/v1/bots/${bots[kind]}/intents`)).statusCode).toBe(409);
    }

    const changes = await eventsOfType(t, ws.workspaceId, 'bot.intents_changed');
    expect(changes.map((e) => e.payload)).toEqual([
      { botId: bots.builtin, count: 1 }, { botId: bots.builtin, count: 2 }, { botId: bots.builtin, count: 3 },
      { botId: bots.builtin, count: 3 }, { botId: bots.builtin, count: 2 }, { botId: bots.llm, count: 1 },
    ]);
  });

  it('replaces the whole matrix from its own export, all or nothing', async () => {
    const url = `/api/v1/bots/${bots.builtin}/intents`;
    const exported = (await http(admin, 'GET', url)).json().items;
    const replaced = await http(admin, 'PUT', url, {
      items: [intent('Agente', ['quiero hablar con un agente', 'hablar con una persona'], { text: 'Claro.' }, { handoff: true, keywords: ['agente'] }), ...exported.reverse()],
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json().items.map((i: any) => [i.name, i.position, i.handoff])).toEqual([['Agente', 0, true], ['Carreras', 1, true], ['Horario', 2, false]]);
    expect(replaced.json().items.some((i: any) => exported.some((e: any) => e.id === i.id))).toBe(false);
    const current = (await http(admin, 'GET', url)).json();
    expect(current).toEqual(replaced.json());

    const broken = await http(admin, 'PUT', url, { items: [intent('Bien', ['hola']), intent('Mal', [])] });
    expect(fieldOf(broken)).toBe('body.items.1.examples');
    const theirs = await upload(other.owner);
    const foreign = await http(admin, 'PUT', url, { items: [intent('A', ['a']), intent('B', ['b']), intent('C', ['c'], { text: 'c', attachmentId: theirs })] });
    expect(fieldOf(foreign)).toBe('body.items.2.answer.attachmentId');
    expect(fieldOf(await http(admin, 'PUT', url, { items: Array.from({ length: 501 }, (_, i) => intent(`i${i}`, [`e${i}`])) }))).toBe('body.items');
    expect((await http(admin, 'GET', url)).json()).toEqual(current);

    const many = await http(admin, 'PUT', `/api/v1/bots/${bots.llm}/intents`, { items: Array.from({ length: 500 }, (_, i) => intent(`Tema ${i}`, [`pregunta número ${i}`])) });
    expect(many.statusCode).toBe(200);
    expect(many.json().items.map((i: any) => i.position)).toEqual(Array.from({ length: 500 }, (_, i) => i));
    expect((await http(admin, 'PUT', `/api/v1/bots/${bots.llm}/intents`, { items: [] })).json().items).toEqual([]);
    expect((await eventsOfType(t, ws.workspaceId, 'bot.intents_changed')).slice(-3).map((e) => e.payload)).toEqual([
      { botId: bots.builtin, count: 3 }, { botId: bots.llm, count: 500 }, { botId: bots.llm, count: 0 },
    ]);
  });

  it('tries the built-in bot against its matrix without writing anything', async () => {
    const url = `/api/v1/bots/${bots.builtin}/try`;
    const { rows: [before] } = await t.ctx.database.executeSql('SELECT (SELECT count(*)::int FROM events) AS events, (SELECT count(*)::int FROM bot_turns) AS turns');

    const matched = await http(admin, 'POST', url, { text: '¿a qué hora abren?' });
    expect(matched.statusCode, matched.body).toBe(200);
    expect(matched.json()).toMatchObject({
      outcome: 'answered', handoff: null, intent: { name: 'Horario', confidence: expect.any(Number) },
      replies: [{ text: 'Atendemos de lunes a viernes de 8:00 a 17:00.' }],
    });
    expect(matched.json().replies).toHaveLength(1); // not the first message, contact known: no greeting, no questions

    const handoff = (await http(admin, 'POST', url, { text: 'quiero hablar con un agente por favor' })).json();
    expect(handoff).toMatchObject({ outcome: 'handoff', handoff: { reason: 'requested' }, intent: { name: 'Agente' } });
    expect(handoff.replies[0].text).toBe('Claro.');

    const fallback = (await http(admin, 'POST', url, { text: 'zxqw plmk vbnr' })).json();
    expect(fallback).toMatchObject({ outcome: 'fallback', handoff: null, replies: [{ text: 'No entendí, ¿puedes repetirlo?' }] });

    const horarioId = (await http(admin, 'GET', `/api/v1/bots/${bots.builtin}/intents`)).json().items.find((i: any) => i.name === 'Horario').id;
    const tapped = (await http(admin, 'POST', url, { text: 'Ver horario', payload: String(horarioId) })).json();
    expect(tapped).toMatchObject({ outcome: 'answered', intent: { id: horarioId, name: 'Horario', confidence: 1 } });

    const { rows: [after] } = await t.ctx.database.executeSql('SELECT (SELECT count(*)::int FROM events) AS events, (SELECT count(*)::int FROM bot_turns) AS turns');
    expect(after).toEqual(before);

    expect(fieldOf(await http(admin, 'POST', url, { text: '' }))).toBe('body.text');
    expect((await http(admin, 'POST', `/api/v1/bots/${bots.llm}/try`, { text: 'hola' })).statusCode).toBe(409);
    expect((await http(supervisor, 'POST', url, { text: 'hola' })).statusCode).toBe(403);
  });

  it('points a channel at a bot, validates it, and clears it when the bot is deleted', async () => {
    const channelBody = (botId?: number | null) => ({ type: 'api', name: 'Integración', config: { outboundUrl: 'http://127.0.0.1:9/unused' }, botEnabled: true, ...(botId === undefined ? {} : { botId }) });
    const otherBot = (await http(other.owner, 'POST', '/api/v1/bots', { name: 'Ajeno', kind: 'builtin' })).json().bot.id;
    expect(fieldOf(await http(admin, 'POST', '/api/v1/channels', channelBody(otherBot)))).toBe('body.botId');

    const created = await http(admin, 'POST', '/api/v1/channels', channelBody(bots.webhook));
    expect(created.statusCode, created.body).toBe(201);
    const channelId = created.json().id;
    expect(created.json().botId).toBe(bots.webhook);
    const plain = await http(admin, 'POST', '/api/v1/channels', channelBody());
    expect(plain.json().botId).toBeNull();

    expect((await http(supervisor, 'GET', `/api/v1/bots/${bots.webhook}`)).json().channels).toEqual([{ id: channelId, name: 'Integración', botEnabled: true }]);
    const listed = (await http(supervisor, 'GET', '/api/v1/bots')).json().items;
    expect(listed.find((b: any) => b.id === bots.builtin).channels).toEqual([]);

    expect(fieldOf(await http(admin, 'PATCH', `/api/v1/channels/${channelId}`, { botId: otherBot }))).toBe('body.botId');
    expect(fieldOf(await http(admin, 'PATCH', `/api/v1/channels/${channelId}`, { botId: 'uno' }))).toBe('body.botId');
    const moved = await http(admin, 'PATCH', `/api/v1/channels/${channelId}`, { botId: bots.builtin });
    expect(moved.json().botId).toBe(bots.builtin);
    const cleared = await http(admin, 'PATCH', `/api/v1/channels/${channelId}`, { botId: null });
    expect(cleared.json().botId).toBeNull();
    const channelUpdates = await eventsOfType(t, ws.workspaceId, 'channel.updated');
    expect(channelUpdates.slice(-2).map((e) => e.payload.changes)).toEqual([['botId'], ['botId']]);

    await http(admin, 'PATCH', `/api/v1/channels/${channelId}`, { botId: bots.webhook });
    const removed = await http(admin, 'DELETE', `/api/v1/bots/${bots.webhook}`);
    expect(removed.json()).toEqual({ id: bots.webhook, deleted: true });
    expect((await http(admin, 'GET', `/api/v1/bots/${bots.webhook}`)).statusCode).toBe(404);
    expect((await http(admin, 'DELETE', `/api/v1/bots/${bots.webhook}`)).statusCode).toBe(404);
    expect((await http(admin, 'GET', `/api/v1/channels/${channelId}`)).json().botId).toBeNull();
    expect((await http(bearer(webhookCredentials.apiToken), 'GET', '/api/v1/conversations')).statusCode).toBe(401);
    // The log says the tokens were revoked (rotation, then deletion), though the rows go with the bot (api_tokens.bot_id cascades).
    expect((await eventsOfType(t, ws.workspaceId, 'apitoken.revoked')).map((e) => e.payload.botId)).toEqual([bots.webhook, bots.webhook]);
    const deleted = await eventsOfType(t, ws.workspaceId, 'bot.deleted');
    expect(deleted.map((e) => e.payload)).toEqual([{ botId: bots.webhook, bot: expect.objectContaining({ name: 'Rasa', channels: [{ id: channelId, name: 'Integración', botEnabled: true }] }) }]);

    // A bot with a matrix goes with it.
    expect((await http(admin, 'DELETE', `/api/v1/bots/${bots.builtin}`)).statusCode).toBe(200);
    const { rows } = await t.ctx.database.executeSql('SELECT count(*)::int AS n FROM bot_intents WHERE bot_id = $1', [bots.builtin]);
    expect(rows[0].n).toBe(0);
  });

  it('documents the routes in the OpenAPI document', async () => {
    const doc = (await http(admin, 'GET', '/api/docs/json')).json();
    for (const path of ['/api/v1/bots', '/api/v1/bots/{id}', '/api/v1/bots/{id}/rotate-credentials', '/api/v1/bots/{id}/intents', '/api/v1/bots/{id}/intents/{intentId}', '/api/v1/bots/{id}/try']) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    expect(Object.keys(doc.paths['/api/v1/bots/{id}/intents'])).toEqual(expect.arrayContaining(['get', 'post', 'put']));
    expect(doc.paths['/api/v1/channels'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('botId');
  });

  it('never answered or logged a secret', async () => {
    const secrets = [DIALOGFLOW_TOKEN, LLM_KEY, NEW_LLM_KEY];
    for (const body of answered) for (const secret of secrets) expect(body).not.toContain(secret);
    const { rows } = await t.ctx.database.executeSql('SELECT payload::text AS payload FROM events WHERE workspace_id = $1', [ws.workspaceId]);
    for (const { payload } of rows) for (const secret of [...secrets, webhookCredentials.signingSecret, webhookCredentials.apiToken]) expect(payload ?? '').not.toContain(secret);
  });
});
