import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTelegramFake, type TelegramFake } from '../../../test/fakes/telegram.js';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createMember, createWorkspace, type Session } from '../../../test/fixtures.js';
import { createApiChannel } from '../../../test/channel-fixtures.js';
import { queryRows } from '../../platform/db/db.js';
import { sql } from 'drizzle-orm';

const TOKEN = '7012345678:AAHfakeTelegramBotTokenForTests_0123';

describeEachDriver('connecting a channel to its provider', (driver) => {
  let t: TestApp;
  let owner: Session;
  let tg: TelegramFake;

  const create = (token = TOKEN) =>
    t.server.app.inject({
      method: 'POST', url: '/api/v1/channels', headers: owner.headers,
      payload: { type: 'telegram', name: 'Telegram ventas', config: {}, secrets: { botToken: token } },
    });
  const connectEvents = async () =>
    (await queryRows<{ type: string; payload: Record<string, unknown> }>(t.ctx.db, sql`
      SELECT type, payload FROM events WHERE workspace_id = ${owner.workspaceId} AND type LIKE 'channel.connect%' ORDER BY id`)).map((e) => ({ type: e.type, channelId: e.payload.channelId, error: e.payload.error }));

  beforeAll(async () => {
    tg = await startTelegramFake({ token: TOKEN });
    t = await createTestApp(driver, { env: { TELEGRAM_API_URL: tg.base, PUBLIC_URL: 'https://atiende.example.org' } });
    ({ owner } = await createWorkspace(t));
  });
  afterAll(async () => {
    await t.close();
    await tg.close();
  });

  it('tells Telegram the webhook URL and secret on create, and the new secret after a rotation', async () => {
    const res = await create();
    expect(res.statusCode).toBe(201);
    const { id, secret, connection } = res.json();
    expect(connection).toEqual({ status: 'connected' });
    expect(tg.webhook()).toMatchObject({ url: `https://atiende.example.org/hooks/telegram/${id}`, secretToken: secret });

    const rotated = await t.server.app.inject({ method: 'POST', url: `/api/v1/channels/${id}/rotate-secret`, headers: owner.headers });
    expect(rotated.json().connection).toEqual({ status: 'connected' });
    expect(rotated.json().secret).not.toBe(secret);
    expect(tg.webhook()).toMatchObject({ url: `https://atiende.example.org/hooks/telegram/${id}`, secretToken: rotated.json().secret });
    expect((await connectEvents()).filter((e) => e.channelId === id).map((e) => e.type)).toEqual(['channel.connected', 'channel.connected']);
  });

  it('reports a provider that refuses (a wrong bot token) without losing the channel, and connects on demand later', async () => {
    const res = await create('7012345678:AAHwrongTokenWrongTokenWrongToken_99');
    expect(res.statusCode).toBe(201);
    expect(res.json().connection).toMatchObject({ status: 'failed', error: expect.stringMatching(/Unauthorized|401/) });
    const id = res.json().id;
    expect((await connectEvents()).at(-1)).toMatchObject({ type: 'channel.connect_failed', channelId: id });
    expect((await t.server.app.inject({ method: 'GET', url: `/api/v1/channels/${id}`, headers: owner.headers })).statusCode).toBe(200);

    // The API channel has nothing to register.
    const api = await createApiChannel(t, owner);
    const test = await t.server.app.inject({ method: 'POST', url: `/api/v1/channels/${api.id}/connect`, headers: owner.headers });
    expect(test.json()).toEqual({ status: 'not_needed' });
  });

  it('is for admins of the workspace only', async () => {
    const { id } = (await create()).json();
    const agent = await createMember(t, owner, { role: 'agent', accessLevel: 'all' });
    expect((await t.server.app.inject({ method: 'POST', url: `/api/v1/channels/${id}/connect`, headers: agent.headers })).statusCode).toBe(403);
    const other = await createWorkspace(t);
    expect((await t.server.app.inject({ method: 'POST', url: `/api/v1/channels/${id}/connect`, headers: other.owner.headers })).statusCode).toBe(404);
    expect((await t.server.app.inject({ method: 'POST', url: `/api/v1/channels/${id}/connect`, headers: owner.headers })).json()).toEqual({ status: 'connected' });
  });
});
