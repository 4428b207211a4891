import type { AppContext } from '../../platform/context.js';
import { AppError, ErrorCode, forbidden, notFound } from '../../platform/http/errors.js';
import { systemActor } from '../auth/permissions.js';
import { loadChannelWithSecrets, type LoadedChannel } from '../channels/load-channel.js';
import { claimsAllowed, readVisitorToken, type VisitorClaims } from '../channels/webchat/visitor-token.js';
import { pageAllowed } from '../channels/webchat/allowed-domains.js';
import { webchatConfigOf, type WebchatConfig } from '../channels/webchat/webchat-settings.js';
import { findWebchatChannelIdByPublicToken } from './widget.repo.js';

export interface WebchatChannel extends LoadedChannel {
  settings: WebchatConfig;
}

export interface Visitor {
  channel: WebchatChannel;
  claims: VisitorClaims;
}

type Headers = Record<string, string | string[] | undefined>;

/** Settings are re-read this often: a changed allowed-domain list or greeting applies within it. */
const CACHE_MS = 2000;

/** Web chat channels by id and by public token, cached briefly (every widget request needs one). */
export class WidgetChannels {
  private byId = new Map<number, { channel: WebchatChannel | null; until: number }>();
  private byToken = new Map<string, { id: number | null; until: number }>();

  constructor(private ctx: AppContext) {}

  async get(id: number): Promise<WebchatChannel | null> {
    const hit = this.byId.get(id);
    if (hit && hit.until > Date.now()) return hit.channel;
    const loaded = await loadChannelWithSecrets(this.ctx, id);
    const channel = loaded && loaded.type === 'webchat' ? { ...loaded, settings: webchatConfigOf(loaded.config) } : null;
    this.byId.set(id, { channel, until: Date.now() + CACHE_MS });
    return channel;
  }

  async byPublicToken(token: string): Promise<WebchatChannel | null> {
    let hit = this.byToken.get(token);
    if (!hit || hit.until <= Date.now()) {
      if (this.byToken.size > 10_000) this.byToken.clear(); // unknown tokens must not grow it without bound
      hit = { id: await findWebchatChannelIdByPublicToken(this.ctx.db, token), until: Date.now() + CACHE_MS };
      this.byToken.set(token, hit);
    }
    const channel = hit.id === null ? null : await this.get(hit.id);
    // The token may have been changed since: the channel must still carry it.
    return channel && channel.settings.publicToken === token ? channel : null;
  }
}

/** An active web chat channel whose page check passes, or the error the widget shows. */
export function usableChannel(channel: WebchatChannel | null, headers: Headers): WebchatChannel {
  if (!channel || !channel.active) throw notFound('Chat');
  if (!pageAllowed(channel.settings.allowedDomains, headers)) throw forbidden('This site is not among the chat\'s allowed domains');
  return channel;
}

/** Reads the channel id from a token before its signature can be checked with that channel's secret. */
function channelIdOf(token: string): number | null {
  try {
    const c = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8'));
    return Number.isSafeInteger(c?.c) && c.c > 0 ? c.c : null;
  } catch {
    return null;
  }
}

const unauthenticated = () => new AppError(ErrorCode.Unauthenticated, 401, 'Missing or invalid visitor token: start a session first');

/** The visitor behind a request's token: 401 without a valid one, 404 for a gone channel, 403 from a page not allowed. */
export async function visitorFromToken(channels: WidgetChannels, token: string | undefined, headers: Headers): Promise<Visitor> {
  if (!token) throw unauthenticated();
  const channelId = channelIdOf(token);
  const channel = channelId === null ? null : await channels.get(channelId);
  const claims = channel ? readVisitorToken(channel.secrets?.tokenSecret, token) : null;
  if (!channel || !claims || !claimsAllowed(claims, channel)) throw unauthenticated();
  return { channel: usableChannel(channel, headers), claims };
}

/** Existing use cases (contacts, uploads) take an actor: on the widget's behalf, the system of the channel's workspace. */
export const widgetActor = systemActor;
