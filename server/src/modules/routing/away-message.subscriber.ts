import type { Subscriber } from '../../platform/events/dispatcher.js';
import type { EventRow } from '../../platform/events/event-types.js';
import { sendAwayMessage } from './send-away-message.js';
import { workspacesWithHours } from './away-message.repo.js';
import { WorkspaceFacts } from '../../platform/events/workspace-facts.js';

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

/** Whether a workspace keeps business hours on some team or channel (the others never send away messages). */
const keepsHours = new WorkspaceFacts<boolean>({
  changedBy: (e) => e.type.startsWith('team.') || e.type.startsWith('channel.'),
  load: async (ctx, ids) => new Map([...(await workspacesWithHours(ctx.db, ids))].map((id) => [id, true])),
  none: false,
});

/**
 * Outside business hours the customer gets the away message (send-away-message.ts). In log order, so a burst of
 * messages gets one reply; at-least-once: a replayed event finds its reply and sends nothing.
 */
export const awayMessageSubscriber: Subscriber = {
  name: 'routing.away-message',
  // Team and channel events too: they may change the hours.
  accepts: (e) => customerWritesToPeople(e) || e.type.startsWith('team.') || e.type.startsWith('channel.'),
  async handle(ctx, events) {
    const messages = events.filter(customerWritesToPeople);
    // Most workspaces keep no hours, and their customers' messages cost nothing more.
    const withHours = await keepsHours.of(ctx, events, messages.map((e) => e.workspaceId));
    for (const e of messages) {
      if (!withHours.get(e.workspaceId)) continue;
      const { message } = e.payload as Required<Payload>;
      await sendAwayMessage(ctx, { workspaceId: e.workspaceId, conversationId: e.conversationId!, inboundMessageId: message.id, receivedAt: new Date(message.createdAt) });
    }
  },
};
