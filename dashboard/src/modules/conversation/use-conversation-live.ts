import { useQueryClient } from '@tanstack/react-query';
import { useRealtimeEvent, type RealtimeEvent } from '../../app/realtime/realtime-provider';
import type { ConversationSummary } from '../inbox/conversations.api';
import { paneKeys, type DeliveryStatus, type Message } from './conversation.api';
import { applySummary } from './conversation-queries';
import { asDeleted, patchMessage, upsertMessage, withDeliveryStatus, type TimelineData } from './timeline/timeline-data';

/**
 * Keeps the open conversation live: new and changed timeline entries are merged into the cached
 * pages (no refetch of the whole timeline, never twice), and conversation changes into the header.
 */
export function useConversationLive(conversationId: number, onInbound: () => void) {
  const queryClient = useQueryClient();
  useRealtimeEvent((event: RealtimeEvent) => {
    if (event.conversationId !== conversationId) return;
    const payload = event.payload as {
      message?: Message;
      messageId?: number;
      status?: DeliveryStatus;
      failureReason?: string | null;
      conversation?: ConversationSummary;
    };
    const key = paneKeys.timeline(conversationId);
    const update = (fn: (d: TimelineData | undefined) => TimelineData | undefined) => queryClient.setQueryData<TimelineData>(key, fn);
    switch (event.type) {
      case 'message.created':
      case 'message.updated':
        if (payload.message) {
          update((d) => upsertMessage(d, payload.message!));
          if (event.type === 'message.created' && payload.message.direction === 'inbound') onInbound();
        }
        break;
      case 'message.status_changed':
        if (payload.messageId && payload.status) update((d) => patchMessage(d, payload.messageId!, withDeliveryStatus(payload.status!, payload.failureReason ?? null)));
        break;
      case 'message.deleted':
        if (payload.messageId) update((d) => patchMessage(d, payload.messageId!, asDeleted(event.createdAt)));
        break;
    }
    if (payload.conversation) applySummary(queryClient, payload.conversation);
  });
}
