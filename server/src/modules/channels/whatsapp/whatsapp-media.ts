import { Readable } from 'node:stream';
import { ChannelSendError, type ChannelRecord, type FetchedMedia, type SendOptions } from '../channel.js';
import { graphCall, whatsappAccount } from './whatsapp-graph.js';

/**
 * Downloads an inbound file in Meta's two steps: `GET /{media-id}` gives a URL valid for five minutes, which
 * answers only with the same bearer token. The media job treats "HTTP 4xx" as final (an unknown or expired
 * media id) and retries the rest.
 */
export async function fetchWhatsAppMedia(channel: ChannelRecord, mediaId: string, opts: SendOptions): Promise<FetchedMedia> {
  const { accessToken, phoneNumberId } = whatsappAccount(channel);
  let info: Record<string, any>;
  try {
    info = await graphCall(channel, opts, encodeURIComponent(mediaId), { query: { phone_number_id: phoneNumberId } });
  } catch (err) {
    const e = err as ChannelSendError;
    throw new Error(e.kind === 'permanent' ? `HTTP 400: ${e.providerCode ?? ''} ${e.message}`.trim() : e.message);
  }
  if (typeof info.url !== 'string' || !info.url) throw new Error('HTTP 404: the Graph API gave no media URL');
  const res = await fetch(info.url, { headers: { authorization: `Bearer ${accessToken}` }, signal: AbortSignal.timeout(opts.timeoutMs) });
  if (!res.ok || !res.body) throw new Error(`HTTP ${res.status} downloading WhatsApp media ${mediaId}`);
  const contentType = String(info.mime_type ?? res.headers.get('content-type') ?? 'application/octet-stream');
  return {
    stream: Readable.fromWeb(res.body as never),
    contentType,
    filename: `${mediaId}.${contentType.split('/')[1]?.split(';')[0] ?? 'bin'}`,
  };
}
