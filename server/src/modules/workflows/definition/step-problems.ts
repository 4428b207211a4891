import type { StepOf, WorkflowMessage } from './workflow-definition.js';
import type { StepVisit } from './walk-steps.js';
import { conditionListProblems, pathVariableProblems } from './trigger-problems.js';
import { isValidVariableName } from './render-template.js';
import { emptySecretParams } from './secret-settings.js';
import { joinPath, type ProblemCode } from './workflow-problems.js';

/** Problems of one step's own settings: what is missing or wrong before publishing. */

export type StepReport = (path: string, code: ProblemCode, message: string) => void;

const urlLike = /^(https?:\/\/|\{\{)/i;
const headerName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function duplicateIds(items: { id: string }[], at: string, code: ProblemCode, what: string, report: StepReport) {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) report(`${at}[${i}].id`, code, `Two ${what} share the id "${item.id}"`);
    seen.add(item.id);
  });
}

function messageProblems(m: WorkflowMessage, at: string, report: StepReport) {
  const here = (p: string) => joinPath(at, p);
  switch (m.kind) {
    case 'text':
      if (!m.text.trim()) report(here('text'), 'missing_setting', 'Write the message');
      return;
    case 'media':
      if (!m.url.trim()) report(here('url'), 'missing_setting', 'Give the file URL');
      else if (!urlLike.test(m.url.trim())) report(here('url'), 'invalid_setting', 'The file URL must start with http:// or https://');
      return;
    case 'buttons':
      if (!m.text.trim()) report(here('text'), 'missing_setting', 'Write the message above the buttons');
      if (!m.buttons.length) report(here('buttons'), 'missing_setting', 'Add at least one button');
      m.buttons.forEach((b, i) => { if (!b.title.trim()) report(here(`buttons[${i}].title`), 'missing_setting', 'Give the button a title'); });
      return duplicateIds(m.buttons, here('buttons'), 'invalid_setting', 'buttons', report);
    case 'template':
      if (!m.name.trim()) report(here('name'), 'missing_setting', 'Choose the template');
      if (!m.language.trim()) report(here('language'), 'missing_setting', 'Choose the template language');
      return;
  }
}

function askQuestionProblems(s: StepOf<'ask_question'>, at: (p: string) => string, report: StepReport) {
  if (!s.question.trim()) report(at('question'), 'missing_setting', 'Write the question');
  if (s.kind === 'choice') {
    if (!s.choices.length) report(at('choices'), 'missing_setting', 'Add the choices');
    s.choices.forEach((c, i) => { if (!c.label.trim()) report(at(`choices[${i}].label`), 'missing_setting', 'Give the choice a label'); });
    duplicateIds(s.choices, at('choices'), 'duplicate_branch_id', 'choices', report);
  } else if (s.choices.length) {
    report(at('choices'), 'invalid_setting', `A ${s.kind} question has no choices`);
  }
  if (s.saveTo && 'contactField' in s.saveTo && !s.saveTo.contactField) report(at('saveTo.contactField'), 'missing_setting', 'Choose the contact field');
  if (s.saveTo && 'variable' in s.saveTo) {
    if (!s.saveTo.variable) report(at('saveTo.variable'), 'missing_setting', 'Name the variable');
    else if (!isValidVariableName(s.saveTo.variable)) report(at('saveTo.variable'), 'invalid_setting', `"${s.saveTo.variable}" is not a variable name`);
  }
  if (s.onTimeout.length && s.timeoutMinutes === undefined) report(at('onTimeout'), 'dangling_branch', 'The timeout branch never runs: set a timeout');
  if (s.onInvalid.length && s.kind === 'text') report(at('onInvalid'), 'dangling_branch', 'Any text is a valid answer, so the invalid-answer branch never runs');
}

function assignProblems(s: StepOf<'assign'>, at: (p: string) => string, report: StepReport) {
  if (s.target.kind === 'agent' && s.target.userId === null) report(at('target.userId'), 'missing_setting', 'Choose the agent');
  if (s.target.kind === 'team' && s.target.teamId === null) report(at('target.teamId'), 'missing_setting', 'Choose the team');
  if (s.onTimeout.length && s.timeoutMinutes === undefined && s.queueWhenNobody) {
    report(at('onTimeout'), 'dangling_branch', 'The timeout branch never runs: set a timeout, or do not queue when nobody qualifies');
  }
}

