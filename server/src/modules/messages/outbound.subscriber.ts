import type { Subscriber } from '../../platform/events/dispatcher.js';
import { SEND_OUTBOUND } from './send-outbound.job.js';

type Payload = { message?: { id: number; kind: string; direction: string | null; deliveryStatus: string | null } };

/** After a reply commits, its send job is enqueued once (the job id derives from the message id). */
export const outboundSubscriber: Subscriber = {
  name: 'messages.outbound',
  accepts: (e) => {
    const m = (e.payload as Payload).message;
    return e.type === 'message.created' && m?.kind === 'message' && m.direction === 'outbound' && m.deliveryStatus === 'queued';
  },
  async handle(ctx, events) {
    for (const e of events) {
      const id = (e.payload as Payload).message!.id;
      await ctx.queue.send(SEND_OUTBOUND, { workspaceId: e.workspaceId, messageId: id }, { key: String(id) });
    }
  },
};
