import type { AppContext } from '../../platform/context.js';
import type { SendLookup } from '../channels/channel.js';
import { loadChannelWithSecrets } from '../channels/load-channel.js';
import { findConversationsByIds } from '../conversations/conversations.repo.js';
import { findContact } from '../contacts/contacts.repo.js';

/** What an adapter may read while it sends, never outside the message's workspace (channel.ts SendLookup). */
export function sendLookup(ctx: AppContext, workspaceId: number): SendLookup {
  return {
    async channel(channelId) {
      const channel = await loadChannelWithSecrets(ctx, channelId);
      return channel && channel.workspaceId === workspaceId ? channel : null;
    },
    async contact(conversationId) {
      const [conversation] = await findConversationsByIds(ctx.db, workspaceId, [conversationId]);
      const contact = conversation && (await findContact(ctx.db, workspaceId, conversation.contactId));
      return contact ? { name: contact.name, email: contact.email, phone: contact.phone } : null;
    },
  };
}
