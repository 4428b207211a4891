import type { Db } from '../../platform/db/db.js';
import { readBotSettings } from './bot-settings.js';
import { channelsUsingBots, intentCounts, type BotRow } from './bots.repo.js';
import type { BotDto } from './bots.schemas.js';

export type BotChannel = BotDto['channels'][number];

/** Never carries secrets: only whether they exist. */
export const toBotDto = (row: BotRow, channels: BotChannel[], intentCount: number): BotDto => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  settings: readBotSettings(row.kind, row.settings),
  hasSecrets: row.secretsCiphertext != null,
  channels,
  intentCount,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/** One bot's DTO with its channels and intent count (two queries). */
export async function loadBotDto(db: Db, row: BotRow): Promise<BotDto> {
  const [channels, counts] = await Promise.all([channelsUsingBots(db, row.workspaceId), intentCounts(db, row.workspaceId, row.id)]);
  return toBotDto(row, channels.get(row.id) ?? [], counts.get(row.id) ?? 0);
}
