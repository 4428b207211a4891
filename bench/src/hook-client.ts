import crypto from 'node:crypto';
import http from 'node:http';

/** Customers the messages are spread over, so conversations get several messages each. */
export const CUSTOMERS = 50;

/**
 * Every message carries `bench#<phase>.<seq>#` in its external id and text: the socket clients
 * find it in the raw frame, which is how a delivery is matched to its POST.
 */
export function marker(phase: number, seq: number): string {
  return `bench#${phase}.${seq}#`;
}

export function inboundBody(phase: number, seq: number): string {
  const customer = seq % CUSTOMERS;
  return JSON.stringify({
    type: 'message',
    externalId: marker(phase, seq),
    contact: { externalId: `bench-customer-${customer}`, name: `Cliente ${customer}` },
    text: `Hola, quisiera saber el estado de mi pedido ${marker(phase, seq)}`,
  });
}

export interface PostResult {
  status: number;
  body: string;
}

/**
 * Signed POSTs to /hooks/api/{channelId} over keep-alive connections. node:http rather than fetch:
 * the load generator shares the CPU with the server, and fetch costs about twice as much per request.
 */
export class HookClient {
  private readonly agent: http.Agent;
  private readonly url: URL;

  /** An API channel's hook by default; `provider` posts as another channel type signs (`whatsapp`: X-Hub-Signature-256). */
  constructor(baseUrl: string, channelId: string, private readonly secret: string, maxSockets = 64, private readonly provider: 'api' | 'whatsapp' = 'api') {
    this.url = new URL(`/hooks/${provider}/${channelId}`, baseUrl);
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  post(body: string): Promise<PostResult> {
    const signature = crypto.createHmac('sha256', this.secret).update(body).digest('hex');
    const signed = this.provider === 'whatsapp' ? { 'x-hub-signature-256': `sha256=${signature}` } : { 'x-atiende-signature': `sha256=${signature}` };
    return new Promise((resolve, reject) => {
      const req = http.request(
        this.url,
        {
          method: 'POST',
          agent: this.agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            ...signed,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  close() {
    this.agent.destroy();
  }
}

/** Counts failed POSTs and keeps the first few, so a broken route is reported, not averaged away. */
export class PostErrors {
  count = 0;
  readonly samples: string[] = [];

  record(what: string) {
    this.count++;
    if (this.samples.length < 3) this.samples.push(what.slice(0, 300));
  }

  check(result: PostResult): boolean {
    if (result.status === 200) return true;
    this.record(`HTTP ${result.status}: ${result.body}`);
    return false;
  }
}
