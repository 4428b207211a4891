import { MultiSelect, Select, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useEditor } from '../editor-context';
import { nameOptions } from '../field-options';
import { TemplateField } from '../template-input';
import type { StepFormProps } from './form-kit';

/** Close the conversation, optionally with a closing note (a category from the workspace's list, a summary). */
export function CloseConversationForm({ step, onChange }: StepFormProps<'close_conversation'>) {
  const { t } = useTranslation();
  const { directory } = useEditor();
  return (
    <Stack gap="sm">
      <Select
        label={t('workflows.close.category')}
        placeholder={t('workflows.close.noCategory')}
        clearable
        searchable
        data={nameOptions(directory.closingCategories.map((c) => c.name), [step.category])}
        value={step.category}
        onChange={(category) => onChange({ ...step, category })}
      />
      <TemplateField multiline label={t('workflows.close.summary')} value={step.summary} onChange={(summary) => onChange({ ...step, summary })} />
    </Stack>
  );
}

/** A private note on the conversation; the people mentioned are notified. */
export function NoteForm({ step, onChange }: StepFormProps<'add_note'>) {
  const { t } = useTranslation();
  const { directory } = useEditor();
  return (
    <Stack gap="sm">
      <TemplateField multiline label={t('workflows.note.text')} value={step.text} onChange={(text) => onChange({ ...step, text })} />
      <MultiSelect
        label={t('workflows.note.mentions')}
        description={t('workflows.note.mentionsHint')}
        searchable
        data={directory.members.filter((m) => m.active || step.mentions.includes(m.id)).map((m) => ({ value: String(m.id), label: m.name }))}
        value={step.mentions.map(String)}
        onChange={(ids) => onChange({ ...step, mentions: ids.map(Number) })}
        maxValues={20}
      />
    </Stack>
  );
}
