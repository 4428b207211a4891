import type { AppContext } from '../../platform/context.js';
import type { ChannelRow } from './channels.repo.js';
import type { ChannelDto } from './channels.schemas.js';
import { adapterFor } from './registry.js';

/** Never carries secrets: only whether they exist. */
export function toChannelDto(ctx: Pick<AppContext, 'config'>, row: ChannelRow): ChannelDto {
  return {
    id: row.id,
    type: row.type,
    name: row.name,
    config: row.config,
    defaultTeamId: row.defaultTeamId,
    botEnabled: row.botEnabled,
    botId: row.botId,
    active: row.active,
    businessHours: row.businessHours ?? null,
    webhookUrl: `${ctx.config.publicUrl}/hooks/${row.type}/${row.id}`,
    hasSecret: row.secretsCiphertext != null,
    capabilities: adapterFor(row.type)?.capabilities ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
