import type { Subscriber } from '../../platform/events/dispatcher.js';
import type { EventRow } from '../../platform/events/event-types.js';
import { sendAwayMessage } from './send-away-message.js';
import { workspacesWithHours } from './away-message.repo.js';

type Payload = {
  message?: { id: number; kind: string; direction: string | null; createdAt: string };
  conversation?: { status: string };
};

/** A customer's message to a conversation waiting in a queue or with an agent (not the bot's). */
const customerWritesToPeople = (e: EventRow) => {
  const { message, conversation } = e.payload as Payload;
  return e.type === 'message.created' && e.actorType === 'contact' && e.conversationId !== null
    && message?.kind === 'message' && message.direction === 'inbound'
    && (conversation?.status === 'queued' || conversation?.status === 'open');
};

/**
 * Outside business hours the customer gets the away message (send-away-message.ts). In log order, so a burst of
 * messages gets one reply; at-least-once: a replayed event finds its reply and sends nothing.
 */
export const awayMessageSubscriber: Subscriber = {
  name: 'routing.away-message',
  accepts: customerWritesToPeople,
  async handle(ctx, events) {
    // One look per batch: most workspaces keep no hours, and their customers' messages cost nothing more.
    const withHours = await workspacesWithHours(ctx.db, [...new Set(events.map((e) => e.workspaceId))]);
    for (const e of events) {
      if (!withHours.has(e.workspaceId)) continue;
      const { message } = e.payload as Required<Payload>;
      await sendAwayMessage(ctx, { workspaceId: e.workspaceId, conversationId: e.conversationId!, inboundMessageId: message.id, receivedAt: new Date(message.createdAt) });
    }
  },
};
