import type { UseCaseContext } from '../use-case.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { insertBot } from './bots.repo.js';
import { toBotDto } from './bot-dto.js';
import { botEvent } from './bot-events.js';
import { parseBotSecrets, parseBotSettings, sealBotSecrets } from './bot-input.js';
import { issueBotToken, newSigningSecret } from './bot-credentials.js';
import { authoriseBots } from './load-bot.js';
import type { BotCredentials, CreateBotInput } from './bots.schemas.js';

/** A webhook bot is created with its credentials (an API token and a signing secret), answered this once. */
export async function createBot(ctx: UseCaseContext, input: CreateBotInput) {
  const { actor } = ctx;
  authoriseBots(ctx, 'bot.manage');
  const settings = parseBotSettings(input.kind, input.settings ?? {});
  const typedSecrets = parseBotSecrets(input.kind, input.secrets ?? {});
  const signingSecret = input.kind === 'webhook' ? newSigningSecret() : null;

  return inTransaction(ctx, async (tx, emit) => {
    const row = await insertBot(tx, {
      workspaceId: actor.workspaceId,
      name: input.name,
      kind: input.kind,
      settings,
      secretsCiphertext: sealBotSecrets(ctx, signingSecret ? { signingSecret } : typedSecrets),
    });
    const credentials: BotCredentials | undefined = signingSecret ? { apiToken: await issueBotToken(ctx, tx, emit, row), signingSecret } : undefined;
    const bot = toBotDto(row, [], 0);
    emit(botEvent(actor, 'bot.created', { botId: row.id, bot }));
    return { bot, ...(credentials && { credentials }) };
  });
}
