import type { TFunction } from 'i18next';
import type { Step, StepType } from '../workflow-types';
import type { Directory } from './editor-context';

const cut = (text: string, max = 80) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

/** Steps that do their one thing without settings. */
export const NO_SETTINGS: readonly StepType[] = ['unassign', 'open_conversation', 'pause_bot', 'resume_bot', 'end'];

const nameOf = <T extends { id: number; name: string }>(list: T[], id: number | null | undefined) => list.find((x) => x.id === id)?.name;

/** What a step does, in one line for its card; empty when its settings are not filled yet. */
export function stepSummary(t: TFunction, step: Step, directory: Directory): string {
  switch (step.type) {
    case 'send_message': {
      const m = step.message;
      if (m.kind === 'text') return cut(m.text);
      if (m.kind === 'media') return cut(`${t(`workflows.message.mediaTypes.${m.mediaType}`)}: ${m.caption || m.url}`);
      if (m.kind === 'buttons') return cut(`${m.text} [${m.buttons.map((b) => b.title).join(' · ')}]`);
      return m.name ? cut(t('workflows.summary.template', { name: m.name, language: m.language })) : '';
    }
    case 'ask_question':
      return step.question ? cut(`${step.question} (${t(`workflows.question.kinds.${step.kind}`)})`) : '';
    case 'assign': {
      const target = step.target;
      if (target.kind === 'agent') return nameOf(directory.members, target.userId) ?? '';
      const team = nameOf(directory.teams, target.teamId);
      return team ? `${team} · ${t(`workflows.assign.strategies.${target.strategy}`)}` : '';
    }
    case 'branch':
      return t('workflows.summary.branches', { count: step.branches.length });
    case 'add_tags':
    case 'remove_tags':
      return cut(step.tags.join(', '));
    case 'update_contact_field':
      if (!step.field) return '';
      return step.value === null ? t('workflows.summary.clearField', { field: step.field }) : cut(`${step.field} = ${step.value}`);
    case 'update_lifecycle':
      return step.stage === null ? t('workflows.summary.removeStage') : step.stage;
    case 'close_conversation':
      return step.category ?? '';
    case 'add_note':
      return cut(step.text);
    case 'wait':
      return waitSummary(t, step);
    case 'http_request':
      return step.url ? cut(`${step.method} ${step.url}`) : '';
    case 'jump_to':
      return step.target ? `→ ${step.target}` : '';
    case 'trigger_workflow':
      return nameOf(directory.workflows, step.workflowId) ?? '';
    default:
      return '';
  }
}

function waitSummary(t: TFunction, step: Extract<Step, { type: 'wait' }>): string {
  if (step.duration) return t(`workflows.summary.duration.${step.duration.unit}`, { count: step.duration.amount });
  const until = step.until;
  if (!until) return '';
  if (until.kind === 'time_of_day') return t('workflows.summary.untilTime', { time: until.time });
  if (until.kind === 'datetime') return t('workflows.summary.untilDate', { at: until.at });
  return t('workflows.summary.untilOpen');
}
