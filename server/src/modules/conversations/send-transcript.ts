import { z } from 'zod';
import type { UseCaseContext } from '../use-case.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { can, canSeeConversation } from '../auth/permissions.js';
import { invalidField } from '../invalid-field.js';
import { findConversation } from './conversations.repo.js';
import { findContact } from '../contacts/contacts.repo.js';
import { conversationEvent } from './conversation-events.js';
import { lockVisibleConversation } from './change-conversation.js';

const validEmail = z.email();

/**
 * Mails the conversation's transcript (seed 002, "Enviar transcripción"): to the contact's address
 * unless another is given. The request is an event (who sent what to whom stays on record); the mail
 * goes out from a job, retried if the mail server fails, so the answer is 202.
 */
export async function sendTranscript(ctx: UseCaseContext, conversationId: number, input: { to?: string }) {
  const { actor } = ctx;
  const c = await findConversation(ctx.db, actor.workspaceId, conversationId);
  if (!c || !canSeeConversation(actor, c)) throw notFound('Conversation');
  if (!can(actor, 'conversation.transcript', c)) throw forbidden();
  let to = input.to;
  if (!to) {
    const contact = await findContact(ctx.db, actor.workspaceId, c.contactId);
    const email = contact?.email?.trim().toLowerCase();
    if (!email || !validEmail.safeParse(email).success) throw invalidField('body.to', 'the contact has no e-mail address: give one');
    to = email;
  }
  await inTransaction(ctx, async (tx, emit) => {
    // Read again under the row lock: the event carries the conversation as it is when it commits.
    const current = await lockVisibleConversation(ctx, tx, conversationId);
    emit(conversationEvent(current, 'conversation.transcript_requested', eventActor(actor), { to }));
  });
  return { to };
}
