import type { events } from './events.tables.js';
import type { Actor } from '../../modules/auth/permissions.js';

export type EventRow = typeof events.$inferSelect;

export interface EventActor {
  type: 'user' | 'api' | 'system' | 'contact' | 'bot' | 'workflow';
  id?: number | null;
}

export interface NewEvent {
  workspaceId: number;
  type: string;
  conversationId?: number | null;
  teamId?: number | null;
  assigneeId?: number | null;
  audience?: number[];
  actor: EventActor;
  payload?: Record<string, unknown>;
}

export function eventActor(actor: Actor): EventActor {
  if (actor.botId) return { type: 'bot', id: actor.botId };
  if (actor.workflowId) return { type: 'workflow', id: actor.workflowId };
  if (actor.type === 'user') return { type: 'user', id: actor.userId };
  if (actor.type === 'api') return { type: 'api', id: actor.tokenId ?? null };
  return { type: 'system' };
}

/** What a client receives: the row, minus nothing secret (payloads never carry secrets). */
export function eventDto(e: EventRow) {
  return {
    id: e.id,
    type: e.type,
    conversationId: e.conversationId,
    teamId: e.teamId,
    assigneeId: e.assigneeId,
    actor: { type: e.actorType, id: e.actorId },
    payload: e.payload,
    createdAt: e.createdAt.toISOString(),
  };
}
export type EventDto = ReturnType<typeof eventDto>;
