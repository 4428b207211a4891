import type { AppContext } from '../../platform/context.js';
import type { JobDefinition } from '../../platform/queue/queue.js';
import type { Subscriber } from '../../platform/events/dispatcher.js';
import { transcriptHeader, transcriptLines } from './transcript.repo.js';
import { transcriptMail } from './transcript-text.js';

export const SEND_TRANSCRIPT = 'conversation.send-transcript';
/** A transcript longer than this is cut (and says so): a mail is not an archive. */
export const TRANSCRIPT_MAX_MESSAGES = 5000;

type Data = { workspaceId: number; conversationId: number; to: string };

/** Builds the transcript when it runs (so it is complete up to then) and mails it; a mail server failure is retried. */
export const sendTranscriptJob: JobDefinition<Data, AppContext> = {
  name: SEND_TRANSCRIPT,
  options: { retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 300 },
  async handle(ctx, { workspaceId, conversationId, to }) {
    const header = await transcriptHeader(ctx.db, workspaceId, conversationId);
    if (!header) return; // the conversation is gone: nothing to send
    const lines = await transcriptLines(ctx.db, workspaceId, conversationId, TRANSCRIPT_MAX_MESSAGES + 1);
    const cut = lines.length > TRANSCRIPT_MAX_MESSAGES;
    const mail = transcriptMail(header, cut ? lines.slice(0, TRANSCRIPT_MAX_MESSAGES) : lines, { truncatedAt: cut ? TRANSCRIPT_MAX_MESSAGES : undefined });
    await ctx.mail.send({ to, ...mail });
  },
};

/** A requested transcript is mailed once: the job id derives from the request's event. */
export const transcriptSubscriber: Subscriber = {
  name: 'conversations.transcript',
  accepts: (e) => e.type === 'conversation.transcript_requested' && typeof (e.payload as { to?: unknown }).to === 'string',
  async handle(ctx, events) {
    for (const e of events) {
      const data = { workspaceId: e.workspaceId, conversationId: e.conversationId!, to: (e.payload as { to: string }).to };
      await ctx.queue.send(SEND_TRANSCRIPT, data, { key: String(e.id) });
    }
  },
};
