import type { Db } from '../../platform/db/db.js';
import type { Emit } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { randomToken } from '../../platform/crypto/secret-box.js';
import type { UseCaseContext } from '../use-case.js';
import { issueApiToken } from '../auth/create-api-token.js';
import { revokeBotApiTokens } from '../auth/api-tokens.repo.js';

/** Signs what we post to an external (webhook) bot; 32 random bytes. */
export const newSigningSecret = () => randomToken(32);

/**
 * An external bot answers through the API with its own token: an agent's reach over every conversation (it answers
 * wherever its channels are), and what it sends is the bot's. Issued inside the caller's transaction; shown once.
 */
export async function issueBotToken(ctx: UseCaseContext, tx: Db, emit: Emit, bot: { id: number; name: string }): Promise<string> {
  const { token } = await issueApiToken(tx, emit, ctx.actor, { name: `Bot: ${bot.name}`, role: 'agent', accessLevel: 'all', botId: bot.id });
  return token;
}

/** The bot's tokens stop working at their next request (rotation, deletion). */
export async function revokeBotTokens(ctx: UseCaseContext, tx: Db, emit: Emit, botId: number): Promise<void> {
  for (const token of await revokeBotApiTokens(tx, botId, ctx.clock.now())) {
    emit({ workspaceId: token.workspaceId, type: 'apitoken.revoked', actor: eventActor(ctx.actor), payload: { apiTokenId: token.id, name: token.name, botId } });
  }
}
