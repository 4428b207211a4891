import type { TestApp } from './harness.js';
import type { Session } from './fixtures.js';

/** The WhatsApp account the fake and the tests' channels share (ids and secrets shaped as Meta's). */
export const WA = {
  accessToken: 'EAAGm0PX4ZCpsBAFakeWhatsAppAccessToken0123456789',
  appSecret: '6f1d2c3b4a5968778695a4b3c2d1e0f9',
  phoneNumberId: '106540352242922',
  businessAccountId: '102290129340398',
};

export interface WhatsAppChannel {
  id: number;
  verifyToken: string;
}

/** Creates a WhatsApp channel through the API, as an admin would; the answer's secret is the verify token. */
export async function createWhatsAppChannel(t: TestApp, admin: Session, extra: { phoneNumberId?: string } = {}): Promise<WhatsAppChannel> {
  const res = await t.server.app.inject({
    method: 'POST', url: '/api/v1/channels', headers: admin.headers,
    payload: {
      type: 'whatsapp', name: 'WhatsApp ventas',
      config: { phoneNumberId: extra.phoneNumberId ?? WA.phoneNumberId, businessAccountId: WA.businessAccountId, displayPhoneNumber: '+57 300 1234567' },
      secrets: { accessToken: WA.accessToken, appSecret: WA.appSecret },
    },
  });
  if (res.statusCode !== 201) throw new Error(`create channel: ${res.statusCode} ${res.body}`);
  return { id: res.json().id, verifyToken: res.json().secret };
}

/** An inbound message's wamid in a webhook the fake built. */
export const wamidOf = (body: { entry: Array<{ changes: Array<{ value: { messages?: Array<{ id: string }> } }> }> }) => body.entry[0].changes[0].value.messages![0].id;
