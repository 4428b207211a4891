import type { AppContext } from '../../platform/context.js';
import { AppError, badRequest, conflict } from '../../platform/http/errors.js';
import { botActor, systemActor } from '../auth/permissions.js';
import { withActor, type UseCaseContext } from '../use-case.js';
import { changeConversation } from '../conversations/change-conversation.js';
import { findTeam } from '../teams/teams.repo.js';
import { findChannel } from '../channels/channels.repo.js';
import type { HandoffReason } from './bot-engine.js';
import type { AnswerScope } from './answer-scope.repo.js';
import { handOffPatch } from './apply-bot-decision.js';

export interface HandOffInput {
  /** The team whose queue receives it; default: the conversation's team, else the channel's. */
  teamId?: number;
  /** Why, for the timeline and the bot review. */
  note?: string;
}

/**
 * The bot gives the conversation to people (an external bot through the API, a workflow step, the bot itself):
 * it leaves status `bot` for the team's queue, or for its assignee when it has one. 409 when the bot does not have it.
 */
export async function handOffConversation(ctx: UseCaseContext, conversationId: number, input: HandOffInput, reason: HandoffReason = 'bot') {
  return changeConversation(ctx, conversationId, 'conversation.update', async (c, tx) => {
    if (!c.botActive) throw conflict('The bot does not have this conversation');
    if (input.teamId !== undefined && !(await findTeam(tx, c.workspaceId, input.teamId))) {
      throw badRequest('Unknown team', [{ field: 'body.teamId', message: 'no such team in this workspace' }]);
    }
    const channel = await findChannel(tx, c.workspaceId, c.channelId);
    const now = ctx.clock.now();
    const patch = handOffPatch(input.teamId !== undefined ? { ...c, teamId: input.teamId } : c, channel?.defaultTeamId ?? null, now);
    return {
      patch,
      type: 'conversation.bot_handed_off',
      activity: { action: 'bot_handed_off', reason, ...(input.note ? { note: input.note } : {}) },
    };
  });
}

/** A conversation waiting for a bot that is gone or switched off goes to people instead of waiting forever. */
export async function handOffWithoutBot(ctx: AppContext, scope: AnswerScope, note: string) {
  const { workspaceId } = scope.conversation;
  const actor = scope.bot ? botActor(workspaceId, scope.bot.id) : systemActor(workspaceId);
  await handOffConversation(withActor(ctx, actor), scope.conversation.id, { note }, 'bot_error').catch((err) => {
    if (!(err instanceof AppError && err.status === 409)) throw err; // someone else took it first
  });
}
