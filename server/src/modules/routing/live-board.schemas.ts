import { z } from 'zod';
import { assignmentPolicyEnum } from '../teams/teams.tables.js';
import { memberStatus, role } from '../users/users.schemas.js';

const queueFigures = {
  waiting: z.number().describe('Queued conversations nobody is assigned'),
  longestWaitSeconds: z.number().nullable().describe('How long the oldest waiting conversation has waited; null when none waits'),
  oldestWaitingId: z.number().nullable(),
  open: z.number().describe('Open conversations'),
};

export const boardTeamDto = z.object({
  id: z.number(),
  name: z.string(),
  policy: z.enum(assignmentPolicyEnum.enumValues),
  maxPerAgent: z.number().nullable(),
  ...queueFigures,
  agentsOnline: z.number(),
  members: z.number().describe('Active members of the team'),
});

export const boardAgentDto = z.object({
  id: z.number(),
  name: z.string(),
  avatarUrl: z.string().nullable(),
  role,
  status: memberStatus,
  lastSeenAt: z.string().nullable(),
  idleSince: z.string().nullable().describe('Since when the dashboard reports the member idle'),
  open: z.number().describe('Open conversations assigned to the member'),
  snoozed: z.number(),
  maxConversations: z.number().nullable().describe('Capacity over every team; null: no limit'),
  teams: z.array(z.object({ id: z.number(), name: z.string(), maxPerAgent: z.number().nullable(), open: z.number() })),
});

export const liveBoardDto = z.object({
  teams: z.array(boardTeamDto),
  noTeam: z.object(queueFigures).describe('Conversations of no team'),
  agents: z.array(boardAgentDto),
  generatedAt: z.string(),
});

export type BoardTeamDto = z.infer<typeof boardTeamDto>;
export type BoardAgentDto = z.infer<typeof boardAgentDto>;
export type LiveBoardDto = z.infer<typeof liveBoardDto>;
