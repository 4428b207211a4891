import type { StepExecutors } from '../engine-types.js';
import { sendMessageStep } from './send-message.step.js';
import { askQuestionStep } from './ask-question.step.js';
import { assignStep, unassignStep } from './assign.step.js';
import { addTagsStep, removeTagsStep } from './tags.step.js';
import { updateContactFieldStep, updateLifecycleStep } from './contact.step.js';
import { addNoteStep, closeConversationStep, openConversationStep, pauseBotStep, resumeBotStep } from './conversation.step.js';
import { waitStep } from './wait.step.js';
import { httpRequestStep } from './http-request.step.js';
import { branchStep, endStep, jumpToStep, triggerWorkflowStep } from './flow.step.js';

/** Every step type's executor; advance-run.ts looks steps up here. */
export const stepExecutors: StepExecutors = {
  send_message: sendMessageStep,
  ask_question: askQuestionStep,
  assign: assignStep,
  unassign: unassignStep,
  branch: branchStep,
  add_tags: addTagsStep,
  remove_tags: removeTagsStep,
  update_contact_field: updateContactFieldStep,
  update_lifecycle: updateLifecycleStep,
  open_conversation: openConversationStep,
  close_conversation: closeConversationStep,
  add_note: addNoteStep,
  wait: waitStep,
  http_request: httpRequestStep,
  pause_bot: pauseBotStep,
  resume_bot: resumeBotStep,
  jump_to: jumpToStep,
  end: endStep,
  trigger_workflow: triggerWorkflowStep,
};
