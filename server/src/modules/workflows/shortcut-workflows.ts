import type { UseCaseContext } from '../use-case.js';
import { notFound } from '../../platform/http/errors.js';
import { atLeast, canSeeConversation } from '../auth/permissions.js';
import { findConversation } from '../conversations/conversations.repo.js';
import { trigger as triggerSchema, type Trigger } from './definition/workflow-triggers.js';
import { publishedShortcuts } from './workflows.repo.js';

export interface ShortcutWorkflow {
  id: number;
  /** The name agents see: the shortcut's own, else the workflow's. */
  name: string;
  trigger: Extract<Trigger, { type: 'shortcut' }>;
}

/**
 * The conversation (404 unless the actor sees it) and the published shortcut workflows the actor may run on it:
 * those open to every team, or to one of the actor's teams. Admins, who manage workflows, see them all.
 */
export async function shortcutWorkflowsFor(ctx: UseCaseContext, conversationId: number) {
  const { actor } = ctx;
  const conversation = await findConversation(ctx.db, actor.workspaceId, conversationId);
  if (!conversation || !canSeeConversation(actor, conversation)) throw notFound('Conversation');
  const everyTeam = actor.type === 'system' || atLeast(actor, 'admin');
  const allowed: ShortcutWorkflow[] = [];
  for (const row of await publishedShortcuts(ctx.db, actor.workspaceId)) {
    const parsed = triggerSchema.safeParse(row.trigger);
    if (!parsed.success || parsed.data.type !== 'shortcut') continue;
    const { teamIds } = parsed.data;
    if (everyTeam || teamIds.length === 0 || teamIds.some((t) => actor.teamIds.includes(t))) {
      allowed.push({ id: row.id, name: parsed.data.name || row.name, trigger: parsed.data });
    }
  }
  return { conversation, allowed };
}
