import { ActionIcon, Button, Group, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QUESTION_KINDS, type QuestionKind, type StepOf } from '../../workflow-types';
import { takenIds } from '../definition-edit';
import { useEditor } from '../editor-context';
import { contactFieldOptions } from '../field-options';
import { idMaker } from '../new-step';
import { TemplateField } from '../template-input';
import { OptionalNumber, WholeNumber, without, type StepFormProps } from './form-kit';

type Question = StepOf<'ask_question'>;
type SaveMode = 'none' | 'contactField' | 'variable';

function ChoicesEditor({ step, onChange }: StepFormProps<'ask_question'>) {
  const { t } = useTranslation();
  const { definition, readOnly } = useEditor();
  const setLabel = (i: number, label: string) => onChange({ ...step, choices: step.choices.map((c, j) => (j === i ? { ...c, label } : c)) });
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {t('workflows.question.choices')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('workflows.question.choicesHint')}
      </Text>
      {step.choices.map((c, i) => (
        <Group key={c.id} gap={6} wrap="nowrap">
          <TextInput size="xs" style={{ flex: 1 }} maxLength={40} aria-label={t('workflows.question.choice', { n: i + 1 })} placeholder={t('workflows.question.choice', { n: i + 1 })} value={c.label} onChange={(e) => setLabel(i, e.currentTarget.value)} />
          {!readOnly && (
            <ActionIcon variant="subtle" color="red" size="sm" onClick={() => onChange({ ...step, choices: step.choices.filter((_, j) => j !== i) })} aria-label={t('workflows.rows.remove', { n: i + 1 })}>
              ×
            </ActionIcon>
          )}
        </Group>
      ))}
      {!readOnly && step.choices.length < 10 && (
        <Button variant="subtle" size="compact-xs" style={{ alignSelf: 'flex-start' }} onClick={() => onChange({ ...step, choices: [...step.choices, { id: idMaker(takenIds(definition))('c'), label: '', steps: [] }] })}>
          {t('workflows.question.addChoice')}
        </Button>
      )}
    </Stack>
  );
}

/** Leaving `choice`: choices that hold no steps go; ones with steps stay, for the server to point at. */
function withKind(step: Question, kind: QuestionKind): Question {
  if (kind === 'choice' || step.choices.some((c) => c.steps.length)) return { ...step, kind };
  return { ...step, kind, choices: [] };
}

export function AskQuestionForm({ step, onChange }: StepFormProps<'ask_question'>) {
  const { t } = useTranslation();
  const { directory, readOnly } = useEditor();
  const saveMode: SaveMode = step.saveTo === null ? 'none' : 'contactField' in step.saveTo ? 'contactField' : 'variable';
  const setSaveMode = (mode: SaveMode) => onChange({ ...step, saveTo: mode === 'none' ? null : mode === 'contactField' ? { contactField: '' } : { variable: '' } });
  return (
    <Stack gap="sm">
      <TemplateField multiline label={t('workflows.question.question')} value={step.question} onChange={(question) => onChange({ ...step, question })} />
      <Select label={t('workflows.question.kind')} data={QUESTION_KINDS.map((k) => ({ value: k, label: t(`workflows.question.kinds.${k}`) }))} value={step.kind} allowDeselect={false} onChange={(v) => v && onChange(withKind(step, v as QuestionKind))} />
      {(step.kind === 'choice' || step.choices.length > 0) && <ChoicesEditor step={step} onChange={onChange} />}
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('workflows.question.saveTo')}
        </Text>
        <SegmentedControl size="xs" value={saveMode} onChange={(v) => setSaveMode(v as SaveMode)} disabled={readOnly} aria-label={t('workflows.question.saveTo')} data={(['none', 'contactField', 'variable'] as const).map((m) => ({ value: m, label: t(`workflows.question.saveModes.${m}`) }))} />
        {step.saveTo && 'contactField' in step.saveTo && (
          <Select searchable aria-label={t('workflows.question.contactField')} placeholder={t('workflows.question.contactField')} data={contactFieldOptions(t, directory.contactFields, step.saveTo.contactField)} value={step.saveTo.contactField || null} onChange={(v) => onChange({ ...step, saveTo: { contactField: v ?? '' } })} />
        )}
        {step.saveTo && 'variable' in step.saveTo && (
          <TextInput aria-label={t('workflows.question.variable')} placeholder={t('workflows.question.variablePlaceholder')} value={step.saveTo.variable} onChange={(e) => onChange({ ...step, saveTo: { variable: e.currentTarget.value } })} />
        )}
      </Stack>
      {step.kind !== 'text' && (
        <>
          <WholeNumber label={t('workflows.question.retries')} description={t('workflows.question.retriesHint')} value={step.retries} min={0} max={5} onChange={(retries) => onChange({ ...step, retries })} />
          <TemplateField label={t('workflows.question.invalidMessage')} value={step.invalidMessage} onChange={(invalidMessage) => onChange({ ...step, invalidMessage })} />
        </>
      )}
      <OptionalNumber
        label={t('workflows.question.timeout')}
        description={t('workflows.question.timeoutHint')}
        value={step.timeoutMinutes}
        min={1}
        max={43_200}
        onChange={(v) => onChange(v === undefined ? without(step, 'timeoutMinutes') : { ...step, timeoutMinutes: v })}
      />
    </Stack>
  );
}
