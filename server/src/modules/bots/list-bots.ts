import type { UseCaseContext } from '../use-case.js';
import { channelsUsingBots, intentCounts, listBots as listBotRows } from './bots.repo.js';
import { toBotDto } from './bot-dto.js';
import { authoriseBots } from './load-bot.js';

/** Three queries whatever the number of bots: the bots, the channels using them, their intent counts. */
export async function listBots(ctx: UseCaseContext) {
  authoriseBots(ctx, 'bot.review');
  const workspaceId = ctx.actor.workspaceId;
  const [rows, channels, counts] = await Promise.all([listBotRows(ctx.db, workspaceId), channelsUsingBots(ctx.db, workspaceId), intentCounts(ctx.db, workspaceId)]);
  return { items: rows.map((row) => toBotDto(row, channels.get(row.id) ?? [], counts.get(row.id) ?? 0)) };
}
