import type { Db } from '../../platform/db/db.js';
import { validationError } from '../channels/channel-settings.js';
import type { BotReply } from './bot-engine.js';
import { workspaceAttachmentIds, type BotRow } from './bots.repo.js';
import type { IntentInput } from './bots.schemas.js';

/** An intent's file must be an upload of the same workspace (one query for a whole imported matrix). */
export async function assertOwnAttachments(db: Db, workspaceId: number, answers: { answer: BotReply; field: string }[]): Promise<void> {
  const wanted = answers.filter((a) => a.answer.attachmentId !== undefined);
  const own = await workspaceAttachmentIds(db, workspaceId, wanted.map((a) => a.answer.attachmentId!));
  const foreign = wanted.find((a) => !own.has(a.answer.attachmentId!));
  if (foreign) throw validationError(foreign.field, 'No such attachment in this workspace; upload it first (POST /api/v1/attachments)');
}

/** The row to store for an intent at a position of the bot's matrix. */
export const intentValues = (bot: BotRow, input: IntentInput, position: number) => ({
  workspaceId: bot.workspaceId,
  botId: bot.id,
  name: input.name,
  examples: input.examples,
  keywords: input.keywords,
  answer: input.answer,
  handoff: input.handoff,
  position,
});
