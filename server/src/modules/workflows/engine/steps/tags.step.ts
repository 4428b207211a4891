import { tagContact } from '../../../contacts/tag-contact.js';
import { tagConversation } from '../../../conversations/tag-conversation.js';
import type { StepContext, StepExecutor, StepResult } from '../engine-types.js';
import { actingAs, attempt, contactOf, conversationOf, NO_CONTACT, NO_CONVERSATION } from './step-support.js';

type Change = 'add' | 'remove';

/**
 * Tags the contact or the conversation (the conversation's from the workspace's tag list, so an unknown one fails the
 * step). Nothing to change goes on quietly.
 */
async function changeTags(sc: StepContext, scope: 'contact' | 'conversation', change: Change, given: string[]): Promise<StepResult> {
  const tags = [...new Set(given.map((t) => t.trim()).filter(Boolean))];
  if (scope === 'contact') {
    const contactId = contactOf(sc);
    if (contactId === null) return { kind: 'fail', error: NO_CONTACT };
    return attempt(async () => {
      await tagContact(actingAs(sc), { contactId, [change]: tags });
      return { kind: 'next' };
    });
  }
  const conversationId = conversationOf(sc);
  if (conversationId === null) return { kind: 'fail', error: NO_CONVERSATION };
  const current = new Set(Array.isArray(sc.values.conversation?.tags) ? (sc.values.conversation.tags as string[]) : []);
  const changing = tags.filter((t) => current.has(t) === (change === 'remove'));
  if (changing.length === 0) return { kind: 'next', detail: { unchanged: true } };
  return attempt(async () => {
    await tagConversation(actingAs(sc), conversationId, { [change]: changing });
    return { kind: 'next' };
  });
}

export const addTagsStep: StepExecutor<'add_tags'> = {
  run: (sc, step) => changeTags(sc, step.scope, 'add', step.tags),
};

export const removeTagsStep: StepExecutor<'remove_tags'> = {
  run: (sc, step) => changeTags(sc, step.scope, 'remove', step.tags),
};
