import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Checkbox, Group, Modal, NumberInput, Select, Stack, TagsInput, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from '../auth/validation';
import { contactFieldTypes, useSaveContactField, type ContactField, type ContactFieldType } from './contact-fields.api';
import { serverErrors } from './form-errors';
import { keyFromLabel, validateContactField } from './settings-validation';
import { FormActions } from './settings-ui';

type Field = 'key' | 'label' | 'type' | 'options' | 'required' | 'position';
const fields: Field[] = ['key', 'label', 'type', 'options', 'required', 'position'];

/** Define (field null) or change a contact custom field; a new key moves the stored values with it (the server does it). */
export function ContactFieldModal({ opened, field, defaultPosition, onClose }: { opened: boolean; field: ContactField | null; defaultPosition: number; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveContactField();
  const [form, setForm] = useState({ key: '', label: '', type: 'text' as ContactFieldType, options: [] as string[], required: false, position: 0 });
  const [keyTouched, setKeyTouched] = useState(false);
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!opened) return;
    setForm(
      field
        ? { key: field.key, label: field.label, type: field.type, options: field.options, required: field.required, position: field.position }
        : { key: '', label: '', type: 'text', options: [], required: false, position: defaultPosition },
    );
    setKeyTouched(Boolean(field));
    setErrors({});
    setError(null);
  }, [opened, field, defaultPosition]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const found = validateContactField(t, form);
    setErrors(found);
    if (Object.keys(found).length) return;
    const options = form.type === 'select' ? form.options.map((o) => o.trim()).filter(Boolean) : [];
    const key = form.key.trim();
    const body = field
      ? {
          id: field.id,
          ...(key !== field.key ? { key } : {}),
          ...(form.type !== field.type ? { type: form.type } : {}),
          label: form.label.trim(),
          options,
          required: form.required,
          position: form.position,
        }
      : { key, label: form.label.trim(), type: form.type, options, required: form.required, position: form.position };
    save.mutate(body, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('settings.saved') });
        onClose();
      },
      onError: (err) => {
        const result = serverErrors(t, err, fields, { conflictField: 'key' });
        setErrors(result.fieldErrors);
        setError(result.message);
      },
    });
  };

  return (
    <Modal opened={opened} onClose={onClose} title={field ? t('settings.contactFields.editTitle') : t('settings.contactFields.createTitle')} centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group grow align="flex-start">
            <TextInput
              label={t('settings.contactFields.label')}
              value={form.label}
              onChange={(e) => {
                const label = e.currentTarget.value;
                setForm((f) => ({ ...f, label, key: keyTouched ? f.key : keyFromLabel(label) }));
                setErrors((x) => ({ ...x, label: undefined, key: keyTouched ? x.key : undefined }));
              }}
              error={errors.label}
              required
              data-autofocus
            />
            <TextInput
              label={t('settings.contactFields.key')}
              description={field && form.key.trim() !== field.key ? t('settings.contactFields.keyChange') : t('settings.contactFields.keyHint', { example: `{{contact.${form.key.trim() || '…'}}}` })}
              value={form.key}
              onChange={(e) => {
                const key = e.currentTarget.value;
                setKeyTouched(true);
                setForm((f) => ({ ...f, key }));
                setErrors((x) => ({ ...x, key: undefined }));
              }}
              error={errors.key}
              required
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            />
          </Group>
          <Group grow align="flex-start">
            <Select
              label={t('settings.contactFields.type')}
              description={field && form.type !== field.type ? t('settings.contactFields.typeChange') : undefined}
              value={form.type}
              allowDeselect={false}
              data={contactFieldTypes.map((type) => ({ value: type, label: t(`settings.contactFields.types.${type}`) }))}
              onChange={(value) => value && setForm((f) => ({ ...f, type: value as ContactFieldType }))}
              error={errors.type}
            />
            <NumberInput
              label={t('settings.contactFields.position')}
              description={t('settings.contactFields.positionHint')}
              value={form.position}
              onChange={(value) => setForm((f) => ({ ...f, position: typeof value === 'number' ? value : 0 }))}
              min={0}
              max={10_000}
              allowDecimal={false}
              error={errors.position}
            />
          </Group>
          {form.type === 'select' && (
            <TagsInput
              label={t('settings.contactFields.options')}
              description={t('settings.contactFields.optionsHint')}
              value={form.options}
              onChange={(options) => {
                setForm((f) => ({ ...f, options }));
                setErrors((x) => ({ ...x, options: undefined }));
              }}
              error={errors.options}
              clearable
              required
            />
          )}
          <Checkbox
            label={t('settings.contactFields.required')}
            description={t('settings.contactFields.requiredHint')}
            checked={form.required}
            onChange={(e) => {
              const required = e.currentTarget.checked;
              setForm((f) => ({ ...f, required }));
            }}
          />
          <FormActions onCancel={onClose} loading={save.isPending} submitLabel={field ? t('settings.save') : t('settings.create')} />
        </Stack>
      </form>
    </Modal>
  );
}
