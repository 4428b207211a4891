import { isDeepStrictEqual } from 'node:util';
import type { UseCaseContext } from '../use-case.js';
import { can } from '../auth/permissions.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { findChannel, updateChannel as updateChannelRow, type NewChannelRow } from './channels.repo.js';
import { findTeam } from '../teams/teams.repo.js';
import { findBot } from '../bots/bots.repo.js';
import { toChannelDto } from './channel-dto.js';
import { parseChannelConfig, parseChannelSecrets, settingsFor, validationError } from './channel-settings.js';
import type { UpdateChannelInput } from './channels.schemas.js';

function mergeConfig(current: Record<string, unknown>, patch: Record<string, unknown>) {
  const next = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next;
}

/** The event and the answer say which fields changed, never a secret's value. */
export async function updateChannel(ctx: UseCaseContext, input: UpdateChannelInput & { channelId: number }) {
  const { actor } = ctx;
  return inTransaction(ctx, async (tx, emit) => {
    // Locked: a concurrent merge of config must not drop this one's keys.
    const channel = await findChannel(tx, actor.workspaceId, input.channelId, { forUpdate: true });
    if (!channel) throw notFound('Channel');
    if (!can(actor, 'channel.manage', { workspaceId: channel.workspaceId })) throw forbidden();

    const next: Partial<NewChannelRow> = {};
    const changes: string[] = [];
    const change = <K extends keyof NewChannelRow>(key: K, value: NewChannelRow[K], field: string = key) => {
      next[key] = value;
      changes.push(field);
    };
    if (input.name !== undefined && input.name !== channel.name) change('name', input.name);
    if (input.config !== undefined) {
      const config = parseChannelConfig(channel.type, mergeConfig(channel.config, input.config));
      await settingsFor(channel.type).checkInWorkspace?.(tx, actor.workspaceId, config);
      if (JSON.stringify(config) !== JSON.stringify(channel.config)) change('config', config);
    }
    if (input.secrets !== undefined) change('secretsCiphertext', ctx.secrets.seal(parseChannelSecrets(channel.type, input.secrets)), 'secrets');
    if (input.defaultTeamId !== undefined && input.defaultTeamId !== channel.defaultTeamId) {
      if (input.defaultTeamId !== null && !(await findTeam(tx, actor.workspaceId, input.defaultTeamId))) {
        throw validationError('body.defaultTeamId', 'No such team in this workspace');
      }
      change('defaultTeamId', input.defaultTeamId);
    }
    if (input.botEnabled !== undefined && input.botEnabled !== channel.botEnabled) change('botEnabled', input.botEnabled);
    if (input.botId !== undefined && input.botId !== channel.botId) {
      if (input.botId !== null && !(await findBot(tx, actor.workspaceId, input.botId))) {
        throw validationError('body.botId', 'No such bot in this workspace');
      }
      change('botId', input.botId);
    }
    if (input.active !== undefined && input.active !== channel.active) change('active', input.active);
    if (input.businessHours !== undefined && !isDeepStrictEqual(input.businessHours, channel.businessHours ?? null)) change('businessHours', input.businessHours);
    if (!changes.length) return toChannelDto(ctx, channel);

    const dto = toChannelDto(ctx, await updateChannelRow(tx, channel.id, next));
    emit({ workspaceId: actor.workspaceId, type: 'channel.updated', actor: eventActor(actor), payload: { channel: dto, changes } });
    return dto;
  });
}
