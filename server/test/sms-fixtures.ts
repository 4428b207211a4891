import crypto from 'node:crypto';
import type { TestApp } from './harness.js';
import type { Session } from './fixtures.js';

/** Credentials the SMS fakes and channels share in tests (the formats the providers use). */
export const TWILIO_ACCOUNT = `AC${'a1'.repeat(16)}`;
export const TWILIO_TOKEN = 'b2'.repeat(16);

/** A channel as the tests need it: its id and the public URL the provider is given (and signs over). */
export interface SmsChannel {
  id: number;
  webhookUrl: string;
}

/** Creates a channel through the API, as an admin would. */
export async function createSmsChannel(t: TestApp, admin: Session, type: string, config: Record<string, unknown>, secrets: Record<string, string>): Promise<SmsChannel> {
  const res = await t.server.app.inject({ method: 'POST', url: '/api/v1/channels', headers: admin.headers, payload: { type, name: `SMS ${type}`, config, secrets } });
  if (res.statusCode !== 201) throw new Error(`create channel: ${res.statusCode} ${res.body}`);
  return { id: res.json().id, webhookUrl: res.json().webhookUrl };
}

export const createTwilioChannel = (t: TestApp, admin: Session, from: string) =>
  createSmsChannel(t, admin, 'twilio', { accountSid: TWILIO_ACCOUNT, from }, { authToken: TWILIO_TOKEN });

/** WhatsApp through Twilio: the same account, `from` the WhatsApp sender's number. */
export const createTwilioWhatsAppChannel = (t: TestApp, admin: Session, from: string) =>
  createSmsChannel(t, admin, 'twilio_whatsapp', { accountSid: TWILIO_ACCOUNT, from }, { authToken: TWILIO_TOKEN });

/** A port nothing listens on now, so an app can be started where its PUBLIC_URL says. */
export async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A Vonage application: its id, its RSA key pair (the private key is the channel's secret) and the account's signature secret. */
export const VONAGE_APP = (() => {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    applicationId: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab',
    publicKey,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    signatureSecret: 'vonage-signature-secret-0123456789',
  };
})();

export const createVonageChannel = (t: TestApp, admin: Session, from: string) =>
  createSmsChannel(t, admin, 'vonage', { applicationId: VONAGE_APP.applicationId, from }, { privateKey: VONAGE_APP.privateKeyPem, signatureSecret: VONAGE_APP.signatureSecret });

export const MESSAGEBIRD = { accessKey: 'live_fakeMessageBirdKey0123', signingKey: 'messagebird-signing-key-0123456789', channelId: '0123456789abcdef0123456789abcdef' };

export const createMessageBirdChannel = (t: TestApp, admin: Session) =>
  createSmsChannel(t, admin, 'messagebird', { channelId: MESSAGEBIRD.channelId }, { accessKey: MESSAGEBIRD.accessKey, signingKey: MESSAGEBIRD.signingKey });
