import type { FrameInit } from '../protocol';

export interface VisitorMessage {
  id: number;
  conversationId: number;
  from: 'visitor' | 'agent';
  body: string;
  attachments: Array<{ id: number; filename: string; contentType: string; size: number; url: string }>;
  agent: { name: string; avatarUrl: string | null } | null;
  createdAt: string;
  /** For my own messages, the id this widget gave it when sending. */
  clientId: string | null;
}
export interface VisitorConversation {
  id: number;
  status: 'open' | 'closed';
  createdAt: string;
  closedAt: string | null;
  rating: { score: number; comment: string | null } | null;
}
export interface PrechatField {
  key: string;
  label: string;
  type: string;
  options?: string[];
  required: boolean;
}
export interface Session {
  visitorId: string;
  visitorToken: string;
  channel: { name: string; greeting: string; color: string; position: 'right' | 'left'; open: boolean; prechat: { enabled: boolean; message: string; fields: PrechatField[] }; campaigns: Array<{ id: string; message: string; urlPattern: string; secondsOnPage: number }> };
  contact: { name: string; email: string | null; phone: string | null } | null;
  prechatNeeded: boolean;
}

export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly field?: string) {
    super(message);
  }
}

/** The widget API, from inside the iframe: same origin as Atiende, authenticated by the visitor token. */
export class WidgetApi {
  token = '';
  constructor(readonly channel: string, readonly page: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { 'x-atiende-page': this.page };
    if (this.token) headers['x-atiende-visitor'] = this.token;
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(`/api/v1/widget/${path}`, { method, headers, body: payload, credentials: 'omit' });
    const json = res.status === 204 ? null : await res.json().catch(() => null);
    if (!res.ok) throw new ApiError(res.status, json?.error?.message ?? `HTTP ${res.status}`, json?.error?.details?.[0]?.field);
    return json as T;
  }

  async session(init: FrameInit, kept: string | null) {
    const s = await this.call<Session>('POST', 'session', { channel: this.channel, ...(kept ? { visitorToken: kept } : {}), ...(init.user?.id ? { user: init.user } : {}) });
    this.token = s.visitorToken;
    return s;
  }
  prechat = (values: Record<string, string | boolean>) => this.call<{ contact: Session['contact'] }>('POST', 'prechat', { values });
  messages = (before?: number) => this.call<{ conversations: VisitorConversation[]; messages: VisitorMessage[]; hasMore: boolean }>('GET', `messages${before ? `?before=${before}` : ''}`);
  send = (body: { id: string; text: string; attachments: Array<{ id: number; ref: string }>; pageUrl?: string; campaignId?: string }) => this.call<VisitorMessage>('POST', 'messages', body);
  upload(file: File) {
    const form = new FormData();
    form.append('file', file);
    return this.call<{ id: number; ref: string; filename: string; contentType: string; size: number }>('POST', 'attachments', form);
  }
  typing = (typing: boolean) => this.call('POST', 'typing', { typing }).catch(() => {});
  read = (upToMessageId: number) => this.call('POST', 'read', { upToMessageId }).catch(() => {});
  rate = (conversationId: number, score: number, comment: string) => this.call('POST', `conversations/${conversationId}/rating`, { score, ...(comment.trim() ? { comment } : {}) });
  transcript = (conversationId: number, email?: string) => this.call<{ to: string }>('POST', `conversations/${conversationId}/transcript`, email ? { email } : {});
}

export type SocketFrame =
  | { type: 'ready' }
  | { type: 'message'; message: VisitorMessage }
  | { type: 'message_deleted'; id: number; conversationId: number }
  | { type: 'conversation'; conversation: { id: number; status: 'open' | 'closed' } }
  | { type: 'typing'; conversationId: number; typing: boolean; agent: { name: string } };

/** The visitor's socket, reconnecting with backoff; `onReady` runs after each (re)connection, to refetch. */
export function connectSocket(api: WidgetApi, onFrame: (f: SocketFrame) => void, onState: (live: boolean) => void): () => void {
  let ws: WebSocket | null = null;
  let stopped = false;
  let delay = 1000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const open = () => {
    ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/api/v1/widget/realtime`);
    ws.onopen = () => ws!.send(JSON.stringify({ type: 'auth', token: api.token, page: api.page }));
    ws.onmessage = (e) => {
      const frame = JSON.parse(String(e.data)) as SocketFrame;
      if (frame.type === 'ready') {
        delay = 1000;
        onState(true);
      }
      onFrame(frame);
    };
    ws.onclose = (e) => {
      onState(false);
      // 4401/4403/4404: the token, the site or the chat is refused; retrying will not help.
      if (stopped || (e.code >= 4401 && e.code <= 4404)) return;
      timer = setTimeout(open, delay);
      delay = Math.min(delay * 2, 30_000);
    };
  };
  open();
  const ping = setInterval(() => ws?.readyState === WebSocket.OPEN && ws.send('{"type":"ping"}'), 25_000);
  return () => {
    stopped = true;
    clearTimeout(timer);
    clearInterval(ping);
    ws?.close();
  };
}

/** The widget's own id for a message: a retry of the same send is stored once. */
export const newMessageId = () => `w${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
