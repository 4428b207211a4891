import { Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { allSteps } from '../definition-edit';
import { useEditor } from '../editor-context';
import type { StepFormProps } from './form-kit';

/** Continue at another step of this workflow, chosen by name or id. */
export function JumpToForm({ step, onChange }: StepFormProps<'jump_to'>) {
  const { t } = useTranslation();
  const { definition } = useEditor();
  const targets = allSteps(definition.steps).filter((e) => e.step.id !== step.id);
  const data = targets.map(({ step: s }) => ({ value: s.id, label: `${s.name || t(`workflows.steps.types.${s.type}`)} · ${s.id}` }));
  if (step.target && !data.some((d) => d.value === step.target)) data.push({ value: step.target, label: step.target });
  return (
    <Stack gap="sm">
      <Select label={t('workflows.jump.target')} searchable data={data} value={step.target || null} onChange={(v) => onChange({ ...step, target: v ?? '' })} />
      <Text size="xs" c="dimmed">
        {t('workflows.jump.hint')}
      </Text>
    </Stack>
  );
}

/** Start another workflow for the same contact and conversation. */
export function TriggerWorkflowForm({ step, onChange }: StepFormProps<'trigger_workflow'>) {
  const { t } = useTranslation();
  const { directory, workflowId } = useEditor();
  return (
    <Select
      label={t('workflows.triggerWorkflow.workflow')}
      searchable
      data={directory.workflows.filter((w) => w.id !== workflowId).map((w) => ({ value: String(w.id), label: w.name }))}
      value={step.workflowId ? String(step.workflowId) : null}
      onChange={(v) => onChange({ ...step, workflowId: v ? Number(v) : null })}
    />
  );
}
