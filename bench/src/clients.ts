import WebSocket from 'ws';

const MESSAGE_CREATED = Buffer.from('"type":"message.created"');
const MARK = Buffer.from('bench#');
const DOT = 0x2e;
const HASH = 0x23;

export type DeliveryListener = (phase: number, seq: number, receivedAt: number) => void;

export interface ConnectOptions {
  /** ws://host:port/api/v1/realtime */
  url: string;
  count: number;
  cookie?: string;
  lastEventId?: number;
  timeoutMs?: number;
}

/**
 * N WebSocket clients subscribed to the workspace topic. For each `message.created` frame that
 * carries a bench marker, calls the listener with the marker's phase and sequence. The frame is
 * searched as bytes, not parsed: these clients share the CPU with the server, and the same code
 * runs against the product and the bare reference.
 */
export class SocketClients {
  private listener: DeliveryListener = () => {};
  private closedUnexpectedly = 0;
  private stopping = false;

  private constructor(private readonly sockets: WebSocket[]) {}

  static async connect(opts: ConnectOptions): Promise<SocketClients> {
    const clients = new SocketClients([]);
    const results = await Promise.allSettled(Array.from({ length: opts.count }, () => clients.open(opts)));
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult | undefined;
    if (failed) {
      clients.close();
      throw failed.reason;
    }
    return clients;
  }

  get size() {
    return this.sockets.length;
  }

  /** Sockets that closed while the bench still used them (an error in the run). */
  get lost() {
    return this.closedUnexpectedly;
  }

  onDelivery(listener: DeliveryListener) {
    this.listener = listener;
  }

  close() {
    this.stopping = true;
    for (const ws of this.sockets) ws.terminate();
  }

  private open(opts: ConnectOptions): Promise<void> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(opts.url, { headers: opts.cookie ? { cookie: opts.cookie } : {}, perMessageDeflate: false, skipUTF8Validation: true });
      let ready = false;
      const timer = setTimeout(() => {
        ws.terminate();
        reject(new Error(`socket not ready within ${opts.timeoutMs ?? 15_000} ms`));
      }, opts.timeoutMs ?? 15_000);
      ws.on('open', () => {
        const subscribe: Record<string, unknown> = { type: 'subscribe', topics: ['workspace'] };
        if (opts.lastEventId !== undefined) subscribe.lastEventId = opts.lastEventId;
        ws.send(JSON.stringify(subscribe));
      });
      ws.on('message', (data: Buffer) => {
        if (ready) return this.frame(data);
        const text = data.toString();
        if (text.includes('"type":"ready"')) {
          ready = true;
          clearTimeout(timer);
          this.sockets.push(ws);
          resolve();
        } else if (text.includes('"type":"error"')) {
          clearTimeout(timer);
          ws.terminate();
          reject(new Error(`subscribe refused: ${text.slice(0, 300)}`));
        }
      });
      ws.on('unexpected-response', (_req, res) => {
        clearTimeout(timer);
        reject(new Error(`socket upgrade refused: HTTP ${res.statusCode}`));
      });
      ws.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      ws.on('close', () => {
        if (ready && !this.stopping) this.closedUnexpectedly++;
      });
    });
  }

  private frame(data: Buffer) {
    if (data.indexOf(MESSAGE_CREATED) < 0) return;
    let i = data.indexOf(MARK);
    if (i < 0) return;
    i += MARK.length;
    let phase = 0;
    for (; i < data.length && data[i] !== DOT; i++) phase = phase * 10 + (data[i] - 48);
    let seq = 0;
    for (i++; i < data.length && data[i] !== HASH; i++) seq = seq * 10 + (data[i] - 48);
    this.listener(phase, seq, performance.now());
  }
}

/**
 * The newest event id, from a probe socket's `ready` frame: the bench's clients subscribe from
 * there, so they receive live traffic only, never a replay of earlier runs.
 */
export async function currentEventId(url: string, cookie?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: cookie ? { cookie } : {}, perMessageDeflate: false, skipUTF8Validation: true });
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error('probe socket not ready within 15 s'));
    }, 15_000);
    ws.on('open', () => ws.send(JSON.stringify({ type: 'subscribe', topics: ['workspace'] })));
    ws.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString()) as { type: string; lastEventId?: number };
      if (frame.type !== 'ready') return;
      clearTimeout(timer);
      ws.terminate();
      if (typeof frame.lastEventId === 'number') resolve(frame.lastEventId);
      else reject(new Error(`ready frame without lastEventId: ${data.toString().slice(0, 200)}`));
    });
    ws.on('unexpected-response', (_req, res) => {
      clearTimeout(timer);
      reject(new Error(`probe socket upgrade refused: HTTP ${res.statusCode}`));
    });
    ws.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}
