import crypto from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTwilioFake, type TwilioFake } from '../../../../test/fakes/twilio.js';
import { startVonageFake, type VonageFake } from '../../../../test/fakes/vonage.js';
import { startMessageBirdFake, type MessageBirdFake } from '../../../../test/fakes/messagebird.js';
import { createTestApp, describeEachDriver, type TestApp } from '../../../../test/harness.js';
import { createWorkspace, type Session } from '../../../../test/fixtures.js';
import { MESSAGEBIRD, TWILIO_ACCOUNT, TWILIO_TOKEN, VONAGE_APP } from '../../../../test/sms-fixtures.js';
import { queryRows } from '../../../platform/db/db.js';

/** "Test connection" of the SMS channels (and WhatsApp through Twilio): each provider is asked with the channel's credentials. */
describeEachDriver('sms channels: test connection', (driver) => {
  let t: TestApp;
  let owner: Session;
  let twilio: TwilioFake;
  let vonage: VonageFake;
  let messagebird: MessageBirdFake;
  const otherKey = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

  const create = async (type: string, config: Record<string, unknown>, secrets: Record<string, string>) => {
    const res = await t.server.app.inject({ method: 'POST', url: '/api/v1/channels', headers: owner.headers, payload: { type, name: `${type} ${crypto.randomUUID()}`, config, secrets } });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: number; connection: { status: string; error?: string } };
  };
  const connect = async (id: number) => {
    const res = await t.server.app.inject({ method: 'POST', url: `/api/v1/channels/${id}/connect`, headers: owner.headers });
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const failures = async (id: number) =>
    (await queryRows<{ error: string }>(t.ctx.db, sql`SELECT payload->>'error' AS error FROM events WHERE type = 'channel.connect_failed' AND (payload->>'channelId')::bigint = ${id}`)).map((e) => e.error);

  beforeAll(async () => {
    twilio = await startTwilioFake({ accountSid: TWILIO_ACCOUNT, authToken: TWILIO_TOKEN, statusCallbacks: false });
    vonage = await startVonageFake({ applicationId: VONAGE_APP.applicationId, publicKey: VONAGE_APP.publicKey, signatureSecret: VONAGE_APP.signatureSecret });
    messagebird = await startMessageBirdFake({ accessKey: MESSAGEBIRD.accessKey, signingKey: MESSAGEBIRD.signingKey, channelId: MESSAGEBIRD.channelId });
    t = await createTestApp(driver, { env: { TWILIO_API_URL: twilio.base, VONAGE_API_URL: vonage.base, MESSAGEBIRD_API_URL: messagebird.base } });
    ({ owner } = await createWorkspace(t));
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all([twilio?.close(), vonage?.close(), messagebird?.close()]);
  });

  it('Twilio (SMS and WhatsApp): the account answers with the right token; a wrong one is a failed connection that says so', async () => {
    for (const type of ['twilio', 'twilio_whatsapp']) {
      const good = await create(type, { accountSid: TWILIO_ACCOUNT, from: twilio.number }, { authToken: TWILIO_TOKEN });
      expect(good.connection).toEqual({ status: 'connected' });
      expect(await connect(good.id)).toEqual({ status: 'connected' });
      const bad = await create(type, { accountSid: TWILIO_ACCOUNT, from: twilio.number }, { authToken: 'd4'.repeat(16) });
      const expected = { status: 'failed', error: `Twilio refused the Account SID ${TWILIO_ACCOUNT} with this auth token (20003: Authenticate)` };
      expect(bad.connection).toEqual(expected);
      expect(await connect(bad.id)).toEqual(expected);
      expect(await failures(bad.id)).toEqual([expected.error, expected.error]);
    }
  });

  it('Vonage: the application\'s token is accepted; a token signed with another key is refused', async () => {
    const good = await create('vonage', { applicationId: VONAGE_APP.applicationId, from: vonage.number }, { privateKey: VONAGE_APP.privateKeyPem, signatureSecret: VONAGE_APP.signatureSecret });
    expect(good.connection).toEqual({ status: 'connected' });
    expect(await connect(good.id)).toEqual({ status: 'connected' });
    const bad = await create('vonage', { applicationId: VONAGE_APP.applicationId, from: vonage.number }, { privateKey: otherKey, signatureSecret: VONAGE_APP.signatureSecret });
    expect(await connect(bad.id)).toEqual({
      status: 'failed',
      error: `Vonage refused the application ${VONAGE_APP.applicationId} with this private key (unauthorized: Unauthorized: You did not provide correct credentials.)`,
    });
  });

  it('MessageBird: the access key is accepted; a wrong one is refused', async () => {
    const good = await create('messagebird', { channelId: MESSAGEBIRD.channelId }, { accessKey: MESSAGEBIRD.accessKey, signingKey: MESSAGEBIRD.signingKey });
    expect(good.connection).toEqual({ status: 'connected' });
    expect(await connect(good.id)).toEqual({ status: 'connected' });
    const bad = await create('messagebird', { channelId: MESSAGEBIRD.channelId }, { accessKey: 'live_wrongMessageBirdKey0123', signingKey: MESSAGEBIRD.signingKey });
    expect(await connect(bad.id)).toEqual({ status: 'failed', error: 'MessageBird refused the access key (2: Request not allowed (incorrect access_key))' });
  });

  it('a provider that cannot be reached is a failed connection too', async () => {
    const good = await create('messagebird', { channelId: MESSAGEBIRD.channelId }, { accessKey: MESSAGEBIRD.accessKey, signingKey: MESSAGEBIRD.signingKey });
    await messagebird.close();
    const res = await connect(good.id);
    expect(res.status).toBe('failed');
    expect(res.error).toMatch(/^Could not reach MessageBird: /);
  });
});
