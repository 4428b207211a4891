import type { AppContext } from '../../platform/context.js';

const TTL_SECONDS = 24 * 3600;

/** A link a provider can fetch without a session (outbound media), valid for a day. */
export function signedAttachmentUrl(ctx: Pick<AppContext, 'secrets' | 'config' | 'clock'>, id: number) {
  const expires = Math.floor(ctx.clock.now().getTime() / 1000) + TTL_SECONDS;
  return `${ctx.config.publicUrl}/api/v1/attachments/${id}/public?expires=${expires}&sig=${ctx.secrets.sign(`attachment:${id}:${expires}`)}`;
}

export function verifyAttachmentLink(ctx: Pick<AppContext, 'secrets' | 'clock'>, id: number, expires: number, sig: string) {
  return expires * 1000 >= ctx.clock.now().getTime() && ctx.secrets.verify(`attachment:${id}:${expires}`, sig);
}
