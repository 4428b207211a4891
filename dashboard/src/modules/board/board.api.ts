import { api } from '../../app/api-client';
import type { Role } from '../../app/auth';
import type { PresenceStatus } from '../presence/presence-status';

export type AssignmentPolicy = 'manual' | 'round_robin' | 'least_busy';

/** A queue's figures: its waiting conversations (queued, nobody assigned), the longest wait and the open ones. */
export interface QueueFigures {
  waiting: number;
  longestWaitSeconds: number | null;
  oldestWaitingId: number | null;
  open: number;
}

export interface BoardTeam extends QueueFigures {
  id: number;
  name: string;
  policy: AssignmentPolicy;
  maxPerAgent: number | null;
  agentsOnline: number;
  members: number;
}

export interface BoardAgent {
  id: number;
  name: string;
  avatarUrl: string | null;
  role: Role;
  status: PresenceStatus;
  lastSeenAt: string | null;
  idleSince: string | null;
  open: number;
  snoozed: number;
  /** Capacity over every team; null: no limit. */
  maxConversations: number | null;
  teams: Array<{ id: number; name: string; maxPerAgent: number | null; open: number }>;
}

/** GET /routing/board: the supervisor's live board (supervisors and up). */
export interface LiveBoard {
  teams: BoardTeam[];
  noTeam: QueueFigures;
  agents: BoardAgent[];
  generatedAt: string;
}

export const boardKey = ['routing', 'board'] as const;

export const fetchBoard = () => api<LiveBoard>('/routing/board');
