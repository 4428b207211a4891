import type { UseCaseContext } from '../use-case.js';
import { shortcutWorkflowsFor } from './shortcut-workflows.js';

/** The conversation menu's "Flujos": the shortcut workflows this user may run here. */
export async function listConversationWorkflows(ctx: UseCaseContext, conversationId: number) {
  const { allowed } = await shortcutWorkflowsFor(ctx, conversationId);
  return { items: allowed.map((s) => ({ id: s.id, name: s.name })) };
}
