import type { AppContext } from '../../platform/context.js';
import type { ChannelRecord } from './channel.js';
import { findChannelById } from './channels.repo.js';

export interface LoadedChannel extends ChannelRecord {
  name: string;
  defaultTeamId: number | null;
  botEnabled: boolean;
  active: boolean;
}

/**
 * A channel with its secrets opened, for the adapters (inbound verification, outbound sends). Not scoped to a
 * workspace: the caller knows only the channel id (from the hook URL or the job). Never return it from a route.
 */
export async function loadChannelWithSecrets(ctx: Pick<AppContext, 'db' | 'secrets'>, channelId: number): Promise<LoadedChannel | null> {
  const row = await findChannelById(ctx.db, channelId);
  if (!row) return null;
  let secrets: Record<string, string> | null = null;
  if (row.secretsCiphertext) {
    try {
      secrets = ctx.secrets.open<Record<string, string>>(row.secretsCiphertext);
    } catch {
      throw new Error(`Cannot open the secrets of channel ${row.id}: was SECRET_KEY changed?`);
    }
  }
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    type: row.type,
    name: row.name,
    config: row.config,
    secrets,
    defaultTeamId: row.defaultTeamId,
    botEnabled: row.botEnabled,
    active: row.active,
  };
}
