/**
 * `npm run fakes`: the providers' local fakes as one standalone process, so the product can be tried end to
 * end on one machine. It prints the environment to give the server, and serves a small control API that
 * plays the customer's side.
 *
 *   POST /telegram/customer-says {"text": "Hola", "chatId"?: 880001, "name"?: "Lucía Gómez"}  → delivered to the webhook
 *   GET  /telegram/sent   → what the bot sent (sendMessage, sendPhoto, …)
 *   POST /whatsapp/customer-says {"text": "Hola", "waId"?: "573001234567", "name"?: "Lucía Gómez"}  → a signed webhook
 *   GET  /whatsapp/sent   → what Atiende sent through the WhatsApp Cloud API (texts, media, buttons, templates)
 *   GET  /mail            → the mails the server sent (transcripts, invitations, password resets)
 *   POST /messenger/customer-says {"channelId": 3, "text": "Hola", "psid"?: "2401000001", "comment"?: true, "name"?: "Ana"}
 *   POST /instagram/customer-says {"channelId": 4, "text": "Hola", "igsid"?: "9001", "comment"?: true, "name"?: "ana.g"}
 *                         → a webhook signed with the fake app's secret, as Meta sends it (a comment on a post with "comment")
 *   GET  /messenger/sent, GET /instagram/sent → what Atiende sent through the Send API (private replies included)
 *   POST /sms/<twilio|twilio_whatsapp|vonage|messagebird>/customer-says {"channelId": 3, "text": "Hola", "from"?: "+34600111222"}  → a signed webhook
 *   GET  /sms/<twilio|twilio_whatsapp|vonage|messagebird>/sent  → what Atiende sent through that provider (see sms-fakes.ts)
 *   POST /email/customer-says {"from": "ana@cliente.test", "subject": "Hola", "text": "…", "name"?: "Ana", "inReplyTo"?: "<Message-ID>"}
 *                         → a mail in the support mailbox (a real Dovecot: IMAP APPEND), read by Atiende at its next poll
 *   GET  /email/sent      → what the email channel sent by SMTP (to, subject, text, Message-ID, In-Reply-To)
 *   GET  /bots/webhook/received → the turns delivered to the webhook bot (with whether the signature was valid)
 */
import http from 'node:http';
import { startSmtpInbox } from './smtp-inbox.js';
import { dovecotMissing, startDovecot } from './dovecot.js';
import { customerMail } from './mail-builder.js';
import { startTelegramFake } from './telegram.js';
import { startSmsFakes } from './sms-fakes.js';
import { sampleTemplates, startWhatsAppCloudFake } from './whatsapp-cloud.js';
import { startMessengerPlatformFake } from './messenger-platform.js';
import { startBotWebhookFake } from './bot-webhook.js';
import { demoAgent, startDialogflowFake } from './dialogflow.js';
import { startOpenAiFake } from './openai-compatible.js';

const CONTROL_PORT = Number(process.env.FAKES_PORT ?? 8090);
const token = process.env.TELEGRAM_FAKE_TOKEN ?? '123456789:AAFakeTokenForLocalTesting_0123456789';

