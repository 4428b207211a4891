import type { AppContext } from '../../../platform/context.js';
import { ingestInbound, type IngestChannel } from '../../messages/ingest-inbound.js';
import { systemActor } from '../../auth/permissions.js';
import { withActor } from '../../use-case.js';
import { findContact } from '../../contacts/contacts.repo.js';
import { updateContact } from '../../contacts/update-contact.js';
import { contactOfIdentity, linkIdentityToKnownContact } from './forms.repo.js';
import { submissionEvent, submissionExternalId, type Submission } from './form-submission.js';

export interface SubmitResult {
  conversationId: number;
  messageId: number;
  duplicate: boolean;
}

/**
 * Stores a checked submission as every channel stores a message (ingestInbound: once per external id, the
 * contact's conversation reused, reopened or started, events for routing and the inbox), after pointing the
 * customer's address or phone at the contact that already has it. Then the answers reach the contact: its custom
 * fields, and the email or phone it lacked, through the contacts' own update (`contact.updated`).
 */
export async function submitForm(ctx: AppContext, channel: IngestChannel, submission: Submission, opts: { page?: string } = {}): Promise<SubmitResult> {
  const receivedAt = ctx.clock.now();
  const externalId = submissionExternalId(channel.id, submission, receivedAt);
  const event = submissionEvent(submission, { externalId, receivedAt, page: opts.page });
  await linkIdentityToKnownContact(ctx.db, {
    workspaceId: channel.workspaceId, channelId: channel.id, externalId: event.contact.externalId, email: submission.email, phone: submission.phone,
  });
  const [stored] = await ingestInbound(ctx, channel, [event]);
  if (stored.kind !== 'message') throw new Error(`A form submission was stored as ${stored.kind}`);
  if (!stored.duplicate) await fillContact(ctx, channel, event.contact.externalId, submission);
  return { conversationId: stored.conversationId, messageId: stored.messageId, duplicate: stored.duplicate };
}

/** What the customer typed reaches their contact; what agents already keep (name, an address) is not overwritten. */
async function fillContact(ctx: AppContext, channel: IngestChannel, identity: string, s: Submission) {
  const contactId = await contactOfIdentity(ctx.db, channel.id, identity);
  const contact = contactId === null ? undefined : await findContact(ctx.db, channel.workspaceId, contactId);
  if (!contact) return;
  const patch = {
    ...(s.email && !contact.email ? { email: s.email } : {}),
    ...(s.phone && !contact.phone ? { phone: s.phone } : {}),
    ...(Object.keys(s.custom).length ? { customFields: s.custom } : {}),
  };
  if (!Object.keys(patch).length) return;
  try {
    await updateContact(withActor(ctx, systemActor(channel.workspaceId)), { contactId: contact.id, ...patch });
  } catch (err) {
    // The message is stored; a field definition changed since the answers were checked must not lose it.
    ctx.log.warn({ err: (err as Error).message, channelId: channel.id, contactId: contact.id }, 'a form\'s answers could not be written to the contact');
  }
}
