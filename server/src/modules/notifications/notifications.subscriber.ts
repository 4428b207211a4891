import type { Subscriber } from '../../platform/events/dispatcher.js';
import type { EventRow } from '../../platform/events/event-types.js';
import { intentsOf } from './notification-intents.js';
import { createNotifications } from './create-notifications.js';
import { readConversationNotifications } from './read-conversation-notifications.js';

/** A member opened (read) a conversation: the `conversation.read` event of POST /conversations/:id/read. */
const openedByUser = (e: EventRow) => e.type === 'conversation.read' && e.actorType === 'user' && e.actorId !== null && e.conversationId !== null;

/**
 * Assignments, mentions and customer messages become notifications (see notification-intents.ts);
 * opening a conversation reads its notifications. At-least-once: both are idempotent.
 */
export const notificationsSubscriber: Subscriber = {
  name: 'notifications',
  accepts: (e) => openedByUser(e) || intentsOf(e).length > 0,
  async handle(ctx, events) {
    // In log order, runs of creations in one go: a read after a creation must find the notification.
    let run: EventRow[] = [];
    for (const e of events) {
      if (!openedByUser(e)) {
        run.push(e);
        continue;
      }
      await createNotifications(ctx, run);
      run = [];
      await readConversationNotifications(ctx, { workspaceId: e.workspaceId, userId: e.actorId!, conversationId: e.conversationId! });
    }
    await createNotifications(ctx, run);
  },
};