const telegram = await startTelegramFake({ token, port: Number(process.env.TELEGRAM_FAKE_PORT ?? 8081) });
const smtp = await startSmtpInbox();
const sms = await startSmsFakes({
  atiendeUrl: process.env.ATIENDE_URL ?? 'http://localhost:3000',
  controlPort: CONTROL_PORT,
  ports: { twilio: Number(process.env.TWILIO_FAKE_PORT ?? 8085), vonage: Number(process.env.VONAGE_FAKE_PORT ?? 8086), messagebird: Number(process.env.MESSAGEBIRD_FAKE_PORT ?? 8087) },
});
// The support mailbox of the email channel; Dovecot comes from Debian's dovecot-imapd (skipped, with a note, without it).
const dovecotProblem = dovecotMissing();
const dovecot = dovecotProblem ? null : await startDovecot({ port: Number(process.env.IMAP_FAKE_PORT ?? 8143) });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void (dovecot?.stop() ?? Promise.resolve()).finally(() => process.exit(0)));
const whatsappAccount = {
  accessToken: process.env.WHATSAPP_FAKE_TOKEN ?? 'EAAFakeWhatsAppAccessTokenForLocalTesting0123',
  appSecret: process.env.WHATSAPP_FAKE_APP_SECRET ?? '0123456789abcdef0123456789abcdef',
  phoneNumberId: '106540352242922',
  businessAccountId: '102290129340398',
};
const whatsapp = await startWhatsAppCloudFake({ ...whatsappAccount, port: Number(process.env.WHATSAPP_FAKE_PORT ?? 8082), autoStatuses: ['sent', 'delivered', 'read'], statusDelayMs: 1000 });
whatsapp.setTemplates(sampleTemplates());
// Messenger and Instagram: one Meta app with a Page and an Instagram account. The fake answers Graph calls with their
// tokens and hands every other Graph request to WhatsApp's fake, so one META_GRAPH_URL serves the three channels.
const metaApp = {
  appSecret: process.env.META_FAKE_APP_SECRET ?? 'fakeMetaAppSecretForLocalTesting0123',
  pageId: '104000000000001',
  pageToken: process.env.MESSENGER_FAKE_TOKEN ?? 'EAAFakeMessengerPageTokenForLocalTesting0123',
  instagramId: '17841400000000001',
  instagramToken: process.env.INSTAGRAM_FAKE_TOKEN ?? 'IGQFakeInstagramUserTokenForLocalTesting0123',
};
const meta = await startMessengerPlatformFake({
  port: Number(process.env.MESSENGER_FAKE_PORT ?? 8083),
  instagramPort: Number(process.env.INSTAGRAM_FAKE_PORT ?? 8084),
  fallback: whatsapp.base,
  accounts: [{ id: metaApp.pageId, token: metaApp.pageToken, host: 'facebook' }, { id: metaApp.instagramId, token: metaApp.instagramToken, host: 'instagram' }],
});
// The remote bots: a webhook bot's receiver, a Dialogflow ES agent and an OpenAI-compatible LLM.
const remoteBots = {
  webhookSecret: process.env.BOT_WEBHOOK_FAKE_SECRET ?? 'fake-bot-webhook-secret',
  dialogflowProject: 'atiende-demo',
  dialogflowToken: process.env.DIALOGFLOW_FAKE_TOKEN ?? 'ya29.fake-dialogflow-token',
  llmKey: process.env.OPENAI_FAKE_KEY ?? 'sk-fake-openai-key-for-local-testing',
};
const botWebhook = await startBotWebhookFake({ secret: remoteBots.webhookSecret, port: Number(process.env.BOT_WEBHOOK_FAKE_PORT ?? 8091) });
const dialogflow = await startDialogflowFake({ projectId: remoteBots.dialogflowProject, accessToken: remoteBots.dialogflowToken, port: Number(process.env.DIALOGFLOW_FAKE_PORT ?? 8092) });
demoAgent(dialogflow);
const llm = await startOpenAiFake({ apiKey: remoteBots.llmKey, port: Number(process.env.OPENAI_FAKE_PORT ?? 8093) });

async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    const value = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    return value && typeof value === 'object' ? value : {};
  } catch {
    return {};
  }
}

const send = (res: http.ServerResponse, status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body, null, 2));

