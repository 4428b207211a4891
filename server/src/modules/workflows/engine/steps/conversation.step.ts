import { reopenConversation } from '../../../conversations/reopen-conversation.js';
import { closeConversation } from '../../../conversations/close-conversation.js';
import { setConversationBot } from '../../../conversations/set-conversation-bot.js';
import { changeConversation } from '../../../conversations/change-conversation.js';
import { assertTransition } from '../../../conversations/conversation-status.js';
import { addNote } from '../../../messages/add-note.js';
import type { UseCaseContext } from '../../../use-case.js';
import type { StepContext, StepExecutor, StepResult } from '../engine-types.js';
import { actingAs, attempt, conversationOf, NO_CONVERSATION, render } from './step-support.js';

/** Runs an action on the run's conversation as the workflow; a run without one fails the step. */
function onConversation(sc: StepContext, action: (uc: UseCaseContext, id: number) => Promise<StepResult>): Promise<StepResult> {
  const id = conversationOf(sc);
  if (id === null) return Promise.resolve({ kind: 'fail', error: NO_CONVERSATION });
  return attempt(() => action(actingAs(sc), id));
}

/**
 * Wakes a snoozed conversation now, whichever way it was snoozed: back to the bot, its assignee or its team's queue,
 * as the snooze job does when the time comes (wake-conversation.ts, which only wakes timed snoozes).
 */
function wakeNow(uc: UseCaseContext, id: number) {
  return changeConversation(uc, id, 'conversation.update', (c) => ({
    patch: { status: assertTransition(c.status, c.botActive ? 'bot' : c.assigneeId ? 'open' : 'queued'), snoozeMode: null, snoozedUntil: null },
    type: 'conversation.woken',
    activity: { action: 'woken' },
  }));
}

/** Reopens a closed conversation or wakes a snoozed one; an active one goes on as it is. */
export const openConversationStep: StepExecutor<'open_conversation'> = {
  run: (sc) => onConversation(sc, async (uc, id) => {
    const status = sc.values.conversation?.status;
    if (status === 'closed') return { kind: 'next', detail: { status: (await reopenConversation(uc, id)).status } };
    if (status === 'snoozed') return { kind: 'next', detail: { status: (await wakeNow(uc, id)).status } };
    return { kind: 'next', detail: { unchanged: true, status } };
  }),
};

/** Closes with a closing note (category and summary may hold variables), as the workspace's policy asks. */
export const closeConversationStep: StepExecutor<'close_conversation'> = {
  run: (sc, step) => onConversation(sc, async (uc, id) => {
    if (sc.values.conversation?.status === 'closed') return { kind: 'next', detail: { unchanged: true } };
    const category = step.category ? render(sc, step.category).trim() : '';
    await closeConversation(uc, id, { ...(category ? { category } : {}), summary: render(sc, step.summary) });
    return { kind: 'next' };
  }),
};

/** A private note for the team, mentioning whom the step names. */
export const addNoteStep: StepExecutor<'add_note'> = {
  run: (sc, step) => onConversation(sc, async (uc, id) => {
    const note = await addNote(uc, id, { body: render(sc, step.text), mentions: step.mentions });
    return { kind: 'next', detail: { messageId: note.id } };
  }),
};

function setBot(sc: StepContext, active: boolean) {
  return onConversation(sc, async (uc, id) => {
    if (Boolean(sc.values.conversation?.botActive) === active) return { kind: 'next', detail: { unchanged: true, botActive: active } };
    await setConversationBot(uc, id, active);
    return { kind: 'next' };
  });
}

export const pauseBotStep: StepExecutor<'pause_bot'> = { run: (sc) => setBot(sc, false) };
export const resumeBotStep: StepExecutor<'resume_bot'> = { run: (sc) => setBot(sc, true) };
