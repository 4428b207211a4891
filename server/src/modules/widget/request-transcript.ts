import type { AppContext } from '../../platform/context.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { conflict } from '../../platform/http/errors.js';
import { invalidField } from '../invalid-field.js';
import { withActor } from '../use-case.js';
import { findContact } from '../contacts/contacts.repo.js';
import { updateContact } from '../contacts/update-contact.js';
import { conversationEvent } from '../conversations/conversation-events.js';
import { widgetActor, type Visitor } from './widget-visitor.js';
import { lockVisitorConversation } from './rate-conversation.js';

/**
 * "Send me the transcript" (seed 002: offered in the widget once the conversation is resolved). It goes to the
 * contact's e-mail only: a visitor without one gives it here and it is kept on the contact, so the widget cannot
 * be used to mail chats to strangers. The request is the same event agents raise
 * (`conversation.transcript_requested`), mailed by the same job (conversations/send-transcript.job.ts): messages
 * only, never notes.
 */
export async function requestTranscript(ctx: AppContext, visitor: Visitor, conversationId: number, input: { email?: string }) {
  const { workspaceId } = visitor.channel;
  const to = await inTransaction(ctx, async (tx, emit) => {
    const c = await lockVisitorConversation(tx, visitor, conversationId);
    if (c.status !== 'closed') throw conflict('The conversation is still open: its transcript can be asked for once it is closed');
    const contact = (await findContact(tx, workspaceId, c.contactId))!;
    const address = contact.email ?? input.email;
    if (!address) throw invalidField('body.email', 'give the address to send the transcript to');
    emit(conversationEvent(c, 'conversation.transcript_requested', { type: 'contact', id: c.contactId }, { to: address }));
    return { address, keep: !contact.email, contactId: contact.id };
  });
  if (to.keep) await updateContact(withActor(ctx, widgetActor(workspaceId)), { contactId: to.contactId, email: to.address });
  return { to: to.address };
}
