import { Alert, Button, Drawer, Group, List, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { problemText } from '../problem-text';
import type { Step } from '../workflow-types';
import { stepAt } from './definition-edit';
import { useEditor } from './editor-context';
import { AssignForm } from './forms/assign-form';
import { BranchForm } from './forms/branch-form';
import { ContactFieldForm, LifecycleForm, TagsForm } from './forms/contact-forms';
import { CloseConversationForm, NoteForm } from './forms/conversation-forms';
import { JumpToForm, TriggerWorkflowForm } from './forms/flow-forms';
import { without } from './forms/form-kit';
import { HttpRequestForm } from './forms/http-form';
import { SendMessageForm } from './forms/message-form';
import { AskQuestionForm } from './forms/question-form';
import { WaitForm } from './forms/wait-form';
import { StepIcon } from './step-icons';
import { NO_SETTINGS } from './step-summary';

/** The settings form of a step's type; null for the types that have none. */
function StepForm({ step, onChange }: { step: Step; onChange: (step: Step) => void }) {
  switch (step.type) {
    case 'send_message':
      return <SendMessageForm step={step} onChange={onChange} />;
    case 'ask_question':
      return <AskQuestionForm step={step} onChange={onChange} />;
    case 'assign':
      return <AssignForm step={step} onChange={onChange} />;
    case 'branch':
      return <BranchForm step={step} onChange={onChange} />;
    case 'add_tags':
    case 'remove_tags':
      return <TagsForm step={step} onChange={onChange} />;
    case 'update_contact_field':
      return <ContactFieldForm step={step} onChange={onChange} />;
    case 'update_lifecycle':
      return <LifecycleForm step={step} onChange={onChange} />;
    case 'close_conversation':
      return <CloseConversationForm step={step} onChange={onChange} />;
    case 'add_note':
      return <NoteForm step={step} onChange={onChange} />;
    case 'wait':
      return <WaitForm step={step} onChange={onChange} />;
    case 'http_request':
      return <HttpRequestForm step={step} onChange={onChange} />;
    case 'jump_to':
      return <JumpToForm step={step} onChange={onChange} />;
    case 'trigger_workflow':
      return <TriggerWorkflowForm step={step} onChange={onChange} />;
    default:
      return null;
  }
}

/** The side panel where one step is edited; changes apply to the draft as they are typed. */
export function StepPanel({ path, onChange, onRemove, onClose }: { path: string | null; onChange: (path: string, step: Step) => void; onRemove: (path: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const { definition, readOnly, problemsOfStep } = useEditor();
  const step = path ? stepAt(definition, path) : undefined;
  const problems = path ? problemsOfStep(path) : [];
  return (
    <Drawer
      opened={Boolean(step)}
      onClose={onClose}
      position="right"
      size="lg"
      title={
        step && (
          <Group gap="xs">
            <StepIcon type={step.type} />
            <Text fw={600}>{t(`workflows.steps.types.${step.type}`)}</Text>
            <Text size="xs" c="dimmed" ff="monospace">
              {step.id}
            </Text>
          </Group>
        )
      }
    >
      {step && path && (
        <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }} data-testid="step-panel">
          <Stack gap="md">
            {problems.length > 0 && (
              <Alert color="red" variant="light" title={t('workflows.problems.ofStep')} data-testid="step-panel-problems">
                <List size="sm">
                  {problems.map((p, i) => (
                    <List.Item key={i}>{problemText(t, p)}</List.Item>
                  ))}
                </List>
              </Alert>
            )}
            <TextInput
              label={t('workflows.stepName')}
              description={t('workflows.stepNameHint')}
              value={step.name ?? ''}
              maxLength={100}
              onChange={(e) => onChange(path, e.currentTarget.value ? { ...step, name: e.currentTarget.value } : (without(step, 'name') as Step))}
            />
            <StepForm key={path} step={step} onChange={(next) => onChange(path, next)} />
            {NO_SETTINGS.includes(step.type) && (
              <Text size="sm" c="dimmed">
                {t('workflows.noSettings')}
              </Text>
            )}
            {!readOnly && (
              <Group justify="space-between">
                <Button variant="subtle" color="red" onClick={() => onRemove(path)}>
                  {t('workflows.removeStep')}
                </Button>
                <Button variant="default" onClick={onClose}>
                  {t('workflows.done')}
                </Button>
              </Group>
            )}
          </Stack>
        </fieldset>
      )}
    </Drawer>
  );
}
