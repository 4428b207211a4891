import type { UseCaseContext } from '../use-case.js';
import { badRequest } from '../../platform/http/errors.js';
import { changeConversation } from './change-conversation.js';
import type { ConversationRow } from './conversations.repo.js';

export type Priority = ConversationRow['priority'];

export async function setConversationPriority(ctx: UseCaseContext, id: number, priority: Priority) {
  return changeConversation(ctx, id, 'conversation.update', (c) => {
    if (c.priority === priority) throw badRequest(`Priority is already ${priority}`);
    return { patch: { priority }, type: 'conversation.priority_changed', activity: { action: 'priority_changed', from: c.priority, to: priority } };
  });
}
