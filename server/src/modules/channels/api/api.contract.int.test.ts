import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { runChannelContract, type ContractFake } from '../__contract__/channel-contract.js';
import { apiChannelAdapter } from './api.adapter.js';
import { createApiChannel, sign, type ApiChannel } from '../../../../test/channel-fixtures.js';
import { startApiReceiver } from '../../../../test/fakes/api-receiver.js';

/** The integrator's side of an API channel: its reply endpoint (api-receiver) and a host for the files it links to. */
async function startIntegrator(secret: () => string): Promise<ContractFake & { url: string }> {
  const receiver = await startApiReceiver(secret);
  const files = new Map<string, { bytes: Buffer; contentType: string }>();
  const host = http.createServer((req, res) => {
    const file = files.get(req.url ?? '');
    if (file) res.writeHead(200, { 'content-type': file.contentType }).end(file.bytes);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => host.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  return {
    url: receiver.url,
    failNextSend(kind) {
      if (kind === 'retryable') {
        receiver.answer({ status: 503, body: { error: 'maintenance' } });
        return { providerCode: '503', text: /503/ };
      }
      if (kind === 'rate_limited') {
        receiver.answer({ status: 429, headers: { 'retry-after': '7' } });
        return { providerCode: '429', text: /rate limited/i, retryAfterMs: 7000 };
      }
      receiver.answer({ status: 422, body: { error: 'unknown customer' } });
      return { providerCode: '422', text: /422.*unknown customer/ };
    },
    sentTo: (customer) =>
      receiver.received
        .filter((r) => r.validSignature && r.body.contact?.externalId === customer)
        .map((r) => ({
          text: r.body.text,
          ...(r.body.buttons ? { buttons: r.body.buttons.map((b: { title: string }) => b.title) } : {}),
          ...(r.body.attachments?.length ? { media: r.body.attachments.map((a: { url: string }) => a.url) } : {}),
        })),
    hostFile(bytes, contentType, filename) {
      const path = `/media/${files.size}/${filename}`;
      files.set(path, { bytes, contentType });
      return `${base}${path}`;
    },
    close: async () => {
      await receiver.close();
      await new Promise((r) => host.close(r));
    },
  };
}

let current: ApiChannel | undefined;
const message = (e: { id: string; customer: string; text: string }) => ({ type: 'message', externalId: e.id, contact: { externalId: e.customer, name: 'Cliente' }, text: e.text });
const notInApi = 'the API channel accepts only message, button tap and status events';

runChannelContract<ApiChannel>('api', {
  adapter: apiChannelAdapter,
  async startFake() {
    return { fake: await startIntegrator(() => current!.secret), env: {} };
  },
  async createChannel(t, admin, fake) {
    current = await createApiChannel(t, admin, { outboundUrl: (fake as ContractFake & { url: string }).url });
    return current;
  },
  sign: (c, raw, opts) => ({ 'x-atiende-signature': sign(opts?.bad ? `${c.secret}-wrong` : c.secret, raw) }),
  build: {
    message: (_c, e) => message(e),
    media: (_c, e) => ({ ...message(e), attachments: [{ url: e.file }] }),
    batch: (_c, events) => ({ events: events.map(message) }),
    status: (_c, e) => ({ type: 'status', externalId: e.externalId, status: e.status }),
    interactive_reply: (_c, e) => ({ type: 'interactive_reply', externalId: e.id, contact: { externalId: e.customer, name: 'Cliente' }, payload: e.payload, title: e.title }),
  },
  skip: {
    handshake: 'the integrator configures the URL and secret itself; there is no verification GET',
    reaction: notInApi,
    read: notInApi,
    echo: notInApi,
    edit: notInApi,
  },
});
