import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { isProtocolMessage, type Campaign, type FrameInit, type FrameToLoader, type LoaderToFrame } from '../protocol';
import { ApiError, connectSocket, newMessageId, type Session, type SocketFrame, type VisitorConversation, type VisitorMessage, WidgetApi } from './api';
import { fill, type Strings } from './i18n';
import { PrechatForm } from './prechat-form';
import { ClosedPanel } from './closed-panel';
import { Composer, type Upload } from './composer';

interface Outgoing {
  key: string;
  text: string;
  files: Upload[];
  failed: boolean;
}

const toLoader = (m: FrameToLoader) => window.parent.postMessage(m, '*');
const storageKey = (channel: string) => `atiende:${channel}`;
const kept = (channel: string) => {
  try {
    return localStorage.getItem(storageKey(channel));
  } catch {
    return null; // storage blocked in third-party frames: the loader keeps the token on the page instead (FrameInit.token)
  }
};
const keep = (channel: string, token: string) => {
  try {
    localStorage.setItem(storageKey(channel), token);
  } catch {
    /* see kept() */
  }
};

export function App({ t, channel, init, page }: { t: Strings; channel: string; init: FrameInit; page: string }) {
  const api = useMemo(() => new WidgetApi(channel, page), [channel, page]);
  const [session, setSession] = useState<Session | null>(null);
  const [fatal, setFatal] = useState<string | null>(null);
  const [messages, setMessages] = useState<Map<number, VisitorMessage>>(new Map());
  const [conversations, setConversations] = useState<Map<number, VisitorConversation>>(new Map());
  const [hasMore, setHasMore] = useState(false);
  const [outgoing, setOutgoing] = useState<Outgoing[]>([]);
  const [typing, setTyping] = useState<{ name: string; until: number } | null>(null);
  const [live, setLive] = useState(true);
  const [open, setOpen] = useState(false);
  const [campaign, setCampaign] = useState<Campaign | null>(null);
  const [prechatError, setPrechatError] = useState<{ field?: string; message: string } | null>(null);
  const [lastRead, setLastRead] = useState(0);
  const bottom = useRef<HTMLDivElement>(null);

  const merge = (list: VisitorMessage[], convs?: VisitorConversation[]) => {
    setMessages((prev) => {
      const next = new Map(prev);
      for (const m of list) next.set(m.id, m);
      return next;
    });
    if (convs) setConversations((prev) => new Map([...prev, ...convs.map((c) => [c.id, c] as const)]));
  };
  const refresh = async () => {
    const page = await api.messages();
    merge(page.messages, page.conversations);
    setHasMore((more) => more || page.hasMore);
  };

  useEffect(() => {
    let stop = () => {};
    api.session(init, kept(channel) ?? init.token ?? null).then((s) => {
      keep(channel, s.visitorToken);
      toLoader({ atiende: 1, type: 'token', token: s.visitorToken });
      setSession(s);
      toLoader({ atiende: 1, type: 'config', color: s.channel.color, position: s.channel.position, campaigns: s.channel.campaigns, title: s.channel.name });
      stop = connectSocket(api, (f) => onFrame(f), setLive);
    }).catch((e: ApiError) => setFatal(e.status === 403 ? t.notAllowed : t.unavailable));
    const onParent = (e: MessageEvent) => {
      if (e.source !== window.parent || !isProtocolMessage(e.data)) return;
      const m = e.data as LoaderToFrame;
      setOpen(m.type === 'open');
      if (m.type === 'open' && m.campaign) setCampaign(m.campaign);
    };
    window.addEventListener('message', onParent);
    return () => {
      stop();
      window.removeEventListener('message', onParent);
    };
  }, []);

  const onFrame = (f: SocketFrame) => {
    if (f.type === 'ready') void refresh().catch(() => {});
    else if (f.type === 'message') {
      merge([f.message]);
      setConversations((prev) => (prev.has(f.message.conversationId) ? prev : new Map(prev).set(f.message.conversationId, { id: f.message.conversationId, status: 'open', createdAt: f.message.createdAt, closedAt: null, rating: null })));
      if (f.message.from === 'agent') setTyping(null);
    } else if (f.type === 'message_deleted') {
      setMessages((prev) => {
        const next = new Map(prev);
        next.delete(f.id);
        return next;
      });
    } else if (f.type === 'conversation') {
      setConversations((prev) => {
        const c = prev.get(f.conversation.id);
        return new Map(prev).set(f.conversation.id, { ...(c ?? { createdAt: new Date().toISOString(), closedAt: null, rating: null }), id: f.conversation.id, status: f.conversation.status });
      });
    } else if (f.type === 'typing') setTyping(f.typing ? { name: f.agent.name, until: Date.now() + 6000 } : null);
  };

  // A typing indicator not renewed goes away by itself.
  useEffect(() => {
    if (!typing) return;
    const timer = setTimeout(() => setTyping(null), typing.until - Date.now());
    return () => clearTimeout(timer);
  }, [typing]);

  const sorted = [...messages.values()].sort((a, b) => a.id - b.id);
  // A message the socket brought before its own send answered: the stored bubble replaces the "sending" one.
  const stored = new Set(sorted.flatMap((m) => (m.clientId ? [m.clientId] : [])));
  const newestAgent = sorted.filter((m) => m.from === 'agent').at(-1)?.id ?? 0;
  useEffect(() => {
    if (open && newestAgent > lastRead && document.visibilityState === 'visible') {
      setLastRead(newestAgent);
      void api.read(newestAgent);
    }
    const unread = open ? 0 : sorted.filter((m) => m.from === 'agent' && m.id > lastRead).length;
    toLoader({ atiende: 1, type: 'unread', count: unread });
    bottom.current?.scrollIntoView({ block: 'end' });
  }, [open, newestAgent, outgoing.length, typing]);

  const send = async (o: Outgoing) => {
    setOutgoing((list) => [...list.filter((x) => x.key !== o.key), { ...o, failed: false }]);
    try {
      const m = await api.send({ id: o.key, text: o.text, attachments: o.files.map((f) => ({ id: f.id, ref: f.ref })), pageUrl: init.page, ...(campaign ? { campaignId: campaign.id } : {}) });
      merge([m]);
      setConversations((prev) => {
        const c = prev.get(m.conversationId);
        return c?.status === 'open' ? prev : new Map(prev).set(m.conversationId, { id: m.conversationId, status: 'open', createdAt: m.createdAt, closedAt: null, rating: null });
      });
      setOutgoing((list) => list.filter((x) => x.key !== o.key));
    } catch {
      setOutgoing((list) => list.map((x) => (x.key === o.key ? { ...x, failed: true } : x)));
    }
  };

  if (fatal) return <div class="fatal" role="alert">{fatal}</div>;
  if (!session) return <div class="loading" aria-busy="true" />;

  const latest = [...conversations.values()].sort((a, b) => b.id - a.id)[0];
  const showPrechat = session.prechatNeeded && messages.size === 0 && outgoing.length === 0;
  const groups: Array<{ conversation: VisitorConversation | undefined; items: VisitorMessage[] }> = [];
  for (const m of sorted) {
    const last = groups.at(-1);
    if (last && last.items[0].conversationId === m.conversationId) last.items.push(m);
    else groups.push({ conversation: conversations.get(m.conversationId), items: [m] });
  }

  // The greeting (and the campaign the visitor answered) open the current conversation, or the next one.
  const opening = showPrechat ? null : (
    <>
      {session.channel.greeting ? <div class="bubble agent greeting">{session.channel.greeting}</div> : null}
      {campaign ? <div class="bubble agent">{campaign.message}</div> : null}
    </>
  );

  return (
    <div class="chat" style={{ '--color': session.channel.color }}>
      <header>
        <strong>{session.channel.name}</strong>
        <button type="button" class="icon" aria-label={t.close} onClick={() => toLoader({ atiende: 1, type: 'close' })}>×</button>
      </header>
      {!live ? <p class="notice">{t.reconnecting}</p> : null}
      <main aria-live="polite">
        {hasMore ? (
          <button type="button" class="link" onClick={async () => {
            const page = await api.messages(sorted[0]?.id);
            merge(page.messages, page.conversations);
            setHasMore(page.hasMore);
          }}>{t.loadEarlier}</button>
        ) : null}
        {groups.map((g) => (
          <section key={g.items[0].id}>
            {g.conversation && g.conversation.id !== latest?.id ? <p class="divider">{t.earlier} · {new Date(g.conversation.createdAt).toLocaleDateString()}</p> : null}
            {g.conversation?.id === latest?.id && latest?.status === 'open' ? opening : null}
            {g.items.map((m) => <Bubble key={m.id} m={m} />)}
          </section>
        ))}
        {!latest ? opening : null}
        {outgoing.filter((o) => !stored.has(o.key)).map((o) => (
          <button type="button" key={o.key} class={`bubble visitor pending${o.failed ? ' failed' : ''}`} disabled={!o.failed} onClick={() => send(o)}>
            {o.text}
            {o.files.map((f) => <span class="file" key={f.id}>📎 {f.filename}</span>)}
            {o.failed ? <small>{t.failed}</small> : null}
          </button>
        ))}
        {latest?.status === 'closed' && outgoing.length === 0 ? (
          <>
            <ClosedPanel t={t} api={api} conversation={latest} knownEmail={session.contact?.email ?? null} onRated={(score, comment) => setConversations((prev) => new Map(prev).set(latest.id, { ...latest, rating: { score, comment } }))} />
            <p class="hint">{t.newConversation}</p>
          </>
        ) : null}
        {typing ? <p class="typing">{fill(t.typing, { name: typing.name })}</p> : null}
        <div ref={bottom} />
      </main>
      {showPrechat ? (
        <PrechatForm t={t} message={session.channel.prechat.message} fields={session.channel.prechat.fields} error={prechatError} onSubmit={async (values) => {
          try {
            const { contact } = await api.prechat(values);
            setSession({ ...session, contact, prechatNeeded: false });
          } catch (e) {
            setPrechatError({ field: (e as ApiError).field, message: (e as Error).message });
          }
        }} />
      ) : (
        <Composer t={t} api={api} onSend={(text, files) => send({ key: newMessageId(), text, files, failed: false })} />
      )}
    </div>
  );
}

function Bubble({ m }: { m: VisitorMessage }) {
  return (
    <div class={`bubble ${m.from}`}>
      {m.from === 'agent' && m.agent ? (
        <span class="author">
          {m.agent.avatarUrl ? <img src={m.agent.avatarUrl} alt="" width={20} height={20} /> : null}
          {m.agent.name}
        </span>
      ) : null}
      {m.body ? <span class="text">{m.body}</span> : null}
      {m.attachments.map((a) =>
        a.contentType.startsWith('image/') ? (
          <a key={a.id} href={a.url} target="_blank" rel="noopener"><img class="image" src={a.url} alt={a.filename} /></a>
        ) : (
          <a key={a.id} class="file" href={a.url} target="_blank" rel="noopener">📎 {a.filename}</a>
        ),
      )}
    </div>
  );
}
