import type { UseCaseContext } from '../use-case.js';
import { notFound } from '../../platform/http/errors.js';
import { canSeeConversation } from '../auth/permissions.js';
import { findUsableSnippet, renderingContext } from './snippets.repo.js';
import { snippetViewer } from './snippet-viewer.js';
import { renderSnippetBody } from './snippet-variables.js';

/**
 * The snippet's body with its variables filled for this conversation's contact and the acting agent.
 * Reads only: the composer inserts the text, the agent may still edit it before sending.
 */
export async function renderSnippet(ctx: UseCaseContext, conversationId: number, snippetId: number) {
  const { actor } = ctx;
  const found = await renderingContext(ctx.db, actor.workspaceId, conversationId, actor.userId);
  if (!found || !canSeeConversation(actor, found.conversation)) throw notFound('Conversation');
  const snippet = await findUsableSnippet(ctx.db, actor.workspaceId, snippetViewer(actor), snippetId);
  if (!snippet) throw notFound('Snippet');
  const body = renderSnippetBody(snippet.body, {
    contact: found.contact,
    agent: found.agent?.name != null ? { name: found.agent.name, email: found.agent.email } : null,
    workspace: found.workspace,
    conversation: { id: found.conversation.id },
    team: found.team?.name != null ? { name: found.team.name } : null,
  });
  return { body };
}
