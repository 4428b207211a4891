/** Messages between the loader (the host page) and the chat iframe, marked so other postMessage traffic is ignored. */
export interface Campaign {
  id: string;
  message: string;
  urlPattern: string;
  secondsOnPage: number;
}

export type FrameToLoader =
  | { atiende: 1; type: 'config'; color: string; position: 'right' | 'left'; campaigns: Campaign[]; title: string }
  | { atiende: 1; type: 'unread'; count: number }
  | { atiende: 1; type: 'close' }
  /** The visitor token, for the loader to keep in the host page's storage too (see FrameInit.token). */
  | { atiende: 1; type: 'token'; token: string };

export type LoaderToFrame = { atiende: 1; type: 'open'; campaign?: Campaign } | { atiende: 1; type: 'closed' };

/** What the loader tells the iframe at start (in the URL fragment: never sent to any server). */
export interface FrameInit {
  page: string;
  lang?: string;
  user?: { id: string; hash?: string; name?: string; email?: string };
  /**
   * The visitor token the loader kept in the host page's storage. The iframe keeps it in its own storage first;
   * browsers that block storage in third-party frames (Safari, Chromium with third-party cookies blocked) need this.
   */
  token?: string;
}

/** `*` stands for anything; the rest is literal. Matched against the whole URL. */
export function urlMatches(pattern: string, url: string): boolean {
  const source = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*');
  return new RegExp(`^${source}$`, 'i').test(url);
}

export const isProtocolMessage = (data: unknown): data is { atiende: 1; type: string } =>
  typeof data === 'object' && data !== null && (data as { atiende?: unknown }).atiende === 1 && typeof (data as { type?: unknown }).type === 'string';
