import type { UseCaseContext } from '../use-case.js';
import { can } from '../auth/permissions.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { findChannel, updateChannel } from './channels.repo.js';
import { toChannelDto } from './channel-dto.js';
import { settingsFor } from './channel-settings.js';
import { connectChannel } from './connect-channel.js';

/** New generated secrets replace the old at once (the integration must switch, or is told: `connection`); the new one is shown this once. */
export async function rotateChannelSecret(ctx: UseCaseContext, input: { channelId: number }) {
  const { actor } = ctx;
  const rotated = await inTransaction(ctx, async (tx, emit) => {
    const channel = await findChannel(tx, actor.workspaceId, input.channelId, { forUpdate: true });
    if (!channel) throw notFound('Channel');
    if (!can(actor, 'channel.manage', { workspaceId: channel.workspaceId })) throw forbidden();
    const settings = settingsFor(channel.type);
    const current = channel.secretsCiphertext ? ctx.secrets.open<Record<string, string>>(channel.secretsCiphertext) : {};
    const secrets = { ...current, ...settings.generateSecrets() };
    const dto = toChannelDto(ctx, await updateChannel(tx, channel.id, { secretsCiphertext: ctx.secrets.seal(secrets) }));
    emit({ workspaceId: actor.workspaceId, type: 'channel.updated', actor: eventActor(actor), payload: { channel: dto, changes: ['secrets'] } });
    return { ...dto, secret: secrets[settings.primarySecret] };
  });
  // The provider must learn the new secret at once (Telegram sends it with every update).
  return { ...rotated, connection: await connectChannel(ctx, { channelId: rotated.id }) };
}
