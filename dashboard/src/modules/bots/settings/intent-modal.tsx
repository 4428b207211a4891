import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Checkbox, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from '../../auth/validation';
import { serverErrors } from '../../settings/form-errors';
import { FormActions } from '../../settings/settings-ui';
import { useIntents, useSaveIntent, type Intent } from '../bots.api';
import { IntentButtonsEditor } from './intent-buttons-editor';
import { AnswerFile } from './answer-file';
import { buttonTargets, intentFields, intentFormFor, intentInputOf, validateIntent, type IntentField, type IntentForm } from './intent-form';

/**
 * Add (intent null) or edit an intent of a bot's matrix: the phrases that mean it, the answer, the buttons that
 * lead to other intents, and whether it hands the conversation to people. `example` starts a new one from a
 * customer's question.
 */
export function IntentModal({
  botId,
  opened,
  intent,
  example,
  onClose,
}: {
  botId: number;
  opened: boolean;
  intent: Intent | null;
  example?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const intents = useIntents(botId);
  const save = useSaveIntent(botId);
  const [form, setForm] = useState<IntentForm>(() => intentFormFor(intent, example));
  const [errors, setErrors] = useState<FieldErrors<IntentField>>({});
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!opened) return;
    setForm(intentFormFor(intent, example));
    setErrors({});
    setError(null);
  }, [opened, intent, example]);

  const set = <K extends keyof IntentForm>(field: K, value: IntentForm[K]) => {
    setForm((f) => ({ ...f, [field]: value }));
    setErrors((x) => ({ ...x, [field]: undefined }));
  };

  const others = (intents.data ?? []).filter((i) => i.id !== intent?.id);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const found = validateIntent(t, form, others.map((i) => i.name));
    setErrors(found);
    if (Object.keys(found).length) return;
    save.mutate(
      { id: intent?.id, ...intentInputOf(form) },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('settings.saved') });
          onClose();
        },
        onError: (err) => {
          const result = serverErrors(t, err, intentFields, { nested: ['answer'] });
          setErrors(result.fieldErrors);
          setError(result.message);
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={intent ? t('bots.intent.editTitle', { name: intent.name }) : t('bots.intent.createTitle')} centered size="xl">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <TextInput label={t('bots.intent.name')} description={t('bots.intent.nameHint')} value={form.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} required data-autofocus />
          <Textarea
            label={t('bots.intent.examples')}
            description={t('bots.intent.examplesHint')}
            value={form.examples}
            onChange={(e) => set('examples', e.currentTarget.value)}
            error={errors.examples}
            autosize
            minRows={4}
            maxRows={12}
            required
          />
          <TextInput label={t('bots.intent.keywords')} description={t('bots.intent.keywordsHint')} value={form.keywords} onChange={(e) => set('keywords', e.currentTarget.value)} error={errors.keywords} />
          <Textarea label={t('bots.intent.answer')} value={form.text} onChange={(e) => set('text', e.currentTarget.value)} error={errors.text} autosize minRows={3} maxRows={10} required />
          <AnswerFile
            attached={form.attachmentId !== null}
            name={form.attachmentName}
            onChange={(file) => setForm((f) => ({ ...f, attachmentId: file?.id ?? null, attachmentName: file?.filename ?? null }))}
          />
          <IntentButtonsEditor buttons={form.buttons} targets={buttonTargets(intents.data ?? [], intent)} onChange={(buttons) => set('buttons', buttons)} error={errors.buttons} />
          <Group gap="lg">
            <Checkbox
              label={t('bots.intent.menu')}
              description={t('bots.intent.menuHint')}
              checked={form.menu}
              onChange={(e) => set('menu', e.currentTarget.checked)}
              error={errors.menu}
              disabled={form.buttons.length === 0}
            />
            <Checkbox label={t('bots.intent.handoff')} description={t('bots.intent.handoffHint')} checked={form.handoff} onChange={(e) => set('handoff', e.currentTarget.checked)} />
          </Group>
          <FormActions onCancel={onClose} loading={save.isPending} submitLabel={intent ? t('settings.save') : t('settings.create')} />
        </Stack>
      </form>
    </Modal>
  );
}