function branchProblems(s: StepOf<'branch'>, at: (p: string) => string, report: StepReport) {
  if (!s.branches.length) report(at('branches'), 'missing_setting', 'Add at least one branch with conditions');
  s.branches.forEach((b, i) => {
    if (!b.conditions.length) report(at(`branches[${i}].conditions`), 'empty_branch', `Branch "${b.name || b.id}" has no conditions`);
    conditionListProblems(b.conditions, at(`branches[${i}].conditions`), report);
  });
  duplicateIds(s.branches, at('branches'), 'duplicate_branch_id', 'branches', report);
}

function httpRequestProblems(s: StepOf<'http_request'>, at: (p: string) => string, report: StepReport) {
  const url = s.url.trim();
  if (!url) report(at('url'), 'missing_setting', 'Give the URL');
  else if (!urlLike.test(url)) report(at('url'), 'invalid_setting', 'The URL must start with http:// or https://');
  for (const name of emptySecretParams(url)) report(at('url'), 'missing_setting', `Fill in the "${name}" parameter of the URL`);
  if (s.method === 'GET' && s.body !== null) report(at('body'), 'invalid_setting', 'A GET request has no body');
  s.headers.forEach((h, i) => {
    if (!h.name) report(at(`headers[${i}].name`), 'missing_setting', 'Name the header');
    else if (!headerName.test(h.name)) report(at(`headers[${i}].name`), 'invalid_setting', `"${h.name}" is not a header name`);
    if (!h.value) report(at(`headers[${i}].value`), 'missing_setting', `Give the value of header "${h.name}"`);
  });
  pathVariableProblems(s.saveResponse, at('saveResponse'), report);
}

function tagsProblems(s: StepOf<'add_tags' | 'remove_tags'>, at: (p: string) => string, report: StepReport) {
  if (!s.tags.length) report(at('tags'), 'missing_setting', 'Choose at least one tag');
  s.tags.forEach((t, i) => { if (!t) report(at(`tags[${i}]`), 'missing_setting', 'Empty tag'); });
}

export function stepProblems(v: StepVisit, report: StepReport, workflowId?: number) {
  const s = v.step;
  const at = (p: string) => joinPath(v.path, p);
  switch (s.type) {
    case 'send_message':
      return messageProblems(s.message, at('message'), report);
    case 'ask_question':
      return askQuestionProblems(s, at, report);
    case 'assign':
      return assignProblems(s, at, report);
    case 'branch':
      return branchProblems(s, at, report);
    case 'add_tags':
    case 'remove_tags':
      return tagsProblems(s, at, report);
    case 'update_contact_field':
      if (!s.field) report(at('field'), 'missing_setting', 'Choose the contact field');
      if (s.value === '') report(at('value'), 'missing_setting', 'Give the value, or choose to clear the field');
      return;
    case 'update_lifecycle':
      if (s.stage === '') report(at('stage'), 'missing_setting', 'Choose the lifecycle stage, or choose to remove it');
      return;
    case 'add_note':
      if (!s.text.trim()) report(at('text'), 'missing_setting', 'Write the note');
      return;
    case 'wait':
      if (!s.duration && !s.until) report(v.path, 'missing_setting', 'Say how long to wait, or until when');
      if (s.duration && s.until) report(v.path, 'invalid_setting', 'Wait for a duration or until a time, not both');
      return;
    case 'http_request':
      return httpRequestProblems(s, at, report);
    case 'jump_to':
      if (!s.target) report(at('target'), 'missing_setting', 'Choose the step to jump to');
      return;
    case 'trigger_workflow':
      if (s.workflowId === null) report(at('workflowId'), 'missing_setting', 'Choose the workflow to start');
      else if (s.workflowId === workflowId) report(at('workflowId'), 'trigger_workflow_self', 'A workflow cannot start itself');
      return;
    case 'unassign':
    case 'close_conversation':
    case 'open_conversation':
    case 'pause_bot':
    case 'resume_bot':
    case 'end':
      return;
  }
}
