/**
 * The contract suite's view of the Messenger Platform fake, shared by the Messenger and Instagram contract tests:
 * channels created through the API, webhooks signed with the app secret over Meta's serialisation, and sends
 * read back from the fake.
 */
import type { ContractFake, FakeSend } from '../__contract__/channel-contract.js';
import type { MessengerPlatformFake } from '../../../../test/fakes/messenger-platform.js';
import { hubSignature, metaJson } from '../../../../test/fakes/messenger-platform.js';
import type { TestApp } from '../../../../test/harness.js';
import type { Session } from '../../../../test/fixtures.js';

export const APP_SECRET = '3f9a1c0e5b7d2468ace0f13579bdf024';

export interface MetaChannel {
  id: number;
  verifyToken: string;
}

export async function createMetaChannel(t: TestApp, admin: Session, payload: { type: string; name: string; config: Record<string, unknown>; secrets: Record<string, string> }): Promise<MetaChannel> {
  const res = await t.server.app.inject({ method: 'POST', url: '/api/v1/channels', headers: admin.headers, payload });
  if (res.statusCode !== 201) throw new Error(`create channel: ${res.statusCode} ${res.body}`);
  return { id: res.json().id, verifyToken: res.json().secret };
}

/** Sends as the contract compares them: text (or a template's), button titles, file URLs. */
export function contractFakeOf(fake: MessengerPlatformFake): ContractFake {
  return {
    failNextSend(kind) {
      if (kind === 'retryable') {
        fake.failNext({ message: 'An unexpected error has occurred. Please retry your request later.', code: 2, is_transient: true }, { status: 500 });
        return { providerCode: '2', text: /unexpected error/ };
      }
      if (kind === 'rate_limited') {
        fake.failNext(
          { message: '(#613) Calls to this api have exceeded the rate limit.', code: 613 },
          { headers: { 'x-business-use-case-usage': JSON.stringify({ '104000000000001': [{ type: 'messenger', call_count: 100, total_cputime: 12, total_time: 30, estimated_time_to_regain_access: 2 }] }) } },
        );
        return { providerCode: '613', text: /exceeded the rate limit/, retryAfterMs: 120_000 };
      }
      fake.failNext({ message: "(#551) This person isn't available right now.", code: 551, error_subcode: 1545041 });
      return { providerCode: '551/1545041', text: /isn't available right now/ };
    },
    sentTo: (customer) =>
      fake.calls
        .filter((c) => c.messageId && (String(c.body.recipient?.id ?? '') === customer || `comment:${c.body.recipient?.comment_id}` === customer))
        .map((c): FakeSend => {
          const m = c.body.message;
          const template = m.attachment?.type === 'template' ? m.attachment.payload : null;
          const buttons = template?.buttons ?? m.quick_replies;
          return {
            text: String(m.text ?? template?.text ?? ''),
            ...(buttons ? { buttons: buttons.map((b: { title: string }) => b.title) } : {}),
            ...(m.attachment && !template ? { media: [m.attachment.payload.url] } : {}),
          };
        }),
    hostFile: (bytes, contentType, filename) => fake.hostFile(bytes, contentType, filename),
    close: () => fake.close(),
  };
}

/** Signed as Meta signs: HMAC-SHA256 of the exact bytes with the app secret. */
export const signWithAppSecret = (_c: MetaChannel, raw: string, opts?: { bad?: boolean }) => ({ 'x-hub-signature-256': hubSignature(opts?.bad ? `${APP_SECRET}x` : APP_SECRET, raw) });

/** Bodies go over the wire as Meta writes them (\uXXXX escapes), so signatures are checked on those bytes. */
export const encodeAsMeta = (body: unknown) => ({ raw: typeof body === 'string' ? body : metaJson(body), contentType: 'application/json' });

export const handshakeFor = {
  good: (c: MetaChannel) => ({ query: { 'hub.mode': 'subscribe', 'hub.verify_token': c.verifyToken, 'hub.challenge': '1158201444' }, body: '1158201444' }),
  bad: (c: MetaChannel) => ({ 'hub.mode': 'subscribe', 'hub.verify_token': `${c.verifyToken}x`, 'hub.challenge': '1158201444' }),
};

/** The contract names messages by its own ids; the provider knows them by mid. */
export function midsFor(prefix: string) {
  const mids = new Map<string, string>();
  return (id: string) => mids.get(id) ?? (mids.set(id, `${prefix}${Buffer.from(`${id}:${mids.size}`).toString('base64url')}`), mids.get(id)!);
}
