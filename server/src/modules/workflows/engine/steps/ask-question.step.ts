import { AppError, notFound } from '../../../../platform/http/errors.js';
import type { StepOf } from '../../definition/workflow-definition.js';
import type { StepContext, StepExecutor, StepResult } from '../engine-types.js';
import { actingAs, attempt, contactOf, conversationOf, minutesFrom, NO_CONVERSATION, render } from './step-support.js';
import { sendText } from './outbound.js';
import { readAnswer, type QuestionChoice } from './question-answers.js';
import { writeContactField } from './contact-field-write.js';

type Question = StepOf<'ask_question'>;

/** What a waiting question remembers: the invalid answers so far and its deadline. */
interface QuestionState {
  attempts: number;
  until: string | null;
}

const choicesOf = (sc: StepContext, step: Question): QuestionChoice[] =>
  step.kind === 'choice' ? step.choices.map((c) => ({ id: c.id, label: render(sc, c.label) })) : [];

function ask(sc: StepContext, conversationId: number, step: Question, text: string) {
  return sendText(sc, conversationId, text, choicesOf(sc, step).map((c) => ({ id: c.id, title: c.label })));
}

function waitForAnswer(sc: StepContext, step: Question, attempts: number): StepResult {
  const until = step.timeoutMinutes ? minutesFrom(sc.now, step.timeoutMinutes) : null;
  const state: QuestionState = { attempts, until: until?.toISOString() ?? null };
  return { kind: 'wait', for: 'answer', until, state: { ...state } };
}

/**
 * Asks the customer (choices as buttons, or a numbered list where the channel has none) and waits for the answer.
 * A valid answer is saved to the contact field or the run variable and runs the picked choice's steps; an invalid
 * one is asked again with the invalid message until the retries are spent (then `onInvalid`); silence until the
 * time-out runs `onTimeout`.
 */
export const askQuestionStep: StepExecutor<'ask_question'> = {
  async run(sc, step) {
    const conversationId = conversationOf(sc);
    if (conversationId === null) return { kind: 'fail', error: NO_CONVERSATION };
    return attempt(async () => {
      await ask(sc, conversationId, step, render(sc, step.question));
      return waitForAnswer(sc, step, 0);
    });
  },

  async resume(sc, step, wake, saved) {
    const state = saved as Partial<QuestionState>;
    const attempts = Number(state.attempts ?? 0);
    if (wake.kind === 'timer') return { kind: 'branch', path: 'onTimeout', detail: { attempts } };
    if (wake.kind !== 'message') return { kind: 'wait', for: 'answer', until: state.until ? new Date(state.until) : null, state: saved };
    const conversationId = conversationOf(sc);
    if (conversationId === null) return { kind: 'fail', error: NO_CONVERSATION };

    const timezone = (sc.values.workspace as { timezone?: string } | null)?.timezone ?? 'UTC';
    const read = readAnswer(step.kind, { text: wake.text, payload: wake.payload }, { choices: choicesOf(sc, step), now: sc.now, timezone });
    return attempt(async () => {
      const stored = read && (await store(sc, step, read.value));
      if (read && stored) {
        const detail = { answer: read.value, attempts };
        if (read.choice !== undefined) return { kind: 'branch', path: `choices[${read.choice}].steps`, vars: stored.vars, detail };
        return { kind: 'next', vars: stored.vars, detail };
      }
      const invalid = attempts + 1;
      if (invalid > step.retries) return { kind: 'branch', path: 'onInvalid', detail: { attempts: invalid, answer: wake.text.slice(0, 200) } };
      await ask(sc, conversationId, step, render(sc, step.invalidMessage).trim() || render(sc, step.question));
      return waitForAnswer(sc, step, invalid);
    });
  },
};

/**
 * Saves the answer where the step says; null when the contact field refuses it (a text for a number field), which
 * counts as an invalid answer. Other refusals (the contact is gone) fail the step.
 */
async function store(sc: StepContext, step: Question, value: string | number): Promise<{ vars?: Record<string, unknown> } | null> {
  const target = step.saveTo;
  if (!target) return {};
  if ('variable' in target) return { vars: { [target.variable]: value } };
  const contactId = contactOf(sc);
  if (contactId === null) throw notFound('The run\'s contact');
  try {
    await writeContactField(actingAs(sc), contactId, target.contactField, value);
    return {};
  } catch (err) {
    if (err instanceof AppError && err.status === 400) return null;
    throw err;
  }
}
