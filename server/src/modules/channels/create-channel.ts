import type { UseCaseContext } from '../use-case.js';
import { can } from '../auth/permissions.js';
import { forbidden } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { insertChannel } from './channels.repo.js';
import { findTeam } from '../teams/teams.repo.js';
import { findBot } from '../bots/bots.repo.js';
import { toChannelDto } from './channel-dto.js';
import { parseChannelConfig, parseChannelSecrets, settingsFor, validationError } from './channel-settings.js';
import type { CreateChannelInput } from './channels.schemas.js';
import { connectChannel } from './connect-channel.js';

/**
 * Answers with the primary secret (`secret`) this once; afterwards only `hasSecret` says it exists. A provider
 * that must be told our webhook URL is told right after (`connection`).
 */
export async function createChannel(ctx: UseCaseContext, input: CreateChannelInput) {
  const { actor } = ctx;
  if (!can(actor, 'channel.manage', { workspaceId: actor.workspaceId })) throw forbidden();
  const settings = settingsFor(input.type);
  const config = parseChannelConfig(input.type, input.config);
  const secrets = parseChannelSecrets(input.type, { ...settings.generateSecrets(), ...input.secrets });
  await settings.checkInWorkspace?.(ctx.db, actor.workspaceId, config);
  if (input.defaultTeamId != null && !(await findTeam(ctx.db, actor.workspaceId, input.defaultTeamId))) {
    throw validationError('body.defaultTeamId', 'No such team in this workspace');
  }
  if (input.botId != null && !(await findBot(ctx.db, actor.workspaceId, input.botId))) {
    throw validationError('body.botId', 'No such bot in this workspace');
  }

  const created = await inTransaction(ctx, async (tx, emit) => {
    const row = await insertChannel(tx, {
      workspaceId: actor.workspaceId,
      type: input.type,
      name: input.name,
      config,
      secretsCiphertext: ctx.secrets.seal(secrets),
      defaultTeamId: input.defaultTeamId ?? null,
      botEnabled: input.botEnabled,
      botId: input.botId ?? null,
      active: input.active,
      businessHours: input.businessHours ?? null,
    });
    const dto = toChannelDto(ctx, row);
    emit({ workspaceId: actor.workspaceId, type: 'channel.created', actor: eventActor(actor), payload: { channel: dto } });
    return { ...dto, secret: secrets[settings.primarySecret] };
  });
  return { ...created, connection: await connectChannel(ctx, { channelId: created.id }) };
}
