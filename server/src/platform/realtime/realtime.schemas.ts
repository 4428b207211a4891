import { z } from 'zod';
import type { EventDto } from '../events/event-types.js';

export const MAX_TOPICS_PER_SOCKET = 100;

const topics = z.array(z.string().max(64)).max(MAX_TOPICS_PER_SOCKET);

/** What a client may send over /api/v1/realtime. */
export const clientFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('subscribe'), topics: topics.min(1), lastEventId: z.number().int().min(0).optional() }),
  z.object({ type: z.literal('unsubscribe'), topics }),
  z.object({ type: z.literal('ping') }),
]);
export type ClientFrame = z.infer<typeof clientFrameSchema>;

/** What the server sends. */
export type ServerFrame =
  | { type: 'event'; event: EventDto }
  | { type: 'ready'; lastEventId: number }
  | { type: 'reset'; reason: 'too_far_behind' | 'unknown_event_id' }
  /** Ephemeral (not in the log, never replayed): someone is typing in a conversation, or stopped. */
  | { type: 'typing'; conversationId: number; from: 'contact' | 'user'; userId: number | null; name: string; typing: boolean }
  | { type: 'pong' }
  | { type: 'error'; code: string; message: string };