const control = http.createServer(async (req, res) => {
  try {
    if (req.method === 'POST' && req.url === '/telegram/customer-says') {
      const body = await readJson(req);
      if (typeof body.text !== 'string' || !body.text) return send(res, 400, { error: 'Expected {"text": "…"}' });
      if (!telegram.webhook()) return send(res, 409, { error: 'No webhook yet: create the Telegram channel in Atiende first (it calls setWebhook)' });
      const [first, ...rest] = String(body.name ?? 'Cliente Telegram').split(' ');
      const user = { id: Number(body.chatId ?? 880001), first_name: first, ...(rest.length ? { last_name: rest.join(' ') } : {}) };
      return send(res, 200, { statuses: await telegram.deliver(telegram.updates.text(user, body.text)) });
    }
    if (req.method === 'GET' && req.url === '/telegram/sent') return send(res, 200, telegram.calls.filter((c) => c.messageId));
    if (req.method === 'POST' && req.url === '/whatsapp/customer-says') {
      const body = await readJson(req);
      if (typeof body.text !== 'string' || !body.text) return send(res, 400, { error: 'Expected {"text": "…"}' });
      if (!whatsapp.webhook()) return send(res, 409, { error: 'No callback URL yet: create the WhatsApp channel in Atiende first (its "test connection" registers it)' });
      const from = { waId: String(body.waId ?? '573001234567'), name: String(body.name ?? 'Cliente WhatsApp') };
      return send(res, 200, { statuses: await whatsapp.deliver(whatsapp.customer.text(from, body.text)) });
    }
    if (req.method === 'GET' && req.url === '/whatsapp/sent') return send(res, 200, whatsapp.sends().map((c) => ({ wamid: c.messageId, ...c.body })));
    if (req.method === 'POST' && req.url === '/email/customer-says') {
      if (!dovecot) return send(res, 503, { error: dovecotProblem });
      const body = await readJson(req);
      if (typeof body.text !== 'string' || typeof body.from !== 'string' || !body.from.includes('@')) return send(res, 400, { error: 'Expected {"from": "ana@cliente.test", "subject": "…", "text": "…"}' });
      const inReplyTo = typeof body.inReplyTo === 'string' ? body.inReplyTo.replace(/^<|>$/g, '') : undefined;
      const mail = customerMail({ from: body.from, fromName: typeof body.name === 'string' ? body.name : undefined, to: dovecot.user, subject: String(body.subject ?? 'Consulta'), text: body.text, inReplyTo, references: inReplyTo ? [inReplyTo] : undefined });
      return send(res, 200, { uid: await dovecot.append(mail.raw), messageId: `<${mail.messageId}>` });
    }
    if (req.method === 'GET' && req.url === '/email/sent') {
      return send(res, 200, smtp.sources.filter((s) => s.from === dovecot?.user).map((s) => ({ to: s.to, subject: s.parsed.subject, text: s.parsed.text, messageId: s.parsed.messageId, inReplyTo: s.parsed.inReplyTo })));
    }
    if (req.method === 'GET' && req.url === '/mail') return send(res, 200, smtp.mails);
    if (req.method === 'GET' && req.url === '/bots/webhook/received') return send(res, 200, botWebhook.requests.map((r) => ({ validSignature: r.validSignature, status: r.status, event: r.body })));
    const metaRoute = /^\/(messenger|instagram)\/(customer-says|sent)$/.exec(req.url ?? '');
    if (metaRoute) return await metaControl(metaRoute[1] as 'messenger' | 'instagram', metaRoute[2], req, res);
    if (await sms.handle(req, res, readJson, send)) return;
    send(res, 404, { error: 'Try POST /telegram/customer-says, GET /telegram/sent, POST /whatsapp/customer-says, GET /whatsapp/sent or GET /mail' });
  } catch (err) {
    send(res, 500, { error: (err as Error).message });
  }
});
await new Promise<void>((resolve) => control.listen(CONTROL_PORT, '127.0.0.1', resolve));

/** Plays a Messenger or Instagram customer: the channel's webhook is named by its id (at Meta you paste its URL). */
async function metaControl(type: 'messenger' | 'instagram', action: string, req: http.IncomingMessage, res: http.ServerResponse) {
  const object = type === 'messenger' ? 'page' : 'instagram';
  const accountId = type === 'messenger' ? metaApp.pageId : metaApp.instagramId;
  if (req.method === 'GET' && action === 'sent') return send(res, 200, meta.calls.filter((c) => c.messageId && (type === 'instagram') === (c.host === 'instagram')).map((c) => ({ mid: c.messageId, ...c.body })));
  if (req.method !== 'POST' || action !== 'customer-says') return send(res, 404, { error: `Try POST /${type}/customer-says or GET /${type}/sent` });
  const body = await readJson(req);
  if (typeof body.text !== 'string' || !body.text || !Number.isInteger(body.channelId)) return send(res, 400, { error: 'Expected {"channelId": <the channel\'s id in Atiende>, "text": "…"}' });
  meta.setWebhook(`${process.env.ATIENDE_URL ?? 'http://localhost:3000'}/hooks/${type}/${body.channelId}`, metaApp.appSecret, { object, echoes: true });
  const hooks = meta.builders({ object, id: accountId });
  const from = String(body.psid ?? body.igsid ?? (type === 'messenger' ? '2401000000000001' : '9001000000000001'));
  const name = typeof body.name === 'string' ? body.name : undefined;
  const envelope = body.comment
    ? hooks.envelope({ changes: [hooks.comment({ id: `${Date.now()}`, postId: '770000000000001', from: { id: from, name: name ?? 'Cliente Facebook', username: name ?? 'cliente.ig' }, text: body.text })] })
    : hooks.envelope([hooks.text(from, body.text)]);
  return send(res, 200, { statuses: await meta.deliver(envelope) });
}

