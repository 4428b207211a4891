import type { UseCaseContext } from '../use-case.js';
import { badRequest } from '../../platform/http/errors.js';
import { changeConversation } from './change-conversation.js';
import { existingTagNames } from './conversations.repo.js';

/** Adds and removes tags (names from the workspace's tag list); the change is one timeline entry. */
export async function tagConversation(ctx: UseCaseContext, id: number, input: { add?: string[]; remove?: string[] }) {
  const add = [...new Set(input.add ?? [])];
  const remove = new Set(input.remove ?? []);
  if (add.length === 0 && remove.size === 0) throw badRequest('Give tags to add or remove');
  const known = new Set(await existingTagNames(ctx.db, ctx.actor.workspaceId, add));
  const unknown = add.filter((t) => !known.has(t));
  if (unknown.length) throw badRequest(`Unknown tags: ${unknown.join(', ')}`, [{ field: 'add', message: 'create these tags first' }]);
  return changeConversation(ctx, id, 'conversation.update', (c) => {
    const tags = [...c.tags.filter((t) => !remove.has(t)), ...add.filter((t) => !c.tags.includes(t))];
    const added = tags.filter((t) => !c.tags.includes(t));
    const removed = c.tags.filter((t) => !tags.includes(t));
    if (added.length === 0 && removed.length === 0) throw badRequest('Nothing changes');
    return { patch: { tags }, type: 'conversation.tagged', activity: { action: 'tagged', added, removed }, payload: { added, removed } };
  });
}
