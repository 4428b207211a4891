import type { Db } from '../../platform/db/db.js';
import { AppError, ErrorCode, badRequest } from '../../platform/http/errors.js';
import type { ConversationRow } from '../conversations/conversations.repo.js';
import { findChannelById } from '../channels/channels.repo.js';
import { adapterFor } from '../channels/registry.js';
import { findChannelTemplate } from '../channels/templates/channel-templates.repo.js';
import { templateMessage } from '../channels/templates/template-message.js';
import { replyWindowState } from './reply-window.js';

export interface TemplateInput {
  name: string;
  language: string;
  variables: string[];
}

async function adapterOf(tx: Db, conversation: ConversationRow) {
  const channel = await findChannelById(tx, conversation.channelId);
  return channel ? adapterFor(channel.type) : undefined;
}

/**
 * A reply made from one of the channel's approved templates: the body text with the variables filled in (what
 * the timeline shows) and, in meta.template, what the provider is sent (name, language, components).
 */
export async function templateReply(tx: Db, conversation: ConversationRow, input: TemplateInput): Promise<{ body: string; meta: Record<string, unknown> }> {
  const adapter = await adapterOf(tx, conversation);
  if (!adapter?.capabilities.templates) throw badRequest('This channel has no message templates', [{ field: 'template', message: 'not supported by the channel' }]);
  const template = await findChannelTemplate(tx, conversation.channelId, input.name, input.language);
  if (!template) throw badRequest(`No template "${input.name}" (${input.language}) on this channel: synchronise its templates`, [{ field: 'template.name', message: 'unknown template' }]);
  if (template.status !== 'APPROVED') throw badRequest(`The template "${input.name}" is ${template.status.toLowerCase()}, not approved`, [{ field: 'template.name', message: 'not approved' }]);
  const { text, components } = templateMessage(template.components, input.variables);
  return { body: text, meta: { template: { name: template.name, language: template.language, components, ...(template.externalId ? { externalId: template.externalId } : {}) } } };
}

/**
 * Free-form replies only inside the channel's reply window (WhatsApp: 24 hours after the customer's last
 * message); past it, 422 reply_window_closed: only templates can be sent.
 */
export async function assertReplyWindowOpen(tx: Db, conversation: ConversationRow, now: Date): Promise<void> {
  const window = (await adapterOf(tx, conversation))?.capabilities.replyWindow;
  if (!window || window.durationMs == null) return;
  const state = replyWindowState(window, conversation.lastInboundAt, now);
  if (state.open) return;
  const hours = Math.round(window.durationMs / 3_600_000);
  const since = state.endedAt ? ` closed at ${state.endedAt.toISOString()}` : ' is not open (the customer has not written)';
  throw new AppError(ErrorCode.ReplyWindowClosed, 422, `The ${hours}-hour reply window${since}: only message templates can be sent`, [
    { field: 'template', message: 'required outside the reply window' },
  ]);
}