console.log(`Provider fakes are running. Start Atiende with:

  TELEGRAM_API_URL=${telegram.base} META_GRAPH_URL=${meta.base} INSTAGRAM_GRAPH_URL=${meta.instagramBase} ${sms.env} SMTP_URL=${smtp.url} npm start

Then create a Telegram channel with the bot token ${token}
(POST /api/v1/channels {"type":"telegram","name":"Telegram","config":{},"secrets":{"botToken":"${token}"}}),
and play the customer:

  curl -X POST localhost:${CONTROL_PORT}/telegram/customer-says -H 'content-type: application/json' -d '{"text":"Hola, ¿tienen envíos?"}'
  curl localhost:${CONTROL_PORT}/telegram/sent      # what the agent's replies looked like to Telegram
  curl localhost:${CONTROL_PORT}/mail               # mails Atiende sent

WhatsApp: create a WhatsApp channel with phone number ID ${whatsappAccount.phoneNumberId}, business account ID
${whatsappAccount.businessAccountId}, access token ${whatsappAccount.accessToken} and app secret ${whatsappAccount.appSecret}
(creating it registers the callback URL with the fake, as Meta's override does), then:

  curl -X POST localhost:${CONTROL_PORT}/whatsapp/customer-says -H 'content-type: application/json' -d '{"text":"Hola, ¿tienen envíos?"}'
  curl localhost:${CONTROL_PORT}/whatsapp/sent      # the agent's replies as the Cloud API got them`);

console.log(
  dovecot
    ? `
Email: create an email channel whose address is ${dovecot.user}, IMAP ${dovecot.host}:${dovecot.port} (no TLS), user ${dovecot.user},
password ${dovecot.password}; SMTP ${smtp.host}:${smtp.port} (no TLS; any user and password), then:

  curl -X POST localhost:${CONTROL_PORT}/email/customer-says -H 'content-type: application/json' -d '{"from":"ana@cliente.test","name":"Ana","subject":"Envíos","text":"Hola, ¿tienen envíos?"}'
  curl localhost:${CONTROL_PORT}/email/sent         # the agent's replies as the customer receives them`
    : `
Email: not started (${dovecotProblem}).`,
);

console.log(`\n${sms.help}`);

console.log(`
Messenger: create a Messenger channel with Page ID ${metaApp.pageId}, Page access token ${metaApp.pageToken} and app secret
${metaApp.appSecret}; Instagram: an Instagram channel with account ID ${metaApp.instagramId}, access token ${metaApp.instagramToken}
and the same app secret. Then play the customer (a "comment" is a comment on a post, answered by private reply):

  curl -X POST localhost:${CONTROL_PORT}/messenger/customer-says -H 'content-type: application/json' -d '{"channelId":<id>,"text":"Hola, ¿tienen envíos?"}'
  curl -X POST localhost:${CONTROL_PORT}/instagram/customer-says -H 'content-type: application/json' -d '{"channelId":<id>,"text":"¿Precio?","comment":true}'
  curl localhost:${CONTROL_PORT}/messenger/sent     # the agent's replies as the Send API got them (also /instagram/sent)`);

console.log(`
Bots: a webhook bot with URL ${botWebhook.url} and secret ${remoteBots.webhookSecret} (GET localhost:${CONTROL_PORT}/bots/webhook/received
shows what it got); Dialogflow ES with base URL ${dialogflow.base}, project ${remoteBots.dialogflowProject}, access token
${remoteBots.dialogflowToken} and hand-off parameter "handoff"; an LLM with base URL ${llm.url}, any model, API key ${remoteBots.llmKey}.`);
