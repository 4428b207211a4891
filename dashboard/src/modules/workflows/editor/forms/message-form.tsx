import { ActionIcon, Button, Group, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { MEDIA_TYPES, MESSAGE_KINDS, type WorkflowMessage } from '../../workflow-types';
import { takenIds } from '../definition-edit';
import { useEditor } from '../editor-context';
import { idMaker } from '../new-step';
import { TemplateField } from '../template-input';
import type { StepFormProps } from './form-kit';

function emptyMessage(kind: WorkflowMessage['kind'], previousText: string): WorkflowMessage {
  switch (kind) {
    case 'text':
      return { kind, text: previousText };
    case 'media':
      return { kind, mediaType: 'image', url: '', caption: '' };
    case 'buttons':
      return { kind, text: previousText, buttons: [] };
    case 'template':
      return { kind, name: '', language: 'es', parameters: [] };
  }
}

function ButtonsEditor({ message, onChange }: { message: Extract<WorkflowMessage, { kind: 'buttons' }>; onChange: (m: WorkflowMessage) => void }) {
  const { t } = useTranslation();
  const { definition, readOnly } = useEditor();
  const setTitle = (i: number, title: string) => onChange({ ...message, buttons: message.buttons.map((b, j) => (j === i ? { ...b, title } : b)) });
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {t('workflows.message.buttons')}
      </Text>
      {message.buttons.map((b, i) => (
        <Group key={b.id} gap={6} wrap="nowrap">
          <TextInput size="xs" style={{ flex: 1 }} maxLength={40} aria-label={t('workflows.message.buttonTitle', { n: i + 1 })} placeholder={t('workflows.message.buttonTitle', { n: i + 1 })} value={b.title} onChange={(e) => setTitle(i, e.currentTarget.value)} />
          {!readOnly && (
            <ActionIcon variant="subtle" color="red" size="sm" onClick={() => onChange({ ...message, buttons: message.buttons.filter((_, j) => j !== i) })} aria-label={t('workflows.rows.remove', { n: i + 1 })}>
              ×
            </ActionIcon>
          )}
        </Group>
      ))}
      {!readOnly && message.buttons.length < 10 && (
        <Button variant="subtle" size="compact-xs" style={{ alignSelf: 'flex-start' }} onClick={() => onChange({ ...message, buttons: [...message.buttons, { id: idMaker(takenIds(definition))('btn'), title: '' }] })}>
          {t('workflows.message.addButton')}
        </Button>
      )}
    </Stack>
  );
}

/** The four kinds of message a send_message step (or a question) can send. */
export function MessageFields({ message, onChange }: { message: WorkflowMessage; onChange: (m: WorkflowMessage) => void }) {
  const { t } = useTranslation();
  const { readOnly } = useEditor();
  const text = 'text' in message ? message.text : '';
  return (
    <Stack gap="sm">
      <SegmentedControl
        value={message.kind}
        onChange={(kind) => onChange(emptyMessage(kind as WorkflowMessage['kind'], text))}
        data={MESSAGE_KINDS.map((kind) => ({ value: kind, label: t(`workflows.message.kinds.${kind}`) }))}
        aria-label={t('workflows.message.kind')}
        disabled={readOnly}
        fullWidth
      />
      {message.kind === 'text' && <TemplateField multiline label={t('workflows.message.text')} value={message.text} onChange={(v) => onChange({ ...message, text: v })} />}
      {message.kind === 'media' && (
        <>
          <Select label={t('workflows.message.mediaType')} data={MEDIA_TYPES.map((m) => ({ value: m, label: t(`workflows.message.mediaTypes.${m}`) }))} value={message.mediaType} allowDeselect={false} onChange={(v) => v && onChange({ ...message, mediaType: v as typeof message.mediaType })} />
          <TemplateField label={t('workflows.message.url')} placeholder="https://" value={message.url} onChange={(v) => onChange({ ...message, url: v })} />
          <TemplateField label={t('workflows.message.caption')} value={message.caption} onChange={(v) => onChange({ ...message, caption: v })} />
          {message.mediaType === 'document' && (
            <TextInput label={t('workflows.message.filename')} value={message.filename ?? ''} onChange={(e) => onChange({ ...message, filename: e.currentTarget.value || undefined })} />
          )}
        </>
      )}
      {message.kind === 'buttons' && (
        <>
          <TemplateField multiline label={t('workflows.message.textAbove')} value={message.text} onChange={(v) => onChange({ ...message, text: v })} />
          <ButtonsEditor message={message} onChange={onChange} />
        </>
      )}
      {message.kind === 'template' && (
        <>
          <Text size="xs" c="dimmed">
            {t('workflows.message.templateHint', { placeholders: '{{1}}, {{2}}…' })}
          </Text>
          <Group grow>
            <TextInput label={t('workflows.message.templateName')} value={message.name} onChange={(e) => onChange({ ...message, name: e.currentTarget.value })} />
            <TextInput label={t('workflows.message.templateLanguage')} value={message.language} onChange={(e) => onChange({ ...message, language: e.currentTarget.value })} maw={120} />
          </Group>
          {message.parameters.map((p, i) => (
            <Group key={i} gap={6} wrap="nowrap" align="flex-end">
              <div style={{ flex: 1 }}>
                <TemplateField label={t('workflows.message.parameter', { n: i + 1 })} value={p} onChange={(v) => onChange({ ...message, parameters: message.parameters.map((x, j) => (j === i ? v : x)) })} />
              </div>
              {!readOnly && (
                <ActionIcon variant="subtle" color="red" mb={6} onClick={() => onChange({ ...message, parameters: message.parameters.filter((_, j) => j !== i) })} aria-label={t('workflows.rows.remove', { n: i + 1 })}>
                  ×
                </ActionIcon>
              )}
            </Group>
          ))}
          {!readOnly && (
            <Button variant="subtle" size="compact-xs" style={{ alignSelf: 'flex-start' }} onClick={() => onChange({ ...message, parameters: [...message.parameters, ''] })}>
              {t('workflows.message.addParameter')}
            </Button>
          )}
        </>
      )}
    </Stack>
  );
}

export function SendMessageForm({ step, onChange }: StepFormProps<'send_message'>) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <MessageFields message={step.message} onChange={(message) => onChange({ ...step, message })} />
      <Text size="xs" c="dimmed">
        {t('workflows.message.onFailureHint')}
      </Text>
    </Stack>
  );
}
