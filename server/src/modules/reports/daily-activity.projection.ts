import type { Subscriber } from '../../platform/events/dispatcher.js';
import type { EventRow } from '../../platform/events/event-types.js';
import { incrementDailyActivity } from './reports.repo.js';

type MessagePayload = { message?: { kind: string; direction: string | null } };

/** Which daily counter an event moves, if any. */
export function metricOf(e: EventRow): string | null {
  if (e.type === 'conversation.created') return 'conversations_created';
  if (e.type === 'conversation.closed') return 'conversations_closed';
  if (e.type === 'message.created') {
    const m = (e.payload as MessagePayload).message;
    if (m?.kind === 'message') return m.direction === 'inbound' ? 'messages_inbound' : 'messages_outbound';
    if (m?.kind === 'note') return 'notes';
  }
  return null;
}

/**
 * Daily counters per workspace (UTC days). A projection: counts move in the same transaction as the
 * cursor, so a crash and replay never counts an event twice.
 */
export const dailyActivityProjection: Subscriber = {
  name: 'reports.daily-activity',
  accepts: (e) => metricOf(e) !== null,
  async project(tx, events) {
    const counts = new Map<string, { workspaceId: number; day: string; metric: string; value: number }>();
    for (const e of events) {
      const metric = metricOf(e)!;
      const day = e.createdAt.toISOString().slice(0, 10);
      const key = `${e.workspaceId}|${day}|${metric}`;
      const row = counts.get(key) ?? { workspaceId: e.workspaceId, day, metric, value: 0 };
      row.value++;
      counts.set(key, row);
    }
    await incrementDailyActivity(tx, [...counts.values()]);
  },
};
