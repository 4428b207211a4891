import type { UseCaseContext } from '../use-case.js';
import { conflict, forbidden, notFound } from '../../platform/http/errors.js';
import { can } from '../auth/permissions.js';
import { findBot, type BotRow } from './bots.repo.js';

const denied = { 'bot.manage': 'Only admins and owners manage bots', 'bot.review': 'Only supervisors and up see the bots' } as const;

/** Bots are workspace settings: the permission does not depend on the bot, so it is checked before the lookup. */
export function authoriseBots(ctx: UseCaseContext, action: 'bot.manage' | 'bot.review'): void {
  if (!can(ctx.actor, action, { workspaceId: ctx.actor.workspaceId })) throw forbidden(denied[action]);
}

export async function loadBot(ctx: UseCaseContext, id: number, action: 'bot.manage' | 'bot.review'): Promise<BotRow> {
  authoriseBots(ctx, action);
  const bot = await findBot(ctx.db, ctx.actor.workspaceId, id);
  if (!bot) throw notFound('Bot');
  return bot;
}

/** Only the built-in bot and the LLM read a knowledge matrix. */
export async function loadMatrixBot(ctx: UseCaseContext, id: number, action: 'bot.manage' | 'bot.review'): Promise<BotRow> {
  const bot = await loadBot(ctx, id, action);
  if (bot.kind !== 'builtin' && bot.kind !== 'llm') throw conflict(`A ${bot.kind} bot has no knowledge matrix; only builtin and llm bots do`);
  return bot;
}
