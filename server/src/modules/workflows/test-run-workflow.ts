import crypto from 'node:crypto';
import type { UseCaseContext } from '../use-case.js';
import { conflict, notFound } from '../../platform/http/errors.js';
import { invalidField } from '../invalid-field.js';
import { findContact } from '../contacts/contacts.repo.js';
import { findConversation } from '../conversations/conversations.repo.js';
import { findRunView } from './run-views.repo.js';
import { toRunDto } from './run-dto.js';
import { storedDefinition, workflowInvalid } from './workflow-draft.js';
import { publishProblems } from './publish-problems.js';
import { loadWorkflow } from './load-workflow.js';
import { startRun } from './engine/start-run.js';

/**
 * Runs the DRAFT for one chosen contact (and conversation), marked as a test: the editor tries a change before
 * publishing it. It acts for real (messages are sent), so only admins may, and only a draft publishing would accept.
 */
export async function testRunWorkflow(ctx: UseCaseContext, id: number, input: { contactId: number; conversationId?: number }) {
  const row = await loadWorkflow(ctx, id, 'workflow.manage');
  const workspaceId = ctx.actor.workspaceId;
  const draft = storedDefinition(row.draft);
  if (!draft.ok) throw workflowInvalid(draft.problems);
  const problems = await publishProblems(ctx.db, workspaceId, row.id, draft.definition);
  if (problems.length) throw workflowInvalid(problems);
  const contact = await findContact(ctx.db, workspaceId, input.contactId);
  if (!contact) throw notFound('Contact');
  if (input.conversationId !== undefined) {
    const conversation = await findConversation(ctx.db, workspaceId, input.conversationId);
    if (!conversation) throw notFound('Conversation');
    if (conversation.contactId !== contact.id) throw invalidField('body.conversationId', 'the conversation is not with this contact');
  }
  const started = await startRun(ctx, {
    workflowId: row.id,
    contactId: contact.id,
    conversationId: input.conversationId ?? null,
    triggerKey: `test:${crypto.randomUUID()}`,
    test: true,
    definition: draft.definition,
  });
  if ('skipped' in started) throw conflict(`The test run did not start: ${started.skipped}`, [{ field: 'body.contactId', message: started.skipped }]);
  const run = await findRunView(ctx.db, workspaceId, started.runId);
  if (!run) throw notFound('Workflow run');
  return toRunDto(run);
}
