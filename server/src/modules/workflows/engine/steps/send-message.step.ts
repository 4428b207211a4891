import { AppError } from '../../../../platform/http/errors.js';
import { sendMessage } from '../../../messages/send-message.js';
import type { StepContext, StepExecutor, StepResult } from '../engine-types.js';
import type { StepOf } from '../../definition/workflow-definition.js';
import { actingAs, conversationOf, NO_CONVERSATION, render } from './step-support.js';
import { DownloadFailed, sendMedia, sendText } from './outbound.js';

/**
 * Sends a text, buttons, an approved template or a file to the run's conversation. What the channel or the
 * conversation refuses (no conversation, closed, the reply window over, a file that cannot be fetched) runs `onFailure`.
 */
export const sendMessageStep: StepExecutor<'send_message'> = {
  async run(sc, step) {
    const conversationId = conversationOf(sc);
    if (conversationId === null) return { kind: 'branch', path: 'onFailure', detail: { error: NO_CONVERSATION } };
    try {
      const message = await send(sc, conversationId, step.message);
      return { kind: 'next', detail: { messageId: message.id } };
    } catch (err) {
      return { kind: 'branch', path: 'onFailure', detail: failureDetail(err) };
    }
  },
};

function send(sc: StepContext, conversationId: number, m: StepOf<'send_message'>['message']) {
  switch (m.kind) {
    case 'text':
      return sendText(sc, conversationId, render(sc, m.text));
    case 'buttons':
      return sendText(sc, conversationId, render(sc, m.text), m.buttons.map((b) => ({ id: b.id, title: render(sc, b.title) })));
    case 'template':
      return sendMessage(actingAs(sc), conversationId, { body: '', template: { name: m.name, language: m.language, variables: m.parameters.map((p) => render(sc, p)) } });
    case 'media':
      return sendMedia(sc, conversationId, { url: render(sc, m.url), caption: render(sc, m.caption), filename: m.filename });
  }
}

/** The refusal as the run log shows it; errors of our own database are not the message's fault and are thrown. */
function failureDetail(err: unknown): NonNullable<StepResult['detail']> {
  if (err instanceof AppError) return { error: err.message, code: err.code, status: err.status };
  if (err instanceof DownloadFailed) return { error: err.message };
  throw err;
}
