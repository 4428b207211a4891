import type { UseCaseContext } from '../use-case.js';
import { conflict } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { updateBot } from './bots.repo.js';
import { loadBotDto } from './bot-dto.js';
import { botEvent } from './bot-events.js';
import { issueBotToken, newSigningSecret, revokeBotTokens } from './bot-credentials.js';
import { loadBot } from './load-bot.js';

/** A webhook bot's new token and signing secret, shown once; the old token stops working at once. */
export async function rotateBotCredentials(ctx: UseCaseContext, id: number) {
  const bot = await loadBot(ctx, id, 'bot.manage');
  if (bot.kind !== 'webhook') throw conflict(`A ${bot.kind} bot has no generated credentials; change its secrets with PATCH`);
  const signingSecret = newSigningSecret();
  return inTransaction(ctx, async (tx, emit) => {
    await revokeBotTokens(ctx, tx, emit, bot.id);
    const apiToken = await issueBotToken(ctx, tx, emit, bot);
    const dto = await loadBotDto(tx, await updateBot(tx, bot.id, { secretsCiphertext: ctx.secrets.seal({ signingSecret }) }));
    emit(botEvent(ctx.actor, 'bot.credentials_rotated', { botId: bot.id }));
    return { bot: dto, credentials: { apiToken, signingSecret } };
  });
}
