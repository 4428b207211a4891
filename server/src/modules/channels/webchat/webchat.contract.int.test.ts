import type { AddressInfo } from 'node:net';
import { runChannelContract, type ContractFake } from '../__contract__/channel-contract.js';
import { webchatAdapter } from './webchat.adapter.js';
import { issueVisitorToken, VISITOR_TOKEN_HEADER } from './visitor-token.js';
import { loadChannelWithSecrets } from '../load-channel.js';
import { VisitorSockets } from '../../../../test/fakes/webchat-visitor.js';

interface WebchatChannel {
  id: number;
  tokenFor(visitorId: string): string;
}

const noProvider = 'the web chat has no provider between us and the visitor';

/** The "provider" is the visitor's browser: what it was sent is what its socket was pushed. */
function visitorFake(): ContractFake & { sockets: VisitorSockets | null } {
  return {
    sockets: null,
    failNextSend() {
      throw new Error(`${noProvider}: nothing can refuse a send`);
    },
    sentTo(customer) {
      return (this.sockets?.agentMessages(customer) ?? []).map((m) => ({ text: m.body, ...(m.attachments.length ? { media: m.attachments.map((a) => a.url) } : {}) }));
    },
    hostFile() {
      throw new Error(`${noProvider}: visitors upload files to our storage`);
    },
    async close() {
      await this.sockets?.close();
    },
  };
}

let fake: ReturnType<typeof visitorFake>;

runChannelContract<WebchatChannel>('webchat', {
  adapter: webchatAdapter,
  async startFake() {
    fake = visitorFake();
    return { fake, env: {} };
  },
  async createChannel(t, admin) {
    const res = await t.server.app.inject({ method: 'POST', url: '/api/v1/channels', headers: admin.headers, payload: { type: 'webchat', name: 'Chat web', config: {} } });
    if (res.statusCode !== 201) throw new Error(`create channel: ${res.statusCode} ${res.body}`);
    const id: number = res.json().id;
    const { secrets } = (await loadChannelWithSecrets(t.ctx, id))!;
    await t.server.app.listen({ port: 0, host: '127.0.0.1' });
    fake.sockets = new VisitorSockets(`http://127.0.0.1:${(t.server.app.server.address() as AddressInfo).port}`);
    return { id, tokenFor: (visitorId) => issueVisitorToken(secrets!.tokenSecret, { channelId: id, visitorId, kind: 'anon' }) };
  },
  sign(channel, raw, opts) {
    let visitorId = '';
    try {
      visitorId = String(JSON.parse(raw).visitorId ?? '');
    } catch {
      // a malformed body: signed as nobody
    }
    if (opts?.bad) return { [VISITOR_TOKEN_HEADER]: channel.tokenFor(`${visitorId}-otro`) }; // a real token, of another visitor
    // The visitor's widget is open: its socket hears the agent's replies.
    if (visitorId) void fake.sockets!.watch(visitorId, channel.tokenFor(visitorId), { listOnReady: true }).catch(() => {});
    return { [VISITOR_TOKEN_HEADER]: channel.tokenFor(visitorId) };
  },
  build: {
    message: (_c, e) => ({ visitorId: e.customer, id: `msg_${e.id.replace(/[^A-Za-z0-9_-]/g, '_').padEnd(8, '0')}`, text: e.text }),
  },
  skip: {
    handshake: 'nothing to verify: the widget is ours, and its visitor token is the credential',
    batch: 'the widget posts one message per request',
    interactive_reply: 'the widget shows no buttons (capabilities.interactive is false)',
    reaction: 'the widget has no reactions',
    read: 'the widget reports what the visitor saw through POST /api/v1/widget/read, not as an inbound event (widget.int.test.ts)',
    echo: 'no other client can write as the business',
    edit: 'visitors cannot edit what they sent',
    media: 'visitors upload files to our own storage before sending (POST /api/v1/widget/attachments); there is no provider to download from (widget.int.test.ts)',
    status_order: 'there are no provider receipts: a reply is sent when committed and read when the widget says so',
    send_interactive: 'the widget shows no buttons (capabilities.interactive is false)',
    send_media: 'an agent\'s files reach the visitor as the stored reply\'s attachments through the event log; send() hands nothing to anyone (widget-realtime.int.test.ts)',
    error_retryable: `${noProvider}: a reply is delivered by committing it, nothing can fail transiently`,
    error_rate_limited: `${noProvider}: nothing rate-limits a reply`,
    error_permanent: `${noProvider}: nothing can refuse a reply`,
  },
});
