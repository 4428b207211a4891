/**
 * The SMS providers' fakes (Twilio, Vonage, MessageBird) for `npm run fakes`, with their control routes:
 *
 *   POST /sms/<twilio|twilio_whatsapp|vonage|messagebird>/customer-says {"channelId": 3, "text": "Hola", "from"?: "+34600111222"}
 *        → a signed webhook to ATIENDE_URL/hooks/<provider>/<channelId> (ATIENDE_URL must be Atiende's PUBLIC_URL:
 *          Twilio and MessageBird sign the URL); later status webhooks of Vonage and MessageBird go there too.
 *          twilio_whatsapp: a WhatsApp message through Twilio (from whatsapp:+…), which opens the customer's 24 hours
 *   GET  /sms/<provider>/sent → what Atiende sent through that provider (Twilio: SMS and WhatsApp apart)
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type http from 'node:http';
import { sampleContents, startTwilioFake } from './twilio.js';
import { startVonageFake } from './vonage.js';
import { startMessageBirdFake } from './messagebird.js';

const TWILIO = { accountSid: `AC${'0'.repeat(32)}`, authToken: 'f'.repeat(32) };
const MESSAGEBIRD = { accessKey: 'live_fakeMessageBirdAccessKey', signingKey: 'messagebird-fake-signing-key', channelId: 'f'.repeat(32) };
const VONAGE_SECRET = 'vonage-fake-signature-secret';

type Send = (res: http.ServerResponse, status: number, body: unknown) => void;

export async function startSmsFakes(opts: { atiendeUrl: string; controlPort: number; ports: { twilio: number; vonage: number; messagebird: number } }) {
  const twilio = await startTwilioFake({ ...TWILIO, port: opts.ports.twilio, contents: sampleContents() });
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const vonageApp = crypto.randomUUID();
  const keyFile = path.join(os.tmpdir(), 'atiende-vonage-fake-private.pem');
  fs.writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  const vonage = await startVonageFake({ applicationId: vonageApp, publicKey, signatureSecret: VONAGE_SECRET, port: opts.ports.vonage });
  const messagebird = await startMessageBirdFake({ ...MESSAGEBIRD, port: opts.ports.messagebird });

  const hookUrl = (provider: string, channelId: unknown) => `${opts.atiendeUrl.replace(/\/$/, '')}/hooks/${provider}/${Number(channelId)}`;

  /** Answers the SMS control routes; false for any other route. */
  async function handle(req: http.IncomingMessage, res: http.ServerResponse, readJson: (req: http.IncomingMessage) => Promise<Record<string, unknown>>, send: Send): Promise<boolean> {
    const match = /^\/sms\/(twilio|twilio_whatsapp|vonage|messagebird)\/(customer-says|sent)$/.exec(req.url ?? '');
    if (!match) return false;
    const [, provider, action] = match;
    if (action === 'sent' && req.method === 'GET') {
      const whatsapp = (to: string) => to.startsWith('whatsapp:');
      const twilioSent = twilio.sent.filter((m) => whatsapp(m.to) === (provider === 'twilio_whatsapp'));
      send(res, 200, provider.startsWith('twilio') ? twilioSent : provider === 'vonage' ? vonage.sent : messagebird.sent);
      return true;
    }
    if (action !== 'customer-says' || req.method !== 'POST') return false;
    const body = await readJson(req);
    if (typeof body.text !== 'string' || !body.text || !Number.isInteger(Number(body.channelId)) || Number(body.channelId) <= 0) {
      send(res, 400, { error: 'Expected {"channelId": <the Atiende channel id>, "text": "…", "from"?: "+34600111222"}' });
      return true;
    }
    const url = hookUrl(provider, body.channelId);
    const from = String(body.from ?? '+34600111222');
    try {
      await deliver(provider, url, from, body.text, res, send);
    } catch (err) {
      send(res, 502, { error: `Atiende did not answer at ${url}: ${(err as Error).message}` });
    }
    return true;
  }

  async function deliver(provider: string, url: string, from: string, text: string, res: http.ServerResponse, send: Send) {
    if (provider === 'twilio' || provider === 'twilio_whatsapp') {
      const sender = provider === 'twilio_whatsapp' ? `whatsapp:${from.replace(/^whatsapp:/, '')}` : from;
      const [d] = await twilio.deliver(url, twilio.customer.message(sender, text));
      send(res, 200, { url, status: d.status, answer: d.body });
    } else if (provider === 'vonage') {
      vonage.setStatusUrl(url); // the application's Status URL
      send(res, 200, { url, statuses: await vonage.deliver(url, vonage.customer.inbound(from.replace(/^\+/, ''), text)) });
    } else {
      messagebird.setWebhookUrl(url); // the channel's webhook
      send(res, 200, { url, statuses: await messagebird.deliver(url, messagebird.customer.says(from, text)) });
    }
  }

  return {
    handle,
    env: `TWILIO_API_URL=${twilio.base} VONAGE_API_URL=${vonage.base} MESSAGEBIRD_API_URL=${messagebird.base}`,
    help: `SMS channels (Atiende's PUBLIC_URL must be ${opts.atiendeUrl}; set ATIENDE_URL otherwise):
  Twilio       config {"accountSid":"${TWILIO.accountSid}","from":"${twilio.number}"}  secrets {"authToken":"${TWILIO.authToken}"}
               (type twilio_whatsapp with the same settings: WhatsApp through Twilio, with Content templates to synchronise)
  Vonage       config {"applicationId":"${vonageApp}","from":"${vonage.number}"}  secrets {"signatureSecret":"${VONAGE_SECRET}","privateKey": the PEM in ${keyFile}}
  MessageBird  config {"channelId":"${MESSAGEBIRD.channelId}"}  secrets {"accessKey":"${MESSAGEBIRD.accessKey}","signingKey":"${MESSAGEBIRD.signingKey}"}

  curl -X POST localhost:${opts.controlPort}/sms/twilio/customer-says -H 'content-type: application/json' -d '{"channelId":3,"text":"Hola, ¿tienen envíos?"}'
  curl localhost:${opts.controlPort}/sms/twilio/sent             # (also twilio_whatsapp, vonage, messagebird)`,
  };
}
