import type { AppContext } from '../../platform/context.js';
import type { EventRow } from '../../platform/events/event-types.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { resolvePreferences } from '../users/notification-preferences.js';
import { intentsOf, type Intent } from './notification-intents.js';
import { activeRecipients, insertNotifications, notificationsByIds, type NewNotification } from './notifications.repo.js';
import { notificationDto } from './notification-dto.js';

/**
 * Turns a batch of events into notifications, in a constant number of queries whatever the batch: who
 * is still an active member and what they chose, then one transaction that inserts the new rows and
 * emits `notification.created` to each recipient alone. A replayed event inserts nothing (unique per
 * user, source event and type) and so emits nothing.
 */
export async function createNotifications(ctx: AppContext, events: EventRow[]): Promise<number> {
  const intents = events.flatMap(intentsOf);
  if (intents.length === 0) return 0;
  const pairs = uniquePairs(intents);
  const recipients = await activeRecipients(ctx.db, pairs);
  const prefs = new Map(recipients.map((r) => [`${r.workspace_id}:${r.user_id}`, resolvePreferences(r.notification_preferences)]));
  const now = ctx.clock.now();
  const rows: NewNotification[] = intents
    .filter((i) => prefs.get(`${i.workspaceId}:${i.userId}`)?.[i.type].inApp === true)
    .map((i) => ({
      workspaceId: i.workspaceId, userId: i.userId, type: i.type, conversationId: i.conversationId, messageId: i.messageId,
      actorType: i.actorType, actorId: i.actorId, preview: i.preview, sourceEventId: i.sourceEventId, createdAt: now,
    }));
  if (rows.length === 0) return 0;
  return inTransaction(ctx, async (tx, emit) => {
    const ids = await insertNotifications(tx, rows);
    const created = await notificationsByIds(tx, ids);
    for (const n of created) {
      emit({
        workspaceId: n.workspace_id,
        type: 'notification.created',
        audience: [n.user_id],
        actor: { type: 'system' },
        payload: { userId: n.user_id, notification: notificationDto(n) },
      });
    }
    return created.length;
  });
}

function uniquePairs(intents: Intent[]) {
  const seen = new Map<string, { workspaceId: number; userId: number }>();
  for (const i of intents) seen.set(`${i.workspaceId}:${i.userId}`, { workspaceId: i.workspaceId, userId: i.userId });
  return [...seen.values()];
}
