import { isProtocolMessage, urlMatches, type Campaign, type FrameInit, type FrameToLoader, type LoaderToFrame } from './protocol';

/**
 * The embed snippet: <script src="https://ATIENDE/widget/loader.js" data-channel="wc_…" async></script>.
 * It adds the chat bubble and an iframe with the chat (served by Atiende, so the chat's code and the visitor's
 * storage stay out of the host page), shows proactive campaign messages above the bubble, and nothing else.
 * Optional: data-lang="es|en", and for signed-in users data-user-id, data-user-hash (identity verification),
 * data-user-name, data-user-email.
 */
(() => {
  const script = (document.currentScript ?? document.querySelector('script[data-channel][src*="/widget/loader.js"]')) as HTMLScriptElement | null;
  const channel = script?.dataset.channel;
  if (!script || !channel || (window as { __atiendeWidget?: boolean }).__atiendeWidget) return;
  (window as { __atiendeWidget?: boolean }).__atiendeWidget = true;
  const base = new URL(script.src).origin;
  const started = Date.now();
  const d = script.dataset;
  const storageKey = `atiende:${channel}`;
  const store = (value?: string) => {
    try {
      return value === undefined ? localStorage.getItem(storageKey) ?? undefined : (localStorage.setItem(storageKey, value), value);
    } catch {
      return undefined; // storage blocked: no continuity from this side
    }
  };
  const init: FrameInit = { page: location.href, lang: d.lang, token: store(), ...(d.userId ? { user: { id: d.userId, hash: d.userHash, name: d.userName, email: d.userEmail } } : {}) };

  const root = document.createElement('div');
  root.setAttribute('data-atiende-widget', '');
  const side = (el: HTMLElement, position: string, px: number) => {
    el.style.left = position === 'left' ? `${px}px` : '';
    el.style.right = position === 'left' ? '' : `${px}px`;
  };
  const css = (el: HTMLElement, style: Partial<CSSStyleDeclaration>) => Object.assign(el.style, style);

  const frame = document.createElement('iframe');
  frame.title = 'Chat';
  frame.src = `${base}/widget/frame.html?channel=${encodeURIComponent(channel)}#${encodeURIComponent(JSON.stringify(init))}`;
  frame.allow = 'clipboard-write';
  css(frame, { position: 'fixed', bottom: '96px', width: '370px', height: '580px', maxHeight: 'calc(100vh - 116px)', maxWidth: 'calc(100vw - 32px)', border: '0', borderRadius: '14px', boxShadow: '0 8px 32px rgba(0,0,0,.2)', display: 'none', zIndex: '2147483000', background: '#fff' });

  const bubble = document.createElement('button');
  bubble.type = 'button';
  bubble.setAttribute('aria-label', 'Chat');
  bubble.setAttribute('data-atiende', 'bubble');
  bubble.innerHTML = '<svg width="28" height="28" viewBox="0 0 24 24" fill="none" stroke="#fff" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z"/></svg>';
  css(bubble, { position: 'fixed', bottom: '20px', width: '60px', height: '60px', borderRadius: '50%', border: '0', cursor: 'pointer', background: '#1c7ed6', boxShadow: '0 4px 16px rgba(0,0,0,.25)', zIndex: '2147483000', display: 'flex', alignItems: 'center', justifyContent: 'center', padding: '0' });

  const badge = document.createElement('span');
  css(badge, { position: 'absolute', top: '-2px', right: '-2px', minWidth: '20px', height: '20px', borderRadius: '10px', background: '#e03131', color: '#fff', font: 'bold 12px/20px system-ui,sans-serif', display: 'none', padding: '0 5px', boxSizing: 'border-box' });
  bubble.appendChild(badge);

  const card = document.createElement('div');
  card.setAttribute('role', 'status');
  card.setAttribute('data-atiende', 'campaign');
  css(card, { position: 'fixed', bottom: '92px', maxWidth: '280px', padding: '12px 32px 12px 14px', background: '#fff', color: '#222', borderRadius: '12px', boxShadow: '0 4px 20px rgba(0,0,0,.18)', font: '14px/1.4 system-ui,sans-serif', cursor: 'pointer', display: 'none', zIndex: '2147483000' });
  const cardText = document.createElement('span');
  const cardClose = document.createElement('button');
  cardClose.type = 'button';
  cardClose.textContent = '×';
  cardClose.setAttribute('aria-label', 'Cerrar');
  css(cardClose, { position: 'absolute', top: '4px', right: '6px', border: '0', background: 'none', fontSize: '18px', cursor: 'pointer', color: '#666' });
  card.append(cardText, cardClose);

  root.append(card, frame, bubble);
  const mount = () => document.body.appendChild(root);
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);

  let isOpen = false;
  let shown: Campaign | null = null;
  const post = (message: LoaderToFrame) => frame.contentWindow?.postMessage(message, base);
  const open = (campaign?: Campaign) => {
    isOpen = true;
    frame.style.display = 'block';
    card.style.display = 'none';
    badge.style.display = 'none';
    if (window.innerWidth < 480) css(frame, { inset: '0', width: '100vw', height: '100vh', maxHeight: '100vh', maxWidth: '100vw', borderRadius: '0' });
    post({ atiende: 1, type: 'open', ...(campaign ? { campaign } : {}) });
  };
  const close = () => {
    isOpen = false;
    frame.style.display = 'none';
    post({ atiende: 1, type: 'closed' });
  };
  bubble.addEventListener('click', () => (isOpen ? close() : open()));
  card.addEventListener('click', () => shown && open(shown));
  cardClose.addEventListener('click', (e) => {
    e.stopPropagation();
    card.style.display = 'none';
    if (shown) sessionStorage.setItem(`atiende-campaign-${shown.id}`, 'dismissed');
  });

  /** The first campaign for this page not dismissed in this browser session, after its time on page. */
  const schedule = (campaigns: Campaign[]) => {
    const due = campaigns.find((c) => urlMatches(c.urlPattern, location.href) && !sessionStorage.getItem(`atiende-campaign-${c.id}`));
    if (!due) return;
    setTimeout(() => {
      if (isOpen || shown) return;
      shown = due;
      cardText.textContent = due.message;
      card.style.display = 'block';
    }, Math.max(0, due.secondsOnPage * 1000 - (Date.now() - started)));
  };

  window.addEventListener('message', (e) => {
    if (e.origin !== base || e.source !== frame.contentWindow || !isProtocolMessage(e.data)) return;
    const m = e.data as FrameToLoader;
    if (m.type === 'config') {
      bubble.style.background = m.color;
      bubble.setAttribute('aria-label', m.title);
      for (const el of [bubble, frame, card]) side(el, m.position, 20);
      schedule(m.campaigns);
    } else if (m.type === 'unread') {
      badge.textContent = String(m.count);
      badge.style.display = m.count > 0 && !isOpen ? 'block' : 'none';
    } else if (m.type === 'close') close();
    else if (m.type === 'token') store(m.token);
  });
  for (const el of [bubble, frame, card]) side(el, 'right', 20);
})();
