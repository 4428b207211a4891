import { isDeepStrictEqual } from 'node:util';
import type { UseCaseContext } from '../use-case.js';
import { notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { readBotSettings } from './bot-settings.js';
import { findBotForUpdate, updateBot as updateBotRow, type BotRow } from './bots.repo.js';
import { loadBotDto } from './bot-dto.js';
import { botEvent } from './bot-events.js';
import { mergeSettings, parseBotSecrets, parseBotSettings, sealBotSecrets } from './bot-input.js';
import { authoriseBots } from './load-bot.js';
import type { UpdateBotInput } from './bots.schemas.js';

/** The kind never changes (its settings would not fit); the event and the answer say which fields changed, never a secret. */
export async function updateBot(ctx: UseCaseContext, id: number, input: UpdateBotInput) {
  const { actor } = ctx;
  authoriseBots(ctx, 'bot.manage');
  return inTransaction(ctx, async (tx, emit) => {
    const bot = await findBotForUpdate(tx, actor.workspaceId, id);
    if (!bot) throw notFound('Bot');
    const patch: Partial<BotRow> = {};
    if (input.name !== undefined && input.name !== bot.name) patch.name = input.name;
    if (input.settings !== undefined) {
      const current = readBotSettings(bot.kind, bot.settings);
      const settings = parseBotSettings(bot.kind, mergeSettings(current, input.settings));
      if (!isDeepStrictEqual(settings, current)) patch.settings = settings;
    }
    if (input.secrets !== undefined) {
      // A webhook bot has no typed secrets (the parse refuses any key): its signing secret changes only by rotation.
      const secrets = parseBotSecrets(bot.kind, input.secrets);
      if (Object.keys(secrets).length) patch.secretsCiphertext = sealBotSecrets(ctx, secrets);
    }
    const changes = Object.keys(patch).map((key) => (key === 'secretsCiphertext' ? 'secrets' : key));
    if (!changes.length) return loadBotDto(tx, bot);

    const dto = await loadBotDto(tx, await updateBotRow(tx, bot.id, patch));
    emit(botEvent(actor, 'bot.updated', { botId: bot.id, bot: dto, changes }));
    return dto;
  });
}
