import { Select, Stack, Switch, TagsInput, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useEditor } from '../editor-context';
import { contactFieldOptions } from '../field-options';
import { TemplateField } from '../template-input';
import type { StepFormProps } from './form-kit';

/** Add or remove tags, on the contact or the conversation; tags that do not exist yet are created. */
export function TagsForm({ step, onChange }: StepFormProps<'add_tags' | 'remove_tags'>) {
  const { t } = useTranslation();
  const { directory } = useEditor();
  return (
    <Stack gap="sm">
      <TagsInput
        label={t('workflows.tags.tags')}
        description={t('workflows.tags.hint')}
        data={directory.tags.map((tag) => tag.name)}
        value={step.tags}
        onChange={(tags) => onChange({ ...step, tags })}
        clearable
      />
      <Select
        label={t('workflows.tags.scope')}
        data={(['contact', 'conversation'] as const).map((s) => ({ value: s, label: t(`workflows.scopes.${s}`) }))}
        value={step.scope}
        allowDeselect={false}
        onChange={(v) => v && onChange({ ...step, scope: v as typeof step.scope })}
      />
    </Stack>
  );
}

export function ContactFieldForm({ step, onChange }: StepFormProps<'update_contact_field'>) {
  const { t } = useTranslation();
  const { directory } = useEditor();
  const clearing = step.value === null;
  return (
    <Stack gap="sm">
      <Select label={t('workflows.contactField.field')} searchable data={contactFieldOptions(t, directory.contactFields, step.field)} value={step.field || null} onChange={(v) => onChange({ ...step, field: v ?? '' })} />
      <Switch label={t('workflows.contactField.clear')} checked={clearing} onChange={(e) => onChange({ ...step, value: e.currentTarget.checked ? null : '' })} />
      {!clearing && <TemplateField label={t('workflows.contactField.value')} value={step.value ?? ''} onChange={(value) => onChange({ ...step, value })} />}
    </Stack>
  );
}

export function LifecycleForm({ step, onChange }: StepFormProps<'update_lifecycle'>) {
  const { t } = useTranslation();
  const removing = step.stage === null;
  return (
    <Stack gap="sm">
      <Switch label={t('workflows.lifecycle.remove')} checked={removing} onChange={(e) => onChange({ ...step, stage: e.currentTarget.checked ? null : '' })} />
      {!removing && <TextInput label={t('workflows.lifecycle.stage')} description={t('workflows.lifecycle.stageHint')} value={step.stage ?? ''} onChange={(e) => onChange({ ...step, stage: e.currentTarget.value })} />}
    </Stack>
  );
}
