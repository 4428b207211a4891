import type { BotIntent } from './bot-engine.js';
import type { BotIntentRow } from './bots.repo.js';
import type { IntentDto } from './bots.schemas.js';

export const toIntentDto = (row: BotIntentRow): IntentDto => ({
  id: row.id,
  name: row.name,
  examples: row.examples,
  keywords: row.keywords,
  answer: row.answer,
  handoff: row.handoff,
  position: row.position,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/** What the engines read of a row of the matrix. */
export const toBotIntent = (row: BotIntentRow): BotIntent => ({
  id: row.id, name: row.name, examples: row.examples, keywords: row.keywords, answer: row.answer, handoff: row.handoff,
});
