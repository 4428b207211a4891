import { useEffect, useState, type FormEvent } from 'react';
import { Alert, ColorInput, Modal, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from '../auth/validation';
import { serverErrors } from './form-errors';
import { FormActions } from './settings-ui';

export const tagSwatches = ['#1c7ed6', '#12b886', '#40c057', '#fab005', '#fd7e14', '#fa5252', '#e64980', '#7950f2', '#15aabf', '#868e96'];

type Field = 'name' | 'color';

/** Name (and colour, for tags) of a catalogue entry; `initial` null creates one. */
export function CatalogueModal({
  opened,
  title,
  nameLabel,
  initial,
  withColor,
  validate,
  saving,
  onSave,
  onClose,
}: {
  opened: boolean;
  title: string;
  nameLabel: string;
  initial: { name: string; color?: string } | null;
  withColor: boolean;
  validate: (form: { name: string; color: string }) => FieldErrors<Field>;
  saving: boolean;
  /** Resolves on success, rejects with the server's error. */
  onSave: (form: { name: string; color: string }) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ name: '', color: tagSwatches[0]! });
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!opened) return;
    setForm({ name: initial?.name ?? '', color: initial?.color ?? tagSwatches[0]! });
    setErrors({});
    setError(null);
  }, [opened, initial]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const found = validate(form);
    setErrors(found);
    if (Object.keys(found).length) return;
    onSave({ name: form.name.trim(), color: form.color }).then(onClose, (err: unknown) => {
      const result = serverErrors(t, err, ['name', 'color'] as const, { conflictField: 'name' });
      setErrors(result.fieldErrors);
      setError(result.message);
    });
  };

  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <TextInput
            label={nameLabel}
            value={form.name}
            onChange={(e) => {
              const name = e.currentTarget.value;
              setForm((f) => ({ ...f, name }));
              setErrors((x) => ({ ...x, name: undefined }));
            }}
            error={errors.name}
            required
            data-autofocus
          />
          {withColor && (
            <ColorInput
              label={t('settings.tags.color')}
              value={form.color}
              onChange={(color) => {
                setForm((f) => ({ ...f, color }));
                setErrors((x) => ({ ...x, color: undefined }));
              }}
              format="hex"
              swatches={tagSwatches}
              swatchesPerRow={10}
              error={errors.color}
            />
          )}
          <FormActions onCancel={onClose} loading={saving} submitLabel={initial ? t('settings.save') : t('settings.create')} />
        </Stack>
      </form>
    </Modal>
  );
}
