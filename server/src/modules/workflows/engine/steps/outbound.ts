import { Readable } from 'node:stream';
import { sendMessage } from '../../../messages/send-message.js';
import { uploadAttachment } from '../../../messages/upload-attachment.js';
import { outgoingReply } from '../../../bots/outgoing-reply.js';
import { adapterFor } from '../../../channels/registry.js';
import { valueAsText } from '../../definition/render-template.js';
import type { StepContext } from '../engine-types.js';
import { actingAs } from './step-support.js';
import { fetchTarget } from './http-target.js';

export interface Choice {
  id: string;
  title: string;
}

const MEDIA_TIMEOUT_MS = 30_000;

/** Whether the run's conversation's channel shows buttons (else choices go as a numbered list). */
export const showsButtons = (sc: StepContext) => adapterFor(valueAsText(sc.values.conversation?.channel))?.capabilities.interactive ?? false;

/** A text, with buttons to tap where the channel has them and a numbered list to answer by number elsewhere. */
export async function sendText(sc: StepContext, conversationId: number, text: string, choices: Choice[] = []) {
  const reply = outgoingReply({ text, buttons: choices }, showsButtons(sc));
  return sendMessage(actingAs(sc), conversationId, { body: reply.body, buttons: reply.meta.buttons as Choice[] | undefined });
}

/**
 * A file by URL: downloaded (private addresses refused as for HTTP steps, 30 s at most, the upload size limit) into
 * storage as an agent's upload would be, then sent with its caption. A failed download throws.
 */
export async function sendMedia(sc: StepContext, conversationId: number, media: { url: string; caption: string; filename?: string }) {
  const res = await download(sc, media.url);
  const uc = actingAs(sc);
  const file = await uploadAttachment(uc, {
    filename: media.filename?.trim() || fileNameOf(res.url || media.url),
    contentType: res.headers.get('content-type')?.split(';')[0].trim() || 'application/octet-stream',
    stream: Readable.fromWeb(res.body as never),
  });
  return sendMessage(uc, conversationId, { body: media.caption, attachmentIds: [file.id] });
}

/** Thrown when a file to send cannot be fetched: the step's failure, not the run's. */
export class DownloadFailed extends Error {}

async function download(sc: StepContext, url: string): Promise<Response & { body: ReadableStream }> {
  let res: Response;
  try {
    res = await fetchTarget(url, { signal: AbortSignal.timeout(MEDIA_TIMEOUT_MS) }, { allowPrivate: sc.ctx.config.WORKFLOW_HTTP_ALLOW_PRIVATE, maxRedirects: 3 });
  } catch (err) {
    const reason = (err as Error).name === 'TimeoutError' ? `timed out after ${MEDIA_TIMEOUT_MS / 1000} s` : (err as Error).message;
    throw new DownloadFailed(`The file could not be downloaded: ${reason}`);
  }
  if (!res.ok || !res.body) {
    await res.body?.cancel();
    throw new DownloadFailed(`The file could not be downloaded: HTTP ${res.status}`);
  }
  return res as Response & { body: ReadableStream };
}

function fileNameOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() || '') || 'file';
  } catch {
    return 'file';
  }
}
