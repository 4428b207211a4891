import type { Actor } from '../auth/permissions.js';
import type { Db } from '../../platform/db/db.js';
import { eventActor, type NewEvent } from '../../platform/events/event-types.js';
import { intentCounts } from './bots.repo.js';

type BotEventType = 'bot.created' | 'bot.updated' | 'bot.deleted' | 'bot.credentials_rotated' | 'bot.intents_changed';

/** Bot events on the workspace topic, so open settings pages refresh; payloads never carry secrets. */
export const botEvent = (actor: Actor, type: BotEventType, payload: { botId: number } & Record<string, unknown>): NewEvent => ({
  workspaceId: actor.workspaceId,
  type,
  actor: eventActor(actor),
  payload,
});

/** One per change of the matrix, with the count after it: the settings list shows it, the bot reloads nothing (it reads per turn). */
export async function intentsChangedEvent(tx: Db, actor: Actor, botId: number): Promise<NewEvent> {
  const count = (await intentCounts(tx, actor.workspaceId, botId)).get(botId) ?? 0;
  return botEvent(actor, 'bot.intents_changed', { botId, count });
}
