import WebSocket from 'ws';
import { VISITOR_TOKEN_HEADER } from '../../src/modules/channels/webchat/visitor-token.js';

export interface VisitorFrame {
  type: string;
  message?: { id: number; conversationId: number; from: 'visitor' | 'agent'; body: string; attachments: Array<{ url: string; filename: string }>; agent: { name: string; avatarUrl: string | null } | null };
  [key: string]: unknown;
}

/**
 * The visitor's side of the web chat, as the widget in a browser would be: one WebSocket per visitor on
 * /api/v1/widget/realtime (authenticated by its first frame), recording every frame it is pushed. There is no
 * provider behind the web chat; this is the other end the conformance suite and the leak tests listen at.
 */
export class VisitorSockets {
  private sockets = new Map<string, { ws: WebSocket; frames: VisitorFrame[]; ready: Promise<void> }>();

  constructor(private baseUrl: string) {}

  /** Opens (once) a socket for the visitor with this token; resolves when the server says `ready`. */
  /** `listOnReady`: like the widget, list the messages once live (recorded as frames with `listed: true`). */
  watch(visitorId: string, token: string, opts: { page?: string; headers?: Record<string, string>; listOnReady?: boolean } = {}): Promise<void> {
    const known = this.sockets.get(visitorId);
    if (known) return known.ready;
    const ws = new WebSocket(`${this.baseUrl.replace(/^http/, 'ws')}/api/v1/widget/realtime`, { headers: opts.headers });
    const frames: VisitorFrame[] = [];
    const ready = new Promise<void>((resolve, reject) => {
      ws.once('open', () => ws.send(JSON.stringify({ type: 'auth', token, ...(opts.page ? { page: opts.page } : {}) })));
      ws.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as VisitorFrame;
        frames.push(frame);
        if (frame.type === 'ready') {
          resolve();
          // Like the widget: once live, list the messages, so a reply committed before the socket was ready is not missed.
          if (opts.listOnReady) void this.refetch(token, opts.headers, frames).catch(() => {});
        }
      });
      ws.once('close', (code, reason) => reject(new Error(`visitor socket closed: ${code} ${reason.toString()}`)));
      ws.once('error', reject);
    });
    ready.catch(() => {});
    this.sockets.set(visitorId, { ws, frames, ready });
    return ready;
  }

  private async refetch(token: string, headers: Record<string, string> | undefined, frames: VisitorFrame[]) {
    const res = await fetch(`${this.baseUrl}/api/v1/widget/messages`, { headers: { ...headers, [VISITOR_TOKEN_HEADER]: token } });
    if (!res.ok) return;
    const { messages } = (await res.json()) as { messages: NonNullable<VisitorFrame['message']>[] };
    const seen = new Set(frames.flatMap((f) => (f.type === 'message' && f.message ? [f.message.id] : [])));
    for (const message of [...messages].reverse()) if (message.from === 'agent' && !seen.has(message.id)) frames.push({ type: 'message', message, listed: true });
  }

  framesOf(visitorId: string): VisitorFrame[] {
    return this.sockets.get(visitorId)?.frames ?? [];
  }

  /** The agents' messages this visitor was pushed, oldest first. */
  agentMessages(visitorId: string) {
    return this.framesOf(visitorId).flatMap((f) => (f.type === 'message' && f.message?.from === 'agent' ? [f.message] : []));
  }

  /** Waits until a frame matching `pred` arrived for the visitor. */
  async waitFor(visitorId: string, pred: (f: VisitorFrame) => boolean, timeoutMs = 10_000): Promise<VisitorFrame> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.framesOf(visitorId).find(pred);
      if (hit) return hit;
      if (Date.now() > end) throw new Error(`no matching frame for ${visitorId} within ${timeoutMs} ms; got ${JSON.stringify(this.framesOf(visitorId).slice(-5))}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async close() {
    await Promise.all([...this.sockets.values()].map(({ ws }) => new Promise<void>((resolve) => {
      if (ws.readyState === WebSocket.CLOSED) return resolve();
      ws.once('close', () => resolve());
      ws.close();
    })));
    this.sockets.clear();
  }
}
